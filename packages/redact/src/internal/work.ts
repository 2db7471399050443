/**
 * A count of scanning work, so that tests can prove linear time without a clock: every loop of the
 * scanner adds the characters it visited (the prefilter, each detector's forward scans and bounded
 * look-backs, the escape decoder, the numeric windows, the merge, the replacement), each regular
 * expression `exec` adds the stretch of text from where it started to where it stopped, and each
 * validation adds its (bounded) input length. A loop that re-reads text it has already passed shows
 * up as extra steps. What it cannot see is the engine's work inside one `exec`; the patterns are
 * bounded and start with a lookbehind for that reason (see the README), and the timings stay in bench/.
 *
 * One float (not an object field: no heap number allocated per update), reset and read by tests.
 */
export const WORK = new Float64Array(1);

/** Steps counted since the last reset. */
export function workSteps(): number {
  return WORK[0]!;
}

export function resetWork(): void {
  WORK[0] = 0;
}

/** `re.exec(s)` for a global or sticky pattern, counting the text from where it started to where it stopped. */
export function execCounted(re: RegExp, s: string): RegExpExecArray | null {
  const from = re.lastIndex;
  const m = re.exec(s);
  WORK[0]! += (m === null ? s.length : re.lastIndex) - from + 1;
  return m;
}

/** `s.indexOf(needle, from)`, counting the text searched. */
export function indexOfCounted(s: string, needle: string, from: number): number {
  const k = s.indexOf(needle, from);
  WORK[0]! += (k < 0 ? s.length : k) - from + 1;
  return k;
}
