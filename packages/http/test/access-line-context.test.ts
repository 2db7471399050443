import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { trace } from '@opentelemetry/api';
import { getContext } from '@meridian/context';
import type { Logger } from '@meridian/logger';
import { meridianHandler } from '../src/index.js';
import { close, listen, startTestTracing, until } from './helpers.js';

test("a logger of another kind (not Meridian's) writes the access line inside the request's context", async () => {
  const tracing = startTestTracing();
  const seen: { message: string; requestId: unknown; traceId: string | undefined }[] = [];
  const record = (message: string): void => {
    seen.push({ message, requestId: getContext()?.request_id, traceId: trace.getActiveSpan()?.spanContext().traceId });
  };
  const noop = (): void => {};
  const logger = {
    trace: noop,
    debug: noop,
    info: record,
    warn: record,
    error: record,
    fatal: record,
    level: 'info',
    child: () => logger,
    isLevelEnabled: () => true,
    flush: async () => {},
    close: async () => {},
    endRequest: noop,
    stats: () => ({}),
    flushSync: noop,
  } as unknown as Logger;
  const server = http.createServer(
    meridianHandler(
      (_req, res) => {
        res.statusCode = 404;
        res.end('none');
      },
      { logger, accessLog: true },
    ),
  );
  const base = await listen(server);
  try {
    const res = await fetch(`${base}/missing`, { headers: { 'x-request-id': 'req-42' } });
    assert.equal(res.status, 404);
    await until(() => seen.length > 0);
    const spans = await tracing.spans();
    assert.equal(seen[0].message, 'GET /missing 404');
    assert.equal(seen[0].requestId, 'req-42');
    assert.equal(seen[0].traceId, spans[0].spanContext().traceId);
  } finally {
    await close(server);
    await tracing.handle.shutdown();
  }
});
