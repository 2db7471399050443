// Type tests of @meridian/exporter-otlp's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import type { Transport } from '@meridian/transport';
import {
  type OtlpLogExporter,
  type OtlpLogExporterOptions,
  type OtlpLogProtocol,
  createOtlpLogExporter,
  createOtlpLogTransport,
  encodeLogsJson,
  encodeLogsProtobuf,
} from '@meridian/exporter-otlp';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const options: OtlpLogExporterOptions = {
  endpoints: ['https://otel-eu.example.com/v1/logs', 'https://otel-us.example.com/v1/logs'],
  protocol: 'http/protobuf',
  headers: { authorization: 'Bearer x' },
  compression: 'gzip',
  timeoutMs: 10_000,
  region: 'eu-central-1',
  resource: { 'deployment.environment.name': 'prod' },
  failbackIntervalMs: 30_000,
};
const exporter: OtlpLogExporter = createOtlpLogExporter(options);
createOtlpLogExporter({ endpoints: 'http://127.0.0.1:4318/v1/logs', protocol: 'http/json' });
const protocol: OtlpLogProtocol = exporter.protocol;
// @ts-expect-error: misspelt option (endpoints)
createOtlpLogExporter({ endpoint: 'https://otel.example.com/v1/logs' });
// @ts-expect-error: grpc is not a protocol of this exporter (OTLP/HTTP only)
createOtlpLogExporter({ protocol: 'grpc' });
// @ts-expect-error: compression is gzip or none
createOtlpLogExporter({ compression: 'zstd' });
// @ts-expect-error: header values are strings
createOtlpLogExporter({ headers: { 'x-retries': 3 } });
const { transport, exporter: same }: { transport: Transport; exporter: OtlpLogExporter } = createOtlpLogTransport({
  ...options,
  transport: { batchDelayMs: 200 },
});
expectTrue<Equal<ReturnType<typeof encodeLogsProtobuf>, Uint8Array>>(true);
expectTrue<Equal<ReturnType<typeof encodeLogsJson>, string>>(true);
void [protocol, transport, same];
