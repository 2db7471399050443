/**
 * Every record a transport cannot keep is counted (stats, metrics) AND reported on stderr with its
 * code: once per transport and reason when it first happens, and once as an exact summary when the
 * transport closes or the process exits. Nothing is lost silently.
 */
import { diagnose } from '@meridian/config';
import type { DropReason } from './stats.js';

export const ERR_RECORDS_DROPPED = 'MERIDIAN_ERR_RECORDS_DROPPED';
export const ERR_DESTINATION_UNREACHABLE = 'MERIDIAN_ERR_DESTINATION_UNREACHABLE';

/** What each reason means for a user, and what keeps the records next time. */
const WHY: Record<DropReason, string> = {
  queue_full:
    'the in-memory queue reached MERIDIAN_QUEUE_MAX_RECORDS / MERIDIAN_QUEUE_MAX_BYTES (the destination is slower than the service logs, or unreachable); set MERIDIAN_SPOOL_DIR to spill to disk instead',
  permanent: 'the destination refused them for good (see getStats().lastError)',
  max_attempts: 'they failed MERIDIAN_MAX_ATTEMPTS times with retryable errors',
  closed: 'they were written after close()',
  shutdown: 'they were still undelivered when close() gave up and no MERIDIAN_SPOOL_DIR was set',
  exit: 'they were still in memory when the process exited and no MERIDIAN_SPOOL_DIR was set',
  spool_full: 'the disk spool reached MERIDIAN_SPOOL_MAX_BYTES',
  spool_corrupt: 'they were damaged in the spool file',
  encode_error: 'the exporter could not encode them',
  refused: 'the exporter refused to start (see the diagnostic naming it)',
};

export class DropReport {
  private readonly reported = new Set<DropReason>();
  private summarised = false;
  private unreachableSaid = false;

  constructor(private readonly name: string) {}

  /**
   * The destination stopped answering (refused, reset, timed out, 502/503/504, 429): said once per
   * transport, not per retry; the transport keeps probing quietly under backoff.
   */
  unreachable(error: string | undefined, spooled: boolean): void {
    if (this.unreachableSaid) return;
    this.unreachableSaid = true;
    diagnose(
      ERR_DESTINATION_UNREACHABLE,
      `exporter "${this.name}" cannot reach its destination (${error ?? 'unavailable'}); ` +
        `records wait in the bounded queue${spooled ? ' and the spool' : ''} and are retried quietly with backoff (said once; getStats().unavailableSince, /metrics)`,
    );
  }

  /** The first drop of `reason` for this transport: one line. */
  first(reason: DropReason): void {
    if (this.reported.has(reason)) return;
    this.reported.add(reason);
    diagnose(
      ERR_RECORDS_DROPPED,
      `exporter "${this.name}" is dropping records (${reason}): ${WHY[reason]}; every drop is counted in getStats().dropped and on /metrics`,
    );
  }

  /** At close or exit: the exact count by reason, once, if anything was lost. */
  summary(dropped: Readonly<Record<DropReason, number>>, total: number, when: 'close' | 'exit'): void {
    if (this.summarised || total === 0) return;
    this.summarised = true;
    const parts: string[] = [];
    for (const r of Object.keys(dropped) as DropReason[]) if (dropped[r] > 0) parts.push(`${r}: ${dropped[r]}`);
    diagnose(
      ERR_RECORDS_DROPPED,
      `exporter "${this.name}" lost ${total} record${total === 1 ? '' : 's'} in this process, counted by reason (${parts.join(', ')}), reported at ${when}`,
    );
  }
}
