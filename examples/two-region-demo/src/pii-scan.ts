/**
 * Looking for the planted personal values in everything the collector received (and in any other
 * text), in the forms a leak would take: as typed, grouped differently, or percent-encoded in a URL.
 */
import type { DevLogRecord, DevSpan, DevValue } from '@meridian/devtools';
import { normalise, type PlantedValue } from './scenario.js';

export interface Leak {
  readonly planted: PlantedValue;
  /** Where it was found, e.g. `span "POST /charges" (payments) attribute url.query`. */
  readonly where: string;
  /** The text it was found in (cut to 160 characters). */
  readonly text: string;
}

function forms(text: string): string[] {
  const out = [normalise(text)];
  if (text.includes('%')) {
    try {
      out.push(normalise(decodeURIComponent(text.replace(/\+/g, ' '))));
    } catch {
      // not percent-encoding after all
    }
  }
  return out;
}

export class LeakScanner {
  readonly leaks: Leak[] = [];
  /** Strings looked at (so a scan over nothing cannot pass unnoticed). */
  scanned = 0;

  constructor(private readonly planted: readonly PlantedValue[]) {}

  /** Check one piece of text. */
  text(text: string, where: string): void {
    this.scanned++;
    const fs = forms(text);
    for (const p of this.planted) {
      if (p.needles.some((n) => fs.some((f) => f.includes(n)))) {
        this.leaks.push({ planted: p, where, text: text.length > 160 ? `${text.slice(0, 160)}…` : text });
      }
    }
  }

  /** Check an attribute or body value at any depth (keys included). */
  value(v: DevValue | undefined, where: string): void {
    if (v === null || v === undefined) return;
    if (typeof v === 'string') this.text(v, where);
    else if (typeof v === 'number' || typeof v === 'bigint') this.text(String(v), where);
    else if (v instanceof Uint8Array) this.text(Buffer.from(v).toString('utf8'), where);
    else if (Array.isArray(v)) v.forEach((x, i) => this.value(x, `${where}[${i}]`));
    else if (typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        this.text(k, `${where} key`);
        this.value(x, `${where}.${k}`);
      }
    }
  }

  attributes(attrs: Record<string, DevValue>, where: string): void {
    for (const [k, v] of Object.entries(attrs)) {
      this.text(k, `${where} attribute name`);
      this.value(v, `${where} attribute ${k}`);
    }
  }

  span(s: DevSpan): void {
    const where = `span ${s.spanId} "${s.name}" (${String(s.resource['service.name'])})`;
    this.text(s.name, `${where} name`);
    this.attributes(s.attributes, where);
    this.attributes(s.resource, `${where} resource`);
    this.text(s.status.message, `${where} status message`);
    for (const e of s.events) {
      this.text(e.name, `${where} event name`);
      this.attributes(e.attributes, `${where} event "${e.name}"`);
    }
    for (const l of s.links) this.attributes(l.attributes, `${where} link`);
  }

  log(r: DevLogRecord): void {
    const where = `log record "${typeof r.body === 'string' ? r.body.slice(0, 60) : '(structured)'}" (${String(r.resource['service.name'])})`;
    this.value(r.body, `${where} body`);
    this.attributes(r.attributes, where);
    this.attributes(r.resource, `${where} resource`);
    this.text(r.eventName, `${where} event name`);
  }
}
