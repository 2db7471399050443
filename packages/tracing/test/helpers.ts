import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { decodeOtlpTraces, type DevSpan } from '@meridian/devtools';
import type { AddressInfo } from 'node:net';

export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The body, un-gzipped if it was gzipped. */
  raw: Buffer;
  text: string;
}

/** The spans of a received OTLP request, decoded by @meridian/devtools (protobuf or JSON, by content-type). */
export function spansOf(r: Received): DevSpan[] {
  return decodeOtlpTraces(r.raw, String(r.headers['content-type'] ?? ''));
}

/** A local OTLP/HTTP receiver on 127.0.0.1 (port 0) that records requests and answers 200 {}. */
export async function startReceiver(respond?: (r: Received) => number): Promise<{ url: string; received: Received[]; close(): Promise<void> }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const gz = req.headers['content-encoding'] === 'gzip';
      const raw = gz ? gunzipSync(body) : body;
      const r: Received = { path: req.url ?? '', headers: req.headers, body, raw, text: raw.toString('utf8') };
      received.push(r);
      res.writeHead(respond ? respond(r) : 200, { 'content-type': 'application/json' });
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface OtlpAttr {
  key: string;
  value: { stringValue?: string; intValue?: string | number; boolValue?: boolean };
}
export interface OtlpJson {
  resourceSpans: { resource: { attributes: OtlpAttr[] }; scopeSpans: { spans: { name: string; traceId: string; attributes: OtlpAttr[] }[] }[] }[];
}

export function attr(attrs: OtlpAttr[], key: string): unknown {
  const a = attrs.find((x) => x.key === key);
  if (!a) return undefined;
  return a.value.stringValue ?? a.value.intValue ?? a.value.boolValue;
}

/**
 * Keeps what it received after shutdown (the SDK's InMemorySpanExporter clears on shutdown),
 * so a test can assert that shutdown() flushed.
 */
export class RecordingExporter implements SpanExporter {
  readonly spans: ReadableSpan[] = [];
  shutdownCalled = false;
  export(spans: ReadableSpan[], done: (r: ExportResult) => void): void {
    this.spans.push(...spans);
    done({ code: ExportResultCode.SUCCESS });
  }
  shutdown(): Promise<void> {
    this.shutdownCalled = true;
    return Promise.resolve();
  }
  names(): string[] {
    return this.spans.map((s) => s.name);
  }
}
