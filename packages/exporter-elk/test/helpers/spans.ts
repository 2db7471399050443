import type { EcsSpanInput } from '../../src/index.js';

/** A resource as @meridian/tracing builds it (the process resource + the SDK's telemetry.sdk.*). */
export const RESOURCE = {
  attributes: {
    'service.name': 'payments-api',
    'service.version': '4.2.1',
    'service.namespace': 'shop',
    'deployment.environment.name': 'production',
    'service.instance.id': '0c4c4b8e-8a4f-4a57-9a9b-2f6f3f4d1e11',
    'host.name': 'web-1',
    'host.arch': 'amd64',
    'os.type': 'linux',
    'process.pid': 4242,
    'process.parent_pid': 1,
    'process.executable.name': 'node',
    'process.executable.path': '/usr/local/bin/node',
    'process.runtime.name': 'nodejs',
    'process.runtime.version': '24.2.0',
    'telemetry.sdk.language': 'nodejs',
    'telemetry.sdk.name': 'opentelemetry',
    'telemetry.sdk.version': '2.2.0',
    'telemetry.distro.name': 'meridian',
    'telemetry.distro.version': '0.1.0',
    'cloud.region': 'eu-central-1',
  },
};

export const TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const T0 = 1_795_239_000; // 2026-11-21T05:30:00Z

interface Shape {
  name: string;
  spanId: string;
  parent?: { spanId: string; isRemote?: boolean };
  kind: number;
  /** start and end offsets from T0, in nanoseconds */
  start: number;
  end: number;
  attributes?: Record<string, unknown>;
  status?: { code: number; message?: string };
  flags?: number;
  links?: { traceId: string; spanId: string }[];
}

/** A span in the ReadableSpan shape of the OpenTelemetry JS SDK 2.x. */
export function span(s: Shape): EcsSpanInput {
  const hr = (ns: number): [number, number] => [T0 + Math.floor(ns / 1e9), ns % 1e9];
  return {
    name: s.name,
    kind: s.kind,
    spanContext: () => ({ traceId: TRACE, spanId: s.spanId, traceFlags: s.flags ?? 0x03 }),
    parentSpanContext:
      s.parent === undefined ? undefined : ({ traceId: TRACE, spanId: s.parent.spanId, traceFlags: 0x03, isRemote: s.parent.isRemote ?? false } as never),
    startTime: hr(s.start),
    endTime: hr(s.end),
    status: s.status ?? { code: 0 },
    attributes: s.attributes ?? {},
    links: (s.links ?? []).map((l) => ({ context: { ...l, traceFlags: 1 } })),
    instrumentationScope: { name: '@meridian/http', version: '0.1.0' },
    resource: RESOURCE,
  };
}

/** One request: POST /v1/charges (SERVER) → charge (INTERNAL) → GET ledger (CLIENT, HTTP). */
export function threeSpanTrace(): EcsSpanInput[] {
  return [
    span({
      name: 'GET ledger',
      spanId: 'cccccccccccccccc',
      parent: { spanId: 'bbbbbbbbbbbbbbbb' },
      kind: 2,
      start: 40_000_500,
      end: 95_123_456,
      attributes: {
        'http.request.method': 'GET',
        'url.full': 'https://ledger.internal:8443/balance?acct=7',
        'server.address': 'ledger.internal',
        'server.port': 8443,
        'http.response.status_code': 200,
      },
    }),
    span({
      name: 'POST /v1/charges',
      spanId: 'aaaaaaaaaaaaaaaa',
      kind: 1,
      start: 0,
      end: 120_000_001,
      attributes: {
        'http.request.method': 'POST',
        'url.path': '/v1/charges',
        'url.scheme': 'https',
        'server.address': 'api.example.com',
        'server.port': 443,
        'http.route': '/v1/charges',
        'http.response.status_code': 201,
        'client.address': '10.0.3.7',
        'user_agent.original': 'checkout-web/4.2.1',
        'network.protocol.version': '1.1',
      },
    }),
    span({
      name: 'charge',
      spanId: 'bbbbbbbbbbbbbbbb',
      parent: { spanId: 'aaaaaaaaaaaaaaaa' },
      kind: 0,
      start: 1_000_000,
      end: 110_000_000,
      attributes: { 'charge.amount': 1299, 'charge.currency': 'EUR', tags: ['a', 'b'] },
    }),
  ];
}
