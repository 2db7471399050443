import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const EXAMPLE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

interface Received {
  path: string;
  traceparent: string | undefined;
  tracestate: string | undefined;
  body: string;
}

function start(framework: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    // What `pnpm --dir examples/w3c-conformance start` runs, with no exporter so nothing leaves the machine.
    const child = spawn(process.execPath, ['--import', '@meridian/node/register', 'dist/server.js'], {
      cwd: EXAMPLE_DIR,
      env: { ...process.env, PORT: '0', FRAMEWORK: framework, OTEL_TRACES_EXPORTER: 'none', MERIDIAN_LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`no "listening" line: ${out}`)), 20000);
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (c: string) => {
      out += c;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`exited with ${code}: ${out}`)));
  });
}

for (const framework of ['express', 'fastify']) {
  describe(`w3c-conformance service (${framework})`, () => {
    let echo: http.Server;
    let echoUrl = '';
    let service: { child: ChildProcess; url: string };
    const received: Received[] = [];

    before(async () => {
      echo = http.createServer((req, res) => {
        let body = '';
        req.setEncoding('utf8');
        req.on('data', (c: string) => (body += c));
        req.on('end', () => {
          received.push({
            path: req.url ?? '',
            traceparent: req.headers.traceparent as string | undefined,
            tracestate: req.headers.tracestate as string | undefined,
            body,
          });
          res.end('{}');
        });
      });
      await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
      echoUrl = `http://127.0.0.1:${(echo.address() as AddressInfo).port}`;
      service = await start(framework);
    });
    after(async () => {
      service.child.kill('SIGTERM');
      echo.closeAllConnections();
      await new Promise<void>((r) => echo.close(() => r()));
    });

    test('POST /test calls each url in order, each in its own CLIENT span of the incoming trace', async () => {
      const traceId = '0af7651916cd43dd8448eb211c80319c';
      const parentId = 'b7ad6b7169203331';
      const res = await fetch(`${service.url}/test`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', traceparent: `00-${traceId}-${parentId}-01`, tracestate: 'foo=bar' },
        body: JSON.stringify([
          { url: `${echoUrl}/first`, arguments: [{ n: 1 }] },
          { url: `${echoUrl}/second`, arguments: [] },
        ]),
      });
      assert.equal(res.status, 200);
      assert.deepEqual(
        received.map((r) => [r.path, r.body]),
        [
          ['/first', '[{"n":1}]'],
          ['/second', '[]'],
        ],
      );
      const parsed = received.map((r) => TRACEPARENT.exec(r.traceparent ?? ''));
      for (const m of parsed) {
        assert.ok(m, 'a valid traceparent');
        assert.equal(m[1], traceId, 'the incoming trace id is kept');
        assert.notEqual(m[2], parentId, 'the parent is the CLIENT span, not the caller');
        assert.equal(parseInt(m[3], 16) & 1, 1, 'sampled, as the caller asked');
      }
      assert.notEqual(parsed[0]![2], parsed[1]![2], 'each call has its own CLIENT span');
      for (const r of received) assert.equal(r.tracestate, 'foo=bar');
    });

    // The W3C suite's tracestate tests that failed before the Level 2 key grammar and the duplicate-key
    // wording were followed (test/test.py at acab820): each header set as the harness sends it, and
    // what this service forwards to the next hop.
    test('tracestate: the suite\'s duplicated-key, "@" key and key-length cases are inherited', async () => {
      const traceId = '12345678901234567890123456789012';
      const forward = async (tracestate: string[]): Promise<string | undefined> => {
        const from = received.length;
        const headers = new Headers({ 'content-type': 'application/json', traceparent: `00-${traceId}-1234567890123456-00` });
        for (const t of tracestate) headers.append('tracestate', t);
        const res = await fetch(`${service.url}/test`, { method: 'POST', headers, body: JSON.stringify([{ url: `${echoUrl}/ts`, arguments: [] }]) });
        assert.equal(res.status, 200);
        assert.equal(received.length, from + 1);
        assert.equal(TRACEPARENT.exec(received[from]!.traceparent ?? '')?.[1], traceId);
        return received[from]!.tracestate;
      };
      const keys = (ts: string | undefined): Map<string, string> => {
        const m = new Map<string, string>();
        for (const member of (ts ?? '').split(/[ \t]*,[ \t]*/))
          if (member !== '' && !m.has(member.split('=')[0]!)) m.set(member.split('=')[0]!, member.split('=')[1]!);
        return m;
      };
      // test_tracestate_duplicated_keys: inherited, one or both copies kept.
      assert.match(String(await forward(['foo=1,foo=2'])), /^foo=[12](,foo=[12])?$/);
      assert.match(String(await forward(['foo=1', 'foo=1'])), /^foo=1(,foo=1)?$/);
      // test_tracestate_key_illegal_vendor_format
      for (const [ts, key] of [
        ['foo@=1,bar=2', 'foo@'],
        ['foo@@bar=1,bar=2', 'foo@@bar'],
        ['foo@bar@baz=1,bar=2', 'foo@bar@baz'],
      ]) {
        const got = keys(await forward([ts!]));
        assert.equal(got.get(key!), '1', ts);
        assert.equal(got.get('bar'), '2', ts);
      }
      assert.equal(keys(await forward(['@foo=1,bar=2'])).has('bar'), false);
      // test_tracestate_key_length_limit
      for (const key of ['z'.repeat(256), `${'t'.repeat(241)}@${'v'.repeat(14)}`, `${'t'.repeat(242)}@v`, `t@${'v'.repeat(15)}`]) {
        const got = keys(await forward(['foo=1', `${key}=1`]));
        assert.equal(got.get('foo'), '1', `${key.length}-char key`);
        assert.equal(got.get(key), '1', `${key.length}-char key`);
      }
      assert.equal(keys(await forward(['foo=1', `${'z'.repeat(257)}=1`])).has('foo'), false);
    });

    test('a body that is not the harness shape is answered 400', async () => {
      const res = await fetch(`${service.url}/test`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"url":1}' });
      assert.equal(res.status, 400);
    });
  });
}
