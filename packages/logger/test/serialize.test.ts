import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInNewContext } from 'node:vm';
import { createLogger, type Logger } from '../src/index.js';
import { capture, topLevelKeys, type Capture } from './helpers.js';

function setup(options: Parameters<typeof createLogger>[0] = {}): { log: Logger; dest: Capture; one: (f: object) => Record<string, unknown> } {
  const dest = capture();
  const log = createLogger({ service: 's', ...options, destinations: [dest] });
  const one = (f: object): Record<string, unknown> => {
    log.info('m', f as Record<string, unknown>);
    const line = dest.lines()[dest.lines().length - 1];
    return JSON.parse(line) as Record<string, unknown>;
  };
  return { log, dest, one };
}

test('circular references become "[Circular]"; shared (non-circular) references are written twice', () => {
  const { one } = setup();
  const a: Record<string, unknown> = { name: 'a' };
  a.self = a;
  const shared = { v: 1 };
  const arr: unknown[] = [1];
  arr.push(arr);
  const rec = one({ a, x: shared, y: shared, arr });
  assert.deepEqual(rec.a, { name: 'a', self: '[Circular]' });
  assert.deepEqual(rec.x, { v: 1 });
  assert.deepEqual(rec.y, { v: 1 });
  assert.deepEqual(rec.arr, [1, '[Circular]']);
  const top: Record<string, unknown> = { k: 1 };
  top.me = top;
  assert.equal(one(top).me, '[Circular]');
});

test('bigint → string, NaN/Infinity → null, -0 → 0, symbols, functions', () => {
  const { one } = setup();
  const sym = Symbol('hidden');
  function namedFn(): void {}
  const rec = one({
    big: 12345678901234567890n,
    nan: NaN,
    inf: Infinity,
    ninf: -Infinity,
    negz: -0,
    s: Symbol('desc'),
    [sym]: 'symbol keys are skipped',
    f: namedFn,
    anon: (
      () => () =>
        1
    )(),
    u: undefined,
    n: null,
  });
  assert.equal(rec.big, '12345678901234567890');
  assert.equal(rec.nan, null);
  assert.equal(rec.inf, null);
  assert.equal(rec.ninf, null);
  assert.equal(rec.negz, 0);
  assert.equal(rec.s, 'Symbol(desc)');
  assert.equal(rec.f, '[Function namedFn]');
  assert.equal(rec.anon, '[Function (anonymous)]');
  assert.ok(!('u' in rec));
  assert.equal(rec.n, null);
  assert.ok(!Object.values(rec).includes('symbol keys are skipped'));
});

test('Buffer, typed arrays and ArrayBuffer become a bounded description', () => {
  const { one } = setup();
  const big = Buffer.alloc(1000, 0x61);
  const rec = one({ small: Buffer.from('hello'), big, u16: new Uint16Array([1, 2, 3]), ab: new ArrayBuffer(4) });
  assert.deepEqual(rec.small, { type: 'Buffer', byteLength: 5, base64: Buffer.from('hello').toString('base64') });
  assert.deepEqual(rec.big, { type: 'Buffer', byteLength: 1000, base64: Buffer.alloc(32, 0x61).toString('base64'), truncated: true });
  assert.equal((rec.u16 as { type: string }).type, 'Uint16Array');
  assert.equal((rec.u16 as { byteLength: number }).byteLength, 6);
  assert.deepEqual(rec.ab, { type: 'ArrayBuffer', byteLength: 4, base64: 'AAAAAA==' });
});

test('Map → object, Set → array, Date → ISO UTC, invalid Date → null, boxed primitives unwrapped', () => {
  const { one } = setup();
  const rec = one({
    m: new Map<unknown, unknown>([
      ['a', 1],
      [2, 'two'],
      ['2', 'dup'],
    ]),
    s: new Set(['x', 'y']),
    d: new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 6)),
    bad: new Date(NaN),
    boxed: Object('str'),
  });
  assert.deepEqual(rec.m, { a: 1, 2: 'two', '2#2': 'dup' });
  assert.deepEqual(rec.s, ['x', 'y']);
  assert.equal(rec.d, '2026-01-02T03:04:05.006Z');
  assert.equal(rec.bad, null);
  assert.equal(rec.boxed, 'str');
});

