/**
 * Response bodies per the OTLP/HTTP spec, in the request's encoding:
 *   ExportTraceServiceResponse / ExportLogsServiceResponse: partial_success 1
 *     ExportTracePartialSuccess: rejected_spans 1 (int64), error_message 2
 *     ExportLogsPartialSuccess:  rejected_log_records 1 (int64), error_message 2
 *   google.rpc.Status (for 4xx): code 1 (int32), message 2, details 3
 */

export type BodyEncoding = 'protobuf' | 'json';

/** google.rpc.Code INVALID_ARGUMENT. */
export const RPC_INVALID_ARGUMENT = 3;

function varint(n: number, out: number[]): void {
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
}

function lenField(field: number, payload: Uint8Array, out: number[]): void {
  varint((field << 3) | 2, out);
  varint(payload.length, out);
  for (const b of payload) out.push(b);
}

export function exportResponse(encoding: BodyEncoding, signal: 'traces' | 'logs', rejected: number, errorMessage: string): Buffer {
  if (encoding === 'json') {
    if (rejected === 0) return Buffer.from('{}');
    const countKey = signal === 'traces' ? 'rejectedSpans' : 'rejectedLogRecords';
    return Buffer.from(JSON.stringify({ partialSuccess: { [countKey]: String(rejected), errorMessage } }));
  }
  if (rejected === 0) return Buffer.alloc(0);
  const inner: number[] = [];
  varint(1 << 3, inner);
  varint(rejected, inner);
  lenField(2, Buffer.from(errorMessage, 'utf8'), inner);
  const out: number[] = [];
  lenField(1, Uint8Array.from(inner), out);
  return Buffer.from(out);
}

export function statusBody(encoding: BodyEncoding, code: number, message: string): Buffer {
  if (encoding === 'json') return Buffer.from(JSON.stringify({ code, message }));
  const out: number[] = [];
  varint(1 << 3, out);
  varint(code, out);
  lenField(2, Buffer.from(message, 'utf8'), out);
  return Buffer.from(out);
}
