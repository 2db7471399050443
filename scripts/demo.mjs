// `pnpm demo` (after `tsc -b`): two services in two regions — checkout (Express, ap-east-1) calling
// payments (Fastify, eu-central-1) — followed end to end on an embedded OTLP/HTTP collector.
// Prints one waterfall per trace (spans of both services, each with its log lines), writes the same
// view to demo-report.html, then the checks. Exits 0 when every check passes, 1 otherwise.
// The core is examples/two-region-demo/src/run-demo.ts (also run by test/src/demo.e2e.test.ts).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const runDemoJs = fileURLToPath(new URL('../examples/two-region-demo/dist/run-demo.js', import.meta.url));
if (!existsSync(runDemoJs)) {
  console.error(`demo: FAILED: ${runDemoJs} is missing; build first: pnpm demo (runs tsc -b), or npx tsc -b examples/two-region-demo`);
  process.exit(1);
}
const { runDemo } = await import(runDemoJs);

const MAX_LINES_PER_CHECK = 12;
let result;
try {
  result = await runDemo({ quiet: false });
} catch (e) {
  console.error(`\ndemo: FAILED: the demo could not run: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
}

console.log(
  `\nChecks (${result.traces} traces for ${result.expectedTraces} requests, ${result.spans} spans, ${result.logs} log records, ${(result.durationMs / 1000).toFixed(1)} s):`,
);
for (const c of result.checks) {
  console.log(`  ${c.ok ? '✓' : '✗'} ${c.id.padEnd(8)} ${c.title}`);
  for (const p of c.problems.slice(0, MAX_LINES_PER_CHECK)) console.log(`               - ${p}`);
  if (c.problems.length > MAX_LINES_PER_CHECK) console.log(`               (+${c.problems.length - MAX_LINES_PER_CHECK} more)`);
}
if (result.ok) {
  console.log('\ndemo: OK — one trace per request across both regions, UTC everywhere, personal data masked, debug lines only for the failed request.');
} else {
  if (result.serviceOutput !== '') console.error(`\n${result.serviceOutput}`);
  const failed = result.checks.filter((c) => !c.ok).map((c) => c.id);
  console.error(`\ndemo: FAILED: ${failed.length} check(s) failed: ${failed.join(', ')} (details above)`);
  process.exitCode = 1;
}
