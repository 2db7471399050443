/**
 * Ignored paths (`MERIDIAN_HTTP_IGNORE_PATHS` / `ignorePaths`): an entry is an exact path, or a prefix
 * when it ends in `*`. Compiled once into a Set and a prefix list; matching is a Set lookup plus a
 * short loop of `startsWith`, no regex per request.
 */
export class PathMatcher {
  private readonly exact: Set<string>;
  private readonly prefixes: string[];
  readonly empty: boolean;

  constructor(entries: readonly string[]) {
    this.exact = new Set();
    this.prefixes = [];
    for (const raw of entries) {
      const entry = raw.trim();
      if (entry === '') continue;
      if (entry.endsWith('*')) this.prefixes.push(entry.slice(0, -1));
      else this.exact.add(entry);
    }
    this.empty = this.exact.size === 0 && this.prefixes.length === 0;
  }

  matches(path: string): boolean {
    if (this.empty) return false;
    if (this.exact.has(path)) return true;
    const list = this.prefixes;
    for (let i = 0; i < list.length; i++) if (path.startsWith(list[i])) return true;
    return false;
  }
}