test('throwing getters and throwing toJSON are reported, not thrown', () => {
  const { one, dest } = setup();
  const obj = {
    ok: 1,
    get bad(): never {
      throw new Error('getter exploded');
    },
  };
  const tj = {
    toJSON(): never {
      throw new RangeError('toJSON exploded');
    },
  };
  const custom = { toJSON: () => ({ replaced: true }) };
  const rec = one({ obj, tj, custom });
  assert.deepEqual(rec.obj, { ok: 1, bad: '[Thrown: Error: getter exploded]' });
  assert.equal(rec.tj, '[Thrown: toJSON: RangeError: toJSON exploded]');
  assert.deepEqual(rec.custom, { replaced: true });
  const revoked = Proxy.revocable({}, {});
  revoked.revoke();
  const rec2 = one({ proxy: revoked.proxy, after: 'still written' });
  assert.match(rec2.proxy as string, /^\[Thrown: TypeError: /);
  assert.equal(rec2.after, 'still written');
  assert.equal(dest.entries.length, 2);
});

test('__proto__ and constructor keys stay plain data and pollute nothing', () => {
  const { one } = setup();
  const evil = JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},"nested":{"__proto__":{"x":1}}}') as object;
  const rec = one(evil);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
  assert.equal(Object.prototype.hasOwnProperty.call(rec, '__proto__'), true);
  assert.deepEqual(Object.getOwnPropertyDescriptor(rec, '__proto__')?.value, { polluted: 'yes' });
  assert.deepEqual(rec.constructor, { prototype: { polluted: 'yes' } });
  const nullProto = Object.assign(Object.create(null) as object, { a: 1 });
  assert.deepEqual(one({ nullProto }).nullProto, { a: 1 });
});

test('strings over maxStringLength are cut with a marker; maxStringLength defaults from config', () => {
  const { one } = setup({ maxStringLength: 10 });
  const rec = one({ long: 'x'.repeat(12345), short: 'y'.repeat(10) });
  assert.equal(rec.long, 'x'.repeat(10) + '…[truncated 12335 chars]');
  assert.equal(rec.short, 'y'.repeat(10));
  // a surrogate pair is never cut in half
  const rec2 = one({ emoji: 'abcdefghi😀😀' });
  assert.equal(rec2.emoji, 'abcdefghi…[truncated 4 chars]');
  const d = setup().one({ s: 'z'.repeat(40000) });
  assert.equal((d.s as string).length, 32768 + '…[truncated 7232 chars]'.length);
});

test('the message is bounded too', () => {
  const { log, dest } = setup({ maxStringLength: 64 });
  log.info('m'.repeat(100));
  assert.equal(dest.records()[0].message, 'm'.repeat(64) + '…[truncated 36 chars]');
});

test('objects nested deeper than maxDepth levels below the record become "[Object]" / "[Array]"', () => {
  const { one } = setup({ maxDepth: 2 });
  const rec = one({ a: { b: { c: { d: 1 } } }, l: [[[1]]], ok: { x: [1, 2] } });
  assert.deepEqual(rec.a, { b: { c: '[Object]' } });
  assert.deepEqual(rec.l, [['[Array]']]);
  assert.deepEqual(rec.ok, { x: [1, 2] });
  const shallow = setup({ maxDepth: 1 }).one({ a: { b: { c: 1 }, n: 2 } });
  assert.deepEqual(shallow.a, { b: '[Object]', n: 2 });
});

test('lone surrogates come out as valid JSON that survives a UTF-8 round trip', () => {
  const { log, dest } = setup();
  log.info('lone \ud800 high', { low: 'x\udc00y', pair: '😀', mixed: '\udbff\ud800' });
  const line = dest.lines()[0];
  assert.equal(Buffer.from(line, 'utf8').toString('utf8'), line);
  assert.ok(line.includes('\\ud800'));
  assert.ok(line.includes('\\udc00'));
  const rec = JSON.parse(line) as Record<string, unknown>;
  assert.equal(rec.low, 'x\udc00y');
  assert.equal(rec.pair, '😀');
});

