/**
 * Index / data stream names from a template such as `logs-{service}-default`.
 * Elasticsearch index names: lowercase, none of \ / * ? " < > | space , # :, not starting with
 * - _ +, not . or .., at most 255 bytes. The service is also made a valid data stream *dataset*
 * (no `-`, at most 100 characters), as Fleet does: `payments-api` → `payments_api`.
 */
import { ERR_CONFIG_INVALID, MeridianError } from '@meridian/config';

const NOT_DATASET = /[^a-z0-9_.]/g;
const VALID_INDEX = /^[a-z0-9][a-z0-9._+-]*$/;

/** The service name as used inside an index name. */
export function datasetOf(service: string): string {
  const s = service.toLowerCase().replace(NOT_DATASET, '_').slice(0, 100);
  return s === '' ? 'unknown' : s;
}

/** Check a template once (with a sample service); throws the error users see. */
export function checkIndexTemplate(template: string): void {
  const sample = template.split('{service}').join('x');
  if (!VALID_INDEX.test(sample) || Buffer.byteLength(sample) > 200) {
    throw new MeridianError(
      ERR_CONFIG_INVALID,
      `elasticsearch: index ${JSON.stringify(template)} is not a valid Elasticsearch index or data stream name; ` +
        'accepted: lowercase letters, digits, . _ - +, not starting with - _ +, optionally containing {service} (e.g. logs-{service}-default)',
    );
  }
}

/** service → index name, bounded (a few services per process in practice). */
export class IndexNames {
  private readonly cache = new Map<string, string>();
  private readonly hasToken: boolean;

  constructor(private readonly template: string) {
    this.hasToken = template.includes('{service}');
  }

  get(service: string): string {
    if (!this.hasToken) return this.template;
    let name = this.cache.get(service);
    if (name === undefined) {
      if (this.cache.size >= 256) this.cache.clear();
      name = this.template.split('{service}').join(datasetOf(service));
      this.cache.set(service, name);
    }
    return name;
  }
}
