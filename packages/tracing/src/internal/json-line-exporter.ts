import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

type HrTime = readonly [number, number];

const KINDS = ['internal', 'server', 'client', 'producer', 'consumer'];
const STATUS = ['unset', 'ok', 'error'];

function iso(t: HrTime): string {
  return new Date(t[0] * 1000 + Math.floor(t[1] / 1e6)).toISOString();
}

function hex2(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}

/** Milliseconds between two times, to the microsecond. */
function durationMs(start: HrTime, end: HrTime): number {
  const ns = (end[0] - start[0]) * 1e9 + (end[1] - start[1]);
  return Math.round(Math.max(0, ns) / 1000) / 1000;
}

/** The line's object: fixed key order, optional parts only when present. */
export function spanLine(span: ReadableSpan): Record<string, unknown> {
  const sc = span.spanContext();
  const out: Record<string, unknown> = {
    timestamp: iso(span.startTime),
    type: 'span',
    service: span.resource.attributes['service.name'],
    name: span.name,
    trace_id: sc.traceId,
    span_id: sc.spanId,
  };
  if (span.parentSpanContext?.spanId) out.parent_span_id = span.parentSpanContext.spanId;
  out.trace_flags = hex2(sc.traceFlags);
  out.kind = KINDS[span.kind] ?? 'internal';
  out.duration_ms = durationMs(span.startTime, span.endTime);
  out.status = span.status.message
    ? { code: STATUS[span.status.code] ?? 'unset', message: span.status.message }
    : { code: STATUS[span.status.code] ?? 'unset' };
  out.attributes = span.attributes;
  if (span.events.length > 0)
    out.events = span.events.map((e) => ({ timestamp: iso(e.time), name: e.name, ...(e.attributes ? { attributes: e.attributes } : {}) }));
  if (span.links.length > 0)
    out.links = span.links.map((l) => ({ trace_id: l.context.traceId, span_id: l.context.spanId, ...(l.attributes ? { attributes: l.attributes } : {}) }));
  out.scope = span.instrumentationScope.version
    ? { name: span.instrumentationScope.name, version: span.instrumentationScope.version }
    : { name: span.instrumentationScope.name };
  return out;
}

/**
 * `OTEL_TRACES_EXPORTER=console`: one JSON object per span, on one line, on stdout, so a stream
 * that carries the application's JSON log lines stays one object per line (the SDK's
 * ConsoleSpanExporter prints multi-line `console.dir` dumps). The shape is in README.md.
 * Spans reach it after redaction, like every exporter.
 */
export class JsonLineSpanExporter implements SpanExporter {
  constructor(
    private readonly write: (line: string) => void = (line) => {
      process.stdout.write(line);
    },
  ) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    let text = '';
    for (const span of spans) {
      let line: string;
      try {
        line = JSON.stringify(spanLine(span));
      } catch (e) {
        // an attribute JSON cannot hold (a BigInt from a custom processor): say so, still one line
        line = JSON.stringify({
          timestamp: new Date().toISOString(),
          type: 'span',
          name: String(span.name),
          trace_id: span.spanContext().traceId,
          span_id: span.spanContext().spanId,
          error: `span not printable: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
      text += line + '\n';
    }
    try {
      if (text !== '') this.write(text);
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }

  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
}
