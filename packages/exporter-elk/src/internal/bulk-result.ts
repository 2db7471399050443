/**
 * A 2xx `_bulk` answer → an ExportResult, item by item (items come in request order):
 * - 2xx: stored.
 * - 409 on `create`: a document with this `_id` is already stored — an earlier send of the same
 *   record arrived but its answer did not (timeout, reset). Counted as delivered, not resent.
 * - 429 and 5xx: retryable; only these items are sent again.
 * - any other status (400 mapper_parsing_exception / document_parsing_exception, 403, 404 …):
 *   the document itself is refused and will be refused again: dropped, counted as permanent.
 * When nothing was stored and every failure says the cluster is busy or unavailable (429/502/503/504),
 * the whole batch is retryable and `unavailable`, so a rejection storm does not use up attempts.
 */
import type { ExportResult, RecordFailure } from '@meridian/transport';

interface BulkItem {
  status?: unknown;
  error?: { type?: unknown; reason?: unknown } | string;
}

interface BulkBody {
  errors?: unknown;
  items?: unknown;
}

function isUnavailable(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

function describe(item: BulkItem, status: number): string {
  const e = item.error;
  if (typeof e === 'string') return `${status} ${e}`;
  if (e === undefined || e === null) return String(status);
  const type = typeof e.type === 'string' ? e.type : 'error';
  const reason = typeof e.reason === 'string' ? `: ${e.reason.slice(0, 200)}` : '';
  return `${status} ${type}${reason}`;
}

export function bulkOutcome(text: string, n: number, host: string): ExportResult {
  let body: BulkBody;
  try {
    body = JSON.parse(text) as BulkBody;
  } catch {
    // we cannot tell what was stored: send all again (documents carry _ids, so stored ones answer 409)
    return { outcome: 'retryable', error: `unreadable _bulk answer from ${host}` };
  }
  if (body.errors === false) return { outcome: 'ok' };
  const items = Array.isArray(body.items) ? (body.items as unknown[]) : [];
  const failed: RecordFailure[] = [];
  let stored = 0;
  let busy = 0;
  let firstDrop: string | undefined;
  let firstRetry: string | undefined;
  for (let i = 0; i < n; i++) {
    const wrapper = items[i];
    let item: BulkItem | undefined;
    if (typeof wrapper === 'object' && wrapper !== null) {
      for (const k in wrapper) {
        item = (wrapper as Record<string, BulkItem>)[k];
        break;
      }
    }
    const status = typeof item?.status === 'number' ? item.status : 0;
    if ((status >= 200 && status < 300) || status === 409) {
      stored++;
      continue;
    }
    if (item === undefined || status === 0 || status === 429 || status >= 500) {
      // no answer for this item, or the cluster was busy: may succeed later
      if (isUnavailable(status)) busy++;
      firstRetry ??= item === undefined ? 'no item result' : describe(item, status);
      failed.push({ index: i, retryable: true, error: firstRetry });
    } else {
      const why = describe(item, status);
      firstDrop ??= why;
      failed.push({ index: i, retryable: false, error: why });
    }
  }
  if (failed.length === 0) return { outcome: 'ok' };
  if (stored === 0 && busy === failed.length) {
    return { outcome: 'retryable', unavailable: true, error: `all ${n} documents rejected by ${host} (${firstRetry})` };
  }
  const drops = failed.length - failed.filter((f) => f.retryable).length;
  const parts: string[] = [];
  if (drops > 0) parts.push(`${drops} dropped (${firstDrop})`);
  if (drops < failed.length) parts.push(`${failed.length - drops} to retry (${firstRetry})`);
  // Items retried only because the cluster was busy (429/503…) use up no attempt (transport rule).
  const retryable = failed.length - drops;
  return { outcome: 'partial', failed, unavailable: retryable > 0 && busy === retryable, error: `${parts.join(', ')} of ${n} documents sent to ${host}` };
}
