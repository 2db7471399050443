/**
 * OTLP/HTTP answers: Export{Logs,Trace}ServiceResponse { partial_success 1 { rejected_log_records / rejected_spans 1 (int64),
 * error_message 2 } } on 2xx, google.rpc.Status { code 1, message 2 } on errors; protobuf or JSON.
 */

export interface PartialSuccess {
  rejected: number;
  message: string;
}

function isJson(contentType: string | undefined, requestJson: boolean): boolean {
  if (contentType === undefined || contentType === '') return requestJson;
  return contentType.includes('json');
}

/** Read fields of one protobuf message; calls `on` for varint and length-delimited fields. Stops quietly on malformed input. */
function scan(b: Uint8Array, start: number, end: number, on: (field: number, varint: number, from: number, to: number) => void): void {
  let p = start;
  const varint = (): number => {
    let n = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (p >= end) return -1;
      const byte = b[p++]!;
      n += (byte & 0x7f) * mul;
      if (byte < 0x80) return n;
      mul *= 128;
    }
    return -1;
  };
  while (p < end) {
    const tag = varint();
    if (tag < 0) return;
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) {
      const v = varint();
      if (v < 0) return;
      on(field, v, 0, 0);
    } else if (wire === 2) {
      const len = varint();
      if (len < 0 || p + len > end) return;
      on(field, 0, p, p + len);
      p += len;
    } else if (wire === 1) p += 8;
    else if (wire === 5) p += 4;
    else return;
  }
}

/** rejected_log_records (0 when absent or unreadable) and error_message of a 2xx answer. */
export function parsePartialSuccess(body: Buffer, contentType: string | undefined, requestJson: boolean): PartialSuccess {
  const out: PartialSuccess = { rejected: 0, message: '' };
  if (body.length === 0) return out;
  if (isJson(contentType, requestJson)) {
    try {
      const root = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
      const ps = (root.partialSuccess ?? root.partial_success) as Record<string, unknown> | undefined;
      if (ps === undefined || ps === null || typeof ps !== 'object') return out;
      const n = Number(ps.rejectedLogRecords ?? ps.rejected_log_records ?? ps.rejectedSpans ?? ps.rejected_spans ?? 0);
      out.rejected = Number.isSafeInteger(n) && n > 0 ? n : 0;
      const msg = ps.errorMessage ?? ps.error_message;
      out.message = typeof msg === 'string' ? msg : '';
    } catch {
      // not JSON after all: nothing to count
    }
    return out;
  }
  scan(body, 0, body.length, (field, _v, from, to) => {
    if (field !== 1 || to === 0) return;
    scan(body, from, to, (f, v, a, b) => {
      if (f === 1) out.rejected = v;
      else if (f === 2 && b > 0) out.message = body.toString('utf8', a, b);
    });
  });
  return out;
}

/** The `message` of a google.rpc.Status error answer, cut to 200 characters; '' when none. */
export function statusMessage(body: Buffer, contentType: string | undefined, requestJson: boolean): string {
  let msg = '';
  if (body.length === 0) return msg;
  if (isJson(contentType, requestJson)) {
    try {
      const m = (JSON.parse(body.toString('utf8')) as { message?: unknown }).message;
      if (typeof m === 'string') msg = m;
    } catch {
      msg = '';
    }
  } else if (contentType === undefined || contentType.includes('protobuf')) {
    scan(body, 0, body.length, (f, _v, a, b) => {
      if (f === 2 && b > 0) msg = body.toString('utf8', a, b);
    });
  } else {
    msg = body.toString('utf8', 0, Math.min(body.length, 200));
  }
  return msg.length > 200 ? `${msg.slice(0, 200)}…` : msg;
}
