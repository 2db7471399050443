import {
  baggageEntryMetadataFromString,
  propagation,
  type BaggageEntry,
  type Context,
  type TextMapGetter,
  type TextMapPropagator,
  type TextMapSetter,
} from '@opentelemetry/api';
import { isTracingSuppressed, readHeader } from './internal/carrier.js';
import { isToken, trimOws } from './internal/chars.js';
import { MAX_BAGGAGE_BYTES, MAX_BAGGAGE_MEMBER_BYTES, MAX_BAGGAGE_MEMBERS, normaliseProperties, parseMember, percentEncode } from './internal/baggage-codec.js';

export const BAGGAGE_HEADER = 'baggage';

/** What the baggage propagator dropped, since it was created. */
export interface BaggageCounters {
  /** Incoming members that were malformed (bad key, value octets or property). */
  membersMalformed: number;
  /** Members dropped, in either direction, to keep within 180 members / 8192 bytes / 4096 bytes per member. */
  membersOverLimit: number;
  /** Outgoing entries whose key is not an RFC 7230 token (cannot be sent). */
  entriesInvalidKey: number;
  /** Outgoing entries whose metadata was not a valid property list: sent without it. */
  metadataDropped: number;
}

/**
 * W3C Baggage, strictly: malformed members are dropped one by one, members beyond
 * 180 / 8192 bytes total / 4096 bytes each are dropped, values are percent-decoded on extract
 * and percent-encoded on inject, properties are kept (as the entry's metadata).
 */
export class W3CBaggageStrictPropagator implements TextMapPropagator {
  private readonly _anyCase: boolean;
  private readonly _counters: BaggageCounters = { membersMalformed: 0, membersOverLimit: 0, entriesInvalidKey: 0, metadataDropped: 0 };

  constructor(options: { anyCaseHeaderNames?: boolean } = {}) {
    this._anyCase = options.anyCaseHeaderNames === true;
  }

  counters(): BaggageCounters {
    return { ...this._counters };
  }

  inject(context: Context, carrier: unknown, setter: TextMapSetter): void {
    const baggage = propagation.getBaggage(context);
    if (baggage === undefined || isTracingSuppressed(context)) return;
    let header = '';
    let members = 0;
    for (const [key, entry] of baggage.getAllEntries()) {
      const member = this._member(key, entry);
      if (member === undefined) continue;
      const added = member.length + (header === '' ? 0 : 1);
      if (members === MAX_BAGGAGE_MEMBERS || member.length > MAX_BAGGAGE_MEMBER_BYTES || header.length + added > MAX_BAGGAGE_BYTES) {
        this._counters.membersOverLimit++;
        continue;
      }
      header += (header === '' ? '' : ',') + member;
      members++;
    }
    if (header !== '') setter.set(carrier, BAGGAGE_HEADER, header);
  }

  extract(context: Context, carrier: unknown, getter: TextMapGetter): Context {
    try {
      const raw = readHeader(getter, carrier, BAGGAGE_HEADER, this._anyCase);
      if (raw === undefined) return context;
      return this._extract(context, typeof raw === 'string' ? raw : raw.join(','));
    } catch {
      return context;
    }
  }

  fields(): string[] {
    return [BAGGAGE_HEADER];
  }

  private _member(key: string, entry: BaggageEntry): string | undefined {
    if (!isToken(key)) {
      this._counters.entriesInvalidKey++;
      return undefined;
    }
    let member = key + '=' + percentEncode(String(entry.value));
    const meta = entry.metadata?.toString();
    if (meta !== undefined && trimOws(meta) !== '') {
      const props = normaliseProperties(meta);
      if (props === undefined) this._counters.metadataDropped++;
      else member += ';' + props;
    }
    return member;
  }

  private _extract(context: Context, header: string): Context {
    const entries: Record<string, BaggageEntry> = Object.create(null) as Record<string, BaggageEntry>;
    let count = 0;
    let bytes = 0;
    let start = 0;
    const len = header.length;
    while (start <= len) {
      let end = header.indexOf(',', start);
      if (end === -1) end = len;
      const raw = trimOws(header.slice(start, end));
      start = end + 1;
      if (raw === '') continue; // empty members (e.g. from joining repeated headers) are skipped
      const m = parseMember(raw);
      if (m === undefined) {
        this._counters.membersMalformed++;
        continue;
      }
      const isNew = !(m.key in entries);
      if (raw.length > MAX_BAGGAGE_MEMBER_BYTES || (isNew && count === MAX_BAGGAGE_MEMBERS) || bytes + raw.length + (count > 0 ? 1 : 0) > MAX_BAGGAGE_BYTES) {
        this._counters.membersOverLimit++;
        continue;
      }
      const entry: BaggageEntry = m.metadata === undefined ? { value: m.value } : { value: m.value, metadata: baggageEntryMetadataFromString(m.metadata) };
      bytes += raw.length + (count > 0 ? 1 : 0);
      if (isNew) count++;
      entries[m.key] = entry;
    }
    if (count === 0) return context;
    return propagation.setBaggage(context, propagation.createBaggage(entries));
  }
}
