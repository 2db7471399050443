import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { redactSpanAttributes, type Redactor } from '@meridian/redact';

/** The parts of an ended span redaction rewrites (the SDK's span object keeps them as plain, writable properties). */
interface Rewritable {
  name: string;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes?: Record<string, unknown> }>;
  links: Array<{ attributes?: Record<string, unknown> }>;
  status: { code: number; message?: string };
}

function rewriteInPlace(target: Record<string, unknown>, redacted: Record<string, unknown>): void {
  for (const k of Object.keys(redacted)) {
    if (target[k] !== redacted[k]) target[k] = redacted[k];
  }
}

/**
 * Masks personal data and secrets in every span before any exporting processor sees it: the span
 * name, attributes (`url.full`: `REDACTED:REDACTED@` userinfo and sensitive query values `REDACTED`,
 * per the OpenTelemetry HTTP conventions; every other value by content and by attribute name),
 * event names and attributes (exception messages and stacks included), link attributes and the
 * status message. It runs first in the chain and rewrites the ended span in place, so nothing
 * downstream — exporters, other processors — can see the clear values. Never throws.
 */
export class RedactingSpanProcessor implements SpanProcessor {
  /** Spans whose rewrite failed; their name and attributes were replaced wholesale (safest). */
  failures = 0;

  constructor(private readonly redactor: Redactor) {}

  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    const s = span as unknown as Rewritable;
    const r = this.redactor;
    try {
      const name = r.redact(s.name);
      if (name !== s.name) s.name = name;
      rewriteInPlace(s.attributes, redactSpanAttributes(s.attributes, r));
      for (const e of s.events) {
        const en = r.redact(e.name);
        if (en !== e.name) e.name = en;
        if (e.attributes !== undefined) rewriteInPlace(e.attributes, redactSpanAttributes(e.attributes, r));
      }
      for (const l of s.links) if (l.attributes !== undefined) rewriteInPlace(l.attributes, redactSpanAttributes(l.attributes, r));
      if (typeof s.status.message === 'string') {
        const m = r.redact(s.status.message);
        if (m !== s.status.message) s.status.message = m;
      }
    } catch {
      this.failures++;
      try {
        s.name = '[REDACTED:error]';
        for (const k of Object.keys(s.attributes)) s.attributes[k] = '[REDACTED:error]';
        s.events.length = 0;
      } catch {
        // nothing left to try; the exporters still never see a throw
      }
    }
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
