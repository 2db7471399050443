// Type tests of @meridian/devtools's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import {
  type DevCollector,
  type DevCollectorOptions,
  type DevSpan,
  type DevTrace,
  groupTraces,
  renderHtmlReport,
  renderWaterfall,
  startDevCollector,
} from '@meridian/devtools';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const options: DevCollectorOptions = { port: 0, host: '127.0.0.1', maxBodyBytes: 16 * 1024 * 1024, maxSpans: 100_000, maxLogs: 100_000 };
const collector: DevCollector = await startDevCollector(options);
// @ts-expect-error: misspelt option (maxSpans)
await startDevCollector({ maxSpan: 10 });
// @ts-expect-error: the port is a number
await startDevCollector({ port: '4318' });
const url: string = collector.url;
const spans: DevSpan[] = collector.spans();
const traces: DevTrace[] = groupTraces(spans);
const snapshot = await collector.waitFor((s) => s.spans.length > 0, 5000);
expectTrue<Equal<typeof snapshot.spans, readonly DevSpan[]>>(true);
for (const trace of traces) {
  const text: string = renderWaterfall(trace, collector.logs(), { width: 120, color: false, logAttributes: 3 });
  // @ts-expect-error: misspelt option (color)
  renderWaterfall(trace, [], { colour: true });
  void text;
}
const html: string = renderHtmlReport(traces, collector.logs(), { title: 'checkout', generatedAt: new Date() });
// @ts-expect-error: generatedAt is a Date
renderHtmlReport(traces, [], { generatedAt: '2026-01-01' });
await collector.close();
void [url, html];