test('no value can forge a second line: every line break is escaped', () => {
  const { log, dest } = setup();
  const forge = 'x"}\n{"level":"fatal","message":"forged"}\r\n\u2028\u2029\u0085\u000b\u000c';
  log.info(forge, {
    [forge]: forge,
    nested: { deep: [forge] },
    err: new Error(forge),
    m: new Map([[forge, forge]]),
  });
  log.child({ b: forge }).warn('x');
  const lines = dest.lines();
  assert.equal(lines.length, 2);
  for (const line of lines) {
    // eslint-disable-next-line no-control-regex -- line breaks of every kind are what must not appear
    assert.ok(!/[\n\r\u2028\u2029\u0085\u000b\u000c]/.test(line), `raw line break in ${JSON.stringify(line)}`);
    const rec = JSON.parse(line) as Record<string, unknown>;
    assert.notEqual(rec.message, 'forged');
  }
  const rec = JSON.parse(lines[0]) as Record<string, unknown>;
  assert.equal(rec.message, forge);
  assert.equal(rec[forge], forge);
});

test("the caller's objects are never mutated", () => {
  const { log } = setup({ maxStringLength: 8, maxDepth: 2 });
  const err = new Error('boom', { cause: new Error('root') });
  const buf = Buffer.from('abc');
  const input = {
    s: 'long string here',
    n: [1, 2, { deep: { deeper: { deepest: 1 } } }],
    d: new Date(0),
    m: new Map([['k', { v: 1 }]]),
    set: new Set([1]),
    buf,
    big: 1n,
    level: 'collides',
    message: 'collides',
  };
  const circular: Record<string, unknown> = { a: 1 };
  circular.self = circular;
  // structuredClone turns a Buffer into a Uint8Array, so the Buffer is compared on its own.
  const snapshot = (): unknown => structuredClone({ input: { ...input, buf: null }, circular, errMessage: err.message, errStack: err.stack });
  const before = snapshot();
  const bindings = { service: 'x', deep: { a: { b: { c: 1 } } } };
  const bindingsBefore = structuredClone(bindings);
  log.child(bindings).info('msg', input);
  log.error(err, circular);
  assert.deepEqual(snapshot(), before);
  assert.deepEqual(bindings, bindingsBefore);
  assert.equal(Object.keys(input).length, 9);
  assert.equal(input.buf, buf);
  assert.ok(buf.equals(Buffer.from('abc')));
});

test('errors: { type, message, stack, code, cause } with causes followed', () => {
  const { log, dest } = setup();
  const root = Object.assign(new TypeError('root cause'), { code: 'E_ROOT' });
  const mid = Object.assign(new Error('middle', { cause: root }), { code: 42 });
  class AppError extends Error {}
  const top = new AppError('top', { cause: mid });
  log.error(top);
  log.warn('with field', { err: mid });
  log.error('error as fields', root);
  const [a, b, c] = dest.records();
  assert.equal(a.message, 'top');
  const e = a.error as Record<string, any>;
  assert.equal(e.type, 'AppError');
  assert.equal(e.message, 'top');
  assert.match(e.stack, /^Error: top\n {4}at /);
  assert.equal(e.cause.type, 'Error');
  assert.equal(e.cause.code, 42);
  assert.equal(e.cause.cause.type, 'TypeError');
  assert.equal(e.cause.cause.code, 'E_ROOT');
  assert.equal(e.cause.cause.cause, undefined);
  assert.equal((b.err as Record<string, unknown>).message, 'middle');
  assert.equal(c.message, 'error as fields');
  assert.equal((c.error as Record<string, unknown>).code, 'E_ROOT');
});

