/**
 * The transport's redaction hook for its own Meridian logger. It is switched off for the duration of
 * one synchronous log call when meridianFormat already redacted the record (measured below, README
 * "Figures"), and on otherwise.
 *
 * Safety: the logger serialises each request-context snapshot once and caches the text. A snapshot
 * first serialised with the hook off would be cached unredacted, so the hook is only switched off for
 * snapshots this transport has already logged with it on (`seen`), and outside any context.
 */
import type { RedactionHook } from '@meridian/logger';
import type { Redactor } from '@meridian/redact';

export class SwitchableHook implements RedactionHook {
  on = true;
  readonly seen = new WeakSet<object>();
  constructor(private readonly redactor: Redactor) {}
  redactString(s: string): string {
    return this.on ? this.redactor.redact(s) : s;
  }
  isSensitiveKey(key: string): boolean {
    return this.on && this.redactor.isSensitiveKey(key);
  }
}
