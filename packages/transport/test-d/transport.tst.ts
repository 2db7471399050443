// Type tests of @meridian/transport's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import {
  type Destination,
  type ExportResult,
  type Exporter,
  type LogEntry,
  type Transport,
  type TransportOptions,
  type TransportStats,
  createHttpNdjsonExporter,
  createTransport,
  createTransportFor,
  registerExporter,
} from '@meridian/transport';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const exporter: Exporter = {
  name: 'my-http',
  network: true,
  encode: (records: readonly LogEntry[]) => records.map((r) => r.line).join('\n'),
  send: async (): Promise<ExportResult> => ({ outcome: 'ok' }),
};
const retry: ExportResult = { outcome: 'retryable', retryAfterMs: 1000 };
// @ts-expect-error: not an outcome
const unknownOutcome: ExportResult = { outcome: 'maybe' };
// @ts-expect-error: an exporter says whether it talks over a network
const incomplete: Exporter = { name: 'x', encode: () => '', send: async () => ({ outcome: 'ok' as const }) };

const options: TransportOptions = {
  exporter,
  queueMaxRecords: 10_000,
  queueFullPolicy: 'drop_oldest',
  batchDelayMs: 200,
  compression: 'gzip',
  gzipLevel: 3,
  maxAttempts: 5,
  spoolDir: '/var/spool/meridian',
  metrics: true,
  closeTimeoutMs: 5000,
};
const transport: Transport = createTransport(options);
// @ts-expect-error: misspelt option (batchDelayMs)
createTransport({ exporter, batchDelay: 200 });
// @ts-expect-error: not a queue-full policy
createTransport({ exporter, queueFullPolicy: 'drop_everything' });
// @ts-expect-error: sizes are numbers
createTransport({ exporter, queueMaxBytes: '10MB' });
// @ts-expect-error: compression is gzip or none
createTransport({ exporter, compression: 'brotli' });

const stats: TransportStats = transport.getStats();
const sent: number = stats.sent;
const dropped: number = stats.dropped.queue_full;
expectTrue<Equal<ReturnType<Transport['flush']>, Promise<void>>>(true);
const destination: Destination = transport; // what a logger's `destinations` take

registerExporter('my-http', () => exporter);
// @ts-expect-error: a factory returns an exporter
registerExporter('my-http', () => 'not an exporter');
createTransportFor('my-http', { batchDelayMs: 100 });
// @ts-expect-error: createTransportFor takes its exporter from the registry, not from the options
createTransportFor('my-http', { exporter });
createHttpNdjsonExporter({ url: 'https://logs.example.com/ingest', headers: { authorization: 'Bearer x' } });
// @ts-expect-error: the url is required
createHttpNdjsonExporter({ name: 'http' });
void [retry, unknownOutcome, incomplete, sent, dropped, destination];