test('error cause chains are bounded and cause cycles become "[Circular]"', () => {
  const { log, dest } = setup();
  let e: Error = new Error('e0');
  for (let i = 1; i <= 20; i++) e = new Error(`e${i}`, { cause: e });
  log.error(e);
  let depth = 0;
  let cur = dest.records()[0].error as Record<string, unknown>;
  while (typeof cur.cause === 'object') {
    cur = cur.cause as Record<string, unknown>;
    depth++;
  }
  assert.equal(depth, 5);
  assert.equal(cur.cause, '[Cause chain truncated]');

  const a = new Error('a');
  const b = new Error('b', { cause: a });
  (a as { cause?: unknown }).cause = b;
  log.error(a);
  const rec = dest.records()[1].error as Record<string, any>;
  assert.equal(rec.cause.message, 'b');
  assert.equal(rec.cause.cause, '[Circular]');
  const self = new Error('self');
  (self as { cause?: unknown }).cause = self;
  log.error('x', { self });
  assert.equal((dest.records()[2].self as Record<string, unknown>).cause, '[Circular]');
});

test('non-Error causes, AggregateError, and errors with throwing properties', () => {
  const { log, dest } = setup();
  log.error(new Error('x', { cause: { reason: 'plain' } }));
  log.error(new AggregateError([new Error('one'), 'two'], 'many'));
  const weird = new Error('w');
  Object.defineProperty(weird, 'message', {
    get() {
      throw new Error('no message');
    },
  });
  log.error('weird', { weird });
  const [x, agg, w] = dest.records();
  assert.deepEqual((x.error as Record<string, unknown>).cause, { reason: 'plain' });
  const errors = (agg.error as Record<string, any>).errors;
  assert.equal(errors[0].message, 'one');
  assert.equal(errors[1], 'two');
  assert.equal((agg.error as Record<string, unknown>).type, 'AggregateError');
  assert.equal((w.weird as Record<string, unknown>).message, '[Thrown: Error: no message]');
});

test("the caller's own `error` field wins over an Error passed as the message", () => {
  const { log, dest } = setup();
  log.error(new Error('from message'), { error: 'explicit' });
  const line = dest.lines()[0];
  const keys = topLevelKeys(line);
  assert.equal(keys.filter((k) => k === 'error').length, 1);
  const rec = JSON.parse(line) as Record<string, unknown>;
  assert.equal(rec.message, 'from message');
  assert.equal(rec.error, 'explicit');
});

test('untyped callers: object as message, pino-style (fields, message), missing or number message', () => {
  const { log, dest } = setup();
  const anyLog = log as unknown as { info: (...a: unknown[]) => void; error: (...a: unknown[]) => void };
  anyLog.info({ a: 1 });
  anyLog.info();
  anyLog.info(42);
  anyLog.info({ orderId: 7 }, 'paid');
  anyLog.error(new Error('first'), new Error('second'));
  const [a, b, c, d, e] = dest.records();
  assert.equal(a.message, '');
  assert.equal(a.a, 1);
  assert.equal(b.message, '');
  assert.equal(c.message, '42');
  assert.equal(d.message, 'paid');
  assert.equal(d.orderId, 7);
  assert.equal(e.message, 'first');
  assert.equal((e.error as Record<string, unknown>).message, 'second');
  const keys = topLevelKeys(dest.lines()[4]);
  assert.equal(keys.filter((k) => k === 'error').length, 1);
});

test('Maps, Sets, Dates and Errors from another realm (vm context) are recognised', () => {
  const { one } = setup();
  const other = runInNewContext('({ m: new Map([["a", 1]]), s: new Set([1, 2]), d: new Date(0), e: new TypeError("foreign") })') as Record<string, unknown>;
  const rec = one(other);
  assert.deepEqual(rec.m, { a: 1 });
  assert.deepEqual(rec.s, [1, 2]);
  assert.equal(rec.d, '1970-01-01T00:00:00.000Z');
  assert.equal((rec.e as Record<string, unknown>).type, 'TypeError');
  assert.equal((rec.e as Record<string, unknown>).message, 'foreign');
});

test('a primitive passed as fields by an untyped caller is kept under `fields`', () => {
  const { log, dest } = setup();
  (log.info as (...a: unknown[]) => void)('x', 42);
  (log.info as (...a: unknown[]) => void)('y', 'extra');
  assert.equal(dest.records()[0].fields, 42);
  assert.equal(dest.records()[1].fields, 'extra');
});
