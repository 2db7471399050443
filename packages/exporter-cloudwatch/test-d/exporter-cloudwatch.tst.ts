// Type tests of @meridian/exporter-cloudwatch's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import type { Exporter, Transport } from '@meridian/transport';
import {
  type CloudWatchExporter,
  type CloudWatchExporterOptions,
  type CloudWatchRoute,
  createCloudWatchDestination,
  createCloudWatchExporter,
  TRUNCATED_FIELD,
} from '@meridian/exporter-cloudwatch';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const routes: CloudWatchRoute[] = [{ levels: ['error', 'fatal'], logGroup: '/shop/errors', retentionDays: 90 }];
const options: CloudWatchExporterOptions = {
  logGroup: '/shop/orders',
  logStream: '{service}-{region}-{instance}',
  region: 'eu-central-1',
  routes,
  retentionDays: 30,
  maxConcurrentPuts: 4,
  credentials: { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' },
};
const exporter: CloudWatchExporter = createCloudWatchExporter(options);
const asExporter: Exporter = exporter;
const streamName: string = exporter.logStreamName;
const destination: Transport = createCloudWatchDestination({ ...options, transport: { batchDelayMs: 1000, spoolDir: '/var/spool/meridian' } });
// @ts-expect-error: misspelt option (logGroup)
createCloudWatchExporter({ logGroupName: '/shop/orders' });
// @ts-expect-error: retention days are a number
createCloudWatchExporter({ retentionDays: '30' });
// @ts-expect-error: a route's levels are Meridian levels
createCloudWatchExporter({ routes: [{ levels: ['critical'], logGroup: '/shop/errors' }] });
// @ts-expect-error: the destination sets the transport's exporter itself
createCloudWatchDestination({ transport: { exporter } });
expectTrue<Equal<typeof TRUNCATED_FIELD, 'meridian_truncated'>>(true);
void [asExporter, streamName, destination];
