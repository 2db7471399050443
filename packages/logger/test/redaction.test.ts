import { test } from 'node:test';
import assert from 'node:assert/strict';
import { captureDiagnostics } from '@meridian/config';
import { withContext } from '@meridian/context';
import { createLogger, type RedactionHook } from '../src/index.js';
import { capture } from './helpers.js';

/** Toy hook: masks the word "secret" and treats `password`/`token` keys as sensitive. */
function toyHook(): RedactionHook & { strings: number; keys: string[] } {
  const hook = {
    strings: 0,
    keys: [] as string[],
    redactString(s: string): string {
      hook.strings++;
      return s.replace(/secret/g, '***');
    },
    isSensitiveKey(key: string): boolean {
      hook.keys.push(key);
      return key === 'password' || key === 'token';
    },
  };
  return hook;
}

test('redactString sees the message, strings at any depth, error messages and stacks, bindings and context', () => {
  const dest = capture();
  const hook = toyHook();
  const log = createLogger({ destinations: [dest], redaction: hook }).child({ b: 'secret binding' });
  const err = new Error('secret in error', { cause: new Error('secret cause') });
  withContext({ c: 'secret context' }, () => {
    log.error('the secret message', { a: { b: ['x secret y'] }, m: new Map([['k', 'secret']]), err });
  });
  const line = dest.lines()[0];
  assert.ok(!line.includes('secret'), line);
  const rec = JSON.parse(line) as Record<string, any>;
  assert.equal(rec.message, 'the *** message');
  assert.equal(rec.a.b[0], 'x *** y');
  assert.equal(rec.m.k, '***');
  assert.equal(rec.err.message, '*** in error');
  assert.match(rec.err.stack, /^Error: \*\*\* in error/);
  assert.equal(rec.err.cause.message, '*** cause');
  assert.equal(rec.b, '*** binding');
  assert.equal(rec.c, '*** context');
});

test('values under sensitive keys become "[REDACTED]" at any depth, without being read', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], redaction: toyHook() });
  let reads = 0;
  const creds = {
    user: 'ann',
    get password(): string {
      reads++;
      return 'hunter2';
    },
  };
  log.info('login', { creds, token: { nested: 'abc' }, list: [{ token: 'x' }], m: new Map([['password', 'p']]) });
  const rec = dest.records()[0] as Record<string, any>;
  assert.equal(reads, 0);
  assert.deepEqual(rec.creds, { user: 'ann', password: '[REDACTED]' });
  assert.equal(rec.token, '[REDACTED]');
  assert.deepEqual(rec.list, [{ token: '[REDACTED]' }]);
  assert.deepEqual(rec.m, { password: '[REDACTED]' });
  assert.ok(!dest.lines()[0].includes('hunter2'));
});

test('long strings are redacted before truncation, so a secret across the cut is not half-shown', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], redaction: toyHook(), maxStringLength: 64 });
  log.info('x'.repeat(60) + 'secret' + 'y'.repeat(100));
  const msg = dest.records()[0].message as string;
  assert.ok(!msg.includes('sec'), msg);
  assert.equal(msg, 'x'.repeat(60) + '***y…[truncated 102 chars]');
});

test("by default Meridian's redactor masks message, fields and errors; redaction: false switches it off", () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest] });
  log.info('paid with 4111 1111 1111 1111', { password: 'p', contact: 'ana@example.com', orderId: 'ord-20261121-0042' });
  log.error(new Error('card 4111111111111111 declined'));
  const [first, second] = dest.records();
  assert.equal(first.message, 'paid with [REDACTED:card]');
  assert.notEqual(first.password, 'p');
  assert.match(String(first.password), /REDACTED/);
  assert.equal(first.contact, '[REDACTED:email]');
  assert.equal(first.orderId, 'ord-20261121-0042', 'non-sensitive values untouched');
  assert.equal(second.message, 'card [REDACTED:card] declined');
  assert.doesNotMatch(JSON.stringify(second.error), /4111111111111111/);

  const plain = capture();
  createLogger({ destinations: [plain], redaction: false }).info('secret', { password: 'p' });
  assert.deepEqual(plain.records()[0].password, 'p');
  assert.equal(plain.records()[0].message, 'secret');
});

test('an unusable redaction option falls back to the safest choice: every string redacted', () => {
  const dest = capture();
  const { value: log, lines: seen } = captureDiagnostics(() => createLogger({ destinations: [dest], redaction: { redactString: 'nope' } as never }));
  assert.equal(seen.length, 1);
  assert.match(seen[0], /MERIDIAN_ERR_CONFIG_INVALID: createLogger option redaction=object is not valid/);
  log.info('secret', { s: 'also secret', n: 1 });
  const rec = dest.records()[0];
  assert.equal(rec.message, '[REDACTED]');
  assert.equal(rec.s, '[REDACTED]');
  assert.equal(rec.n, 1);
});

test('"[Thrown: …]" markers are redacted too (an error message can carry a secret)', () => {
  const dest = capture();
  const log = createLogger({ destinations: [dest], redaction: toyHook() });
  const obj = {
    get bad(): never {
      throw new Error('the secret leaked into an error');
    },
  };
  log.info('x', { obj });
  assert.deepEqual(dest.records()[0].obj, { bad: '[Thrown: Error: the *** leaked into an error]' });
});
