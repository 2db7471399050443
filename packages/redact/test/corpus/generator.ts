/**
 * Labelled corpus: realistic English and Chinese log lines with exactly one planted identifier
 * (valid checksums), look-alike negatives that must stay untouched, and structured records.
 * Deterministic for a given seed.
 */
import { ALNUM, Rng } from './random.js';
import * as v from './values.js';

export interface Planted {
  type: string;
  start: number;
  end: number;
  value: string;
}

export interface Sample {
  text: string;
  planted: Planted | undefined;
  lang: 'en' | 'zh';
}

export interface RecordSample {
  record: Record<string, unknown>;
  /** Values that must not appear in the serialised output. */
  secrets: string[];
  /** Paths (dot-separated) whose values must come back unchanged. */
  kept: string[];
}

type Snippet = (r: Rng) => { pre: string; value: string; post: string };

const plain =
  (make: (r: Rng) => string): Snippet =>
  (r) => ({ pre: '', value: make(r), post: '' });

/** How each type appears inside a line; the value is what must be masked. */
const SNIPPETS: Record<string, Snippet[]> = {
  card: [
    plain(v.cardNumber),
    (r) => ({ pre: 'card=', value: v.cardNumber(r), post: '' }),
    (r) => ({ pre: 'PAN ', value: v.cardNumber(r), post: ' exp 12/27' }),
    // a URL path segment, a form body ('+' for the spaces), after an escaped newline, an nginx \x22-escaped body
    (r) => ({ pre: 'GET /quotes/', value: v.cardNumber(r).replace(/[ -]/g, ''), post: ' HTTP/1.1 200' }),
    (r) => ({ pre: 'POST /pay body=card=', value: v.cardNumber(r).replace(/[ -]/g, '+'), post: '&amount=12' }),
    (r) => ({ pre: 'declined\\n', value: v.cardNumber(r), post: '' }),
    (r) => ({ pre: 'body "{\\x22card\\x22:\\x22', value: v.cardNumber(r).replace(/[ -]/g, ''), post: '\\x22}"' }),
  ],
  phone: [
    plain(v.phoneNumber),
    (r) => ({ pre: 'tel: ', value: v.phoneNumber(r), post: '' }),
    (r) => ({ pre: 'phone=', value: v.phoneNumber(r), post: '' }),
    (r) => ({ pre: 'call ', value: `+44 (0)20 7${r.digits(3)} ${r.digits(4)}`, post: ' today' }),
    (r) => ({ pre: 'sms to ', value: v.nanpDashed(r), post: '' }),
    (r) => ({ pre: '联系电话', value: `+86 1${r.pick(['38', '39', '58', '86'])} ${r.digits(4)} ${r.digits(4)}`, post: '' }),
    (r) => ({ pre: 'GET /signup?sms=', value: v.formEncoded(v.phoneNumber(r)), post: '&lang=en HTTP/1.1' }),
  ],
  email: [
    plain(v.email),
    (r) => ({ pre: '<', value: v.email(r), post: '>' }),
    (r) => ({ pre: 'email=', value: v.email(r), post: '' }),
    (r) => ({ pre: 'mailto:', value: v.email(r).toUpperCase(), post: '' }),
    plain(v.intlEmail),
    (r) => ({ pre: 'email=', value: v.intlEmail(r), post: '' }),
    (r) => ({ pre: 'GET /u?email=', value: v.email(r).replace('@', '%2540'), post: '&x=1' }),
    (r) => ({ pre: '{\\x22email\\x22:\\x22', value: v.email(r), post: '\\x22}' }),
    (r) => ({ pre: 'hello\\n', value: v.email(r), post: '' }),
  ],
  ipv4: [
    plain(v.ipv4),
    (r) => ({ pre: 'client_ip=', value: v.ipv4(r), post: '' }),
    (r) => ({ pre: 'from ', value: v.ipv4(r), post: `:${r.int(1024, 65535)}` }),
  ],
  ipv6: [
    plain(v.ipv6),
    (r) => ({ pre: 'remote=[', value: v.ipv6(r), post: ']:443' }),
    (r) => ({ pre: 'client ', value: v.ipv6(r), post: `:${r.int(1024, 65535)} closed` }),
    (r) => ({ pre: 'ip:', value: v.ipv6(r), post: '' }),
  ],
  iban: [
    plain(v.iban),
    (r) => ({ pre: 'iban=', value: v.iban(r), post: '' }),
    (r) => ({
      pre: 'POST /sepa iban=',
      value: v
        .iban(r)
        .replace(/ /g, '')
        .replace(/(.{4})(?=.)/g, '$1+'),
      post: '&amount=10',
    }),
  ],
  ssn: [plain(v.ssn), (r) => ({ pre: 'SSN ', value: v.ssn(r), post: '' })],
  nino: [
    plain(v.nino),
    (r) => ({ pre: 'NI number ', value: v.nino(r), post: '' }),
    (r) => ({
      pre: 'form nino=',
      value: v
        .nino(r)
        .replace(/ /g, '')
        .replace(/^(..)(..)(..)(..)(.)$/, '$1+$2+$3+$4+$5'),
      post: '&ok=1',
    }),
  ],
  cn_id: [plain(v.cnId), (r) => ({ pre: '身份证号:', value: v.cnId(r), post: '' })],
  hkid: [plain(v.hkid), (r) => ({ pre: 'HKID ', value: v.hkid(r), post: '' })],
  nric: [plain(v.nric), (r) => ({ pre: 'NRIC/FIN ', value: v.nric(r), post: '' })],
  aws_key: [plain(v.awsKey), (r) => ({ pre: 'aws_access_key_id=', value: v.awsKey(r), post: '' })],
  jwt: [plain(v.jwt), (r) => ({ pre: 'id_token ', value: v.jwt(r), post: '' })],
  authorization: [
    (r) => ({ pre: 'Authorization: Bearer ', value: v.bearerToken(r), post: '' }),
    (r) => ({ pre: 'header authorization: Basic ', value: v.basicCredentials(r), post: '' }),
    (r) => ({ pre: 'sent Bearer ', value: v.bearerToken(r), post: ' upstream' }),
  ],
  private_key: [plain(v.pemKey)],
  github_token: [plain(v.githubToken), (r) => ({ pre: 'GITHUB_TOKEN=', value: v.githubToken(r), post: '' })],
  stripe_key: [plain(v.stripeKey), (r) => ({ pre: 'stripe key ', value: v.stripeKey(r), post: '' })],
  slack_token: [plain(v.slackToken)],
  url_credentials: [
    (r) => ({ pre: 'postgres://', value: `app:${v.password(r).replace(/[#%]/g, 'x')}`, post: `@db.internal:5432/orders` }),
    (r) => ({ pre: 'https://', value: `deploy:${v.password(r).replace(/[#%]/g, 'x')}`, post: '@git.example.com/repo.git' }),
  ],
  secret: [
    (r) => ({ pre: 'password=', value: v.password(r), post: '' }),
    (r) => ({ pre: '{"client_secret":"', value: v.password(r), post: '"}' }),
    (r) => ({ pre: 'api_key: ', value: v.password(r), post: '' }),
    (r) => ({ pre: 'GET /callback?code=ok&access_token=', value: v.password(r).replace(/[#%]/g, 'x'), post: '&state=1' }),
    (r) => ({ pre: 'X-Amz-Signature=', value: r.hex(64), post: '' }),
    // CLI flags, environment dumps, connection strings
    (r) => ({ pre: 'exec: node migrate.js --db-password=', value: v.password(r), post: ' --verbose' }),
    (r) => ({ pre: 'spawn mysql --user=app --password ', value: v.password(r), post: ' -h db' }),
    (r) => ({ pre: `env ${r.pick(['SECRET_KEY', 'DB_PASS', 'SMTP_PASS', 'REDIS_PASSWORD'])}=`, value: v.password(r), post: ' DB_HOST=db.internal' }),
    (r) => ({ pre: 'Server=tcp:db.internal,1433;Database=app;User ID=sa;Password=', value: `${v.password(r)} ${v.password(r)}`, post: ';Encrypt=True' }),
    (r) => ({
      pre: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=',
      value: v.base64Secret(r, 86) + '==',
      post: ';EndpointSuffix=core.windows.net',
    }),
    (r) => ({ pre: 'export AWS_SECRET_ACCESS_KEY=', value: v.base64Secret(r), post: '' }),
  ],
};

export const PLANTED_TYPES = Object.keys(SNIPPETS);

const EN: string[] = [
  '2024-03-01T10:15:30.123Z INFO  [payments] charge accepted for {x} (attempt 2)',
  '2024-03-01T10:15:31.004Z WARN  [checkout] retrying upstream call, {x}, after 250ms',
  'user profile updated: {x} by admin',
  '[worker-3] processing job 48213 payload {x} region=eu-central-1',
  'request_id=8f14e45f-ceea-467f-a0e3-a4e1c7d4b1a2 method=POST path=/api/v1/customers status=201 {x}',
  'Failed to send receipt to {x}: timeout after 3000 ms',
  'audit: field changed, new value {x}, actor=svc-billing',
  'Error: validation failed for {x}\n    at validate (/app/src/validate.js:42:13)\n    at process (/app/src/worker.js:108:5)',
  'kafka consumer group=billing partition=3 offset=9182734 message {x}',
  'DEBUG http outgoing POST https://api.example.com/v2/charges {x} in 182ms',
];

const ZH: string[] = [
  '2024-03-01 10:15:30 信息 用户 {x} 登录成功',
  '支付失败，联系方式：{x}，请人工核实',
  '订单 20240301-0042 的付款信息 {x} 已提交',
  '[香港节点] 客户资料已更新 {x} 耗时 35 毫秒',
  '风控命中：{x}，规则 R-1024',
];

/** How the snippet sits in the sentence: bare, quoted, in parentheses, before punctuation, in JSON. */
const WRAPS: Array<[string, string]> = [
  ['', ''],
  ['', ''],
  ['"', '"'],
  ['(', ')'],
  ['', '.'],
  ['', ','],
  ["'", "'"],
  ['{"v":"', '"}'],
  ['[', ']'],
];

function render(r: Rng, type: string): Sample {
  const zh = r.next() < 0.3;
  const tpl = zh ? r.pick(ZH) : r.pick(EN);
  const raw = r.pick(SNIPPETS[type]!)(r);
  // JSON/quote wrapping would change what a PEM block or a header-style value is; keep those bare.
  const [wl, wr] = type === 'private_key' || type === 'authorization' || type === 'secret' ? WRAPS[0]! : r.pick(WRAPS);
  const sn = { pre: wl + raw.pre, value: raw.value, post: raw.post + wr };
  const at = tpl.indexOf('{x}');
  const before = tpl.slice(0, at) + sn.pre;
  const text = before + sn.value + sn.post + tpl.slice(at + 3);
  return { text, planted: { type, start: before.length, end: before.length + sn.value.length, value: sn.value }, lang: zh ? 'zh' : 'en' };
}

/** Look-alikes that must come back unchanged. */
const NEGATIVES: Array<(r: Rng) => string> = [
  (r) => `trace_id=${r.hex(32)} span_id=${r.hex(16)} sampled=1`,
  (r) => `traceparent: 00-${r.hex(32)}-${r.hex(16)}-01`,
  (r) => `user ${r.hex(8)}-${r.hex(4)}-4${r.hex(3)}-a${r.hex(3)}-${r.hex(12)} logged out`,
  (r) => `deployed commit ${r.hex(40)} to production`,
  (r) =>
    `2024-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}T${String(r.int(0, 23)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:00.${r.digits(3)}Z job finished`,
  (r) => `event at epoch ${1600000000 + r.int(0, 1e8)} (ms ${1600000000000 + r.int(0, 1e11)})`,
  (r) => `order ORD-2024-${r.digits(6)} shipped, invoice INV-${r.digits(8)}`,
  (r) => `order #${r.int(100000, 999999999)} total 129.99 EUR`,
  (r) => `reference ${v.luhnInvalidRun(r)} rejected by validator`,
  (r) => `version ${r.int(0, 20)}.${r.int(0, 40)}.${r.int(0, 99)} build ${r.int(2020, 2025)}${r.digits(4)}.${r.digits(4)}`,
  (r) => `release v${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}-rc.${r.int(1, 9)} build 1.${r.int(0, 9)}.${r.int(0, 99)}.${r.int(100, 999)}`,
  (r) => `amount €${r.int(1, 99)},${r.digits(3)}.${r.digits(2)} and $${r.int(1, 999)},${r.digits(3)},${r.digits(3)}.00 settled`,
  (r) => `took ${r.int(1000, 9999999)}ms (p99 ${r.int(1, 999)}.${r.digits(3)} s) duration=${r.int(1, 59)}m${r.int(1, 59)}s`,
  (r) => `instance i-0${r.hex(16)} in subnet-${r.hex(8)} vpc-${r.hex(17)}`,
  (r) => `assumed arn:aws:iam::${r.digits(12)}:role/payments-${r.hex(4)} in account ${r.digits(12)}`,
  (r) => `pod payments-api-${r.hex(9)}-${r.chars(5, 'abcdefghijklmnopqrstuvwxyz0123456789')} restarted (exit 137)`,
  (r) => `listening on 0.0.0.0:${r.int(1024, 65535)} and localhost:${r.int(1024, 65535)}`,
  (r) => `GET /api/v1/orders/${r.int(10000, 99999999)}/items/${r.int(1, 999999)} HTTP/1.1 200 ${r.int(1, 999)}ms`,
  (r) => `usage tokens_used=${r.int(1, 99999)} token_count: ${r.int(1, 4096)} max_tokens=${r.int(1, 8192)}`,
  (r) => `batch ${r.digits(12)} processed ${r.int(1, 10000)} rows`,
  (r) => `订单号 ${r.int(2020, 2025)}${r.digits(10)} 已发货，耗时 ${r.int(1, 9999)} 毫秒`,
  (r) => `金额 ¥${r.int(1, 99999)}.${r.digits(2)}，流水号 ${r.digits(9)}`,
  (r) => `cache key=product:${r.int(1, 999999)} ttl=${r.int(1, 3600)} hit=true`,
  (r) => `sha256:${r.hex(64)} pulled in ${r.int(1, 99)}.${r.digits(2)}s`,
  (r) => `memory rss=${r.int(10, 999)}${r.digits(6)} heap=${r.digits(8)} bytes`,
  (r) => `ship to ZIP ${r.digits(5)}-${r.digits(4)} on ${String(r.int(1, 28)).padStart(2, '0')}.${String(r.int(1, 12)).padStart(2, '0')}.2024`,
  (r) =>
    `batch window 2024/${String(r.int(1, 12)).padStart(2, '0')}/${String(r.int(1, 28)).padStart(2, '0')} ${String(r.int(0, 23)).padStart(2, '0')}:${r.int(10, 59)}:${r.int(10, 59)}.${r.digits(6)}`,
  (r) => `iface eth0 mac ${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:${r.hex(2)}:${r.hex(2)} mtu 1500`,
  (r) => `panic in std::vector<int>::at, Foo::bar() line ${r.int(1, 999)}`,
  (r) => `short sha ${r.hex(7)} merged, total ${r.int(1, 999)},${r.digits(3)},${r.digits(3)} rows, ratio 0.${r.digits(9)}`,
  (r) => `2024年${r.int(1, 12)}月${r.int(1, 28)}日 ${r.int(10, 23)}:${r.int(10, 59)} 结算金额 1.${r.digits(3)}.${r.digits(3)},${r.digits(2)} €`,
  () => 'Bearer token expired; Basic auth disabled; passwordless login enabled',
  // browser User-Agents (product versions are not IPv4 addresses), OAuth token responses, form and escape look-alikes
  (r) =>
    `ua="Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/${r.int(100, 130)}.0.0.0 Safari/537.36 Edg/${r.int(100, 130)}.0.0.0"`,
  (r) => `oauth ok token_type=Bearer expires_in=${r.int(60, 86400)} scope=read refresh_in=${r.int(60, 999)}`,
  (r) => `GET /calc?q=${r.int(1, 99)}+${r.int(1, 99)}&tags=c++&date=2024+${String(r.int(1, 12)).padStart(2, '0')}+01 HTTP/1.1`,
  (r) => `GET /quotes/${v.luhnInvalidRun(r)} 404 and /orders/${r.int(10000, 99999999)}`,
  (r) => `{"msg":"line one\\nline two\\tcount=${r.int(1, 999)}","path":"C:\\\\new\\\\table"}`,
  (r) => `run --password-stdin --token-file /etc/tok --no-password -h db-${r.int(1, 9)}; bypass=cache compass=north passes=${r.int(1, 9)}`,
  (r) => `at 2024-03-01T10:15:30+01:00 and 10:15:30:${r.digits(3)} std::vector a::b discount=50%25 q=100%25`,
  (r) => `token_type=Bearer secret_name=prod/db sig_alg=RS256 signature_valid=true api_key_id=${r.int(1, 99)} session_count=${r.int(1, 99)}`,
  (r) => `password=****** token: [hidden] id_token=${'x'.repeat(r.int(3, 8))}`,
  (r) => `eyJub3QiOiJhIGp3dCJ9.eyJzdWIiOiIxIn0.${r.chars(10, ALNUM)} is not a JWT (no alg)`,
  (r) => `retry after PT${r.int(1, 9)}H${r.int(1, 59)}M, exit code ${r.int(1, 255)}, pid ${r.int(100, 99999)}`,
  (r) => `http://localhost:${r.int(1024, 65535)}/health?verbose=1 and https://example.com:8443/a/b?page=${r.int(1, 99)}`,
  (r) => `sequence ${r.int(1, 9)}${r.digits(2)}-${r.digits(3)}-${r.digits(3)}-${r.digits(3)} (4 groups of 3)`,
  (r) => `GET /v2/users/${r.digits(10)}/avatar@2x.png 304 and node@${r.int(18, 22)}.${r.int(0, 20)}.${r.int(0, 9)}`,
  (r) => `k8s 10.96.${r.int(0, 255)} svc, semver 1.${r.int(0, 30)}.${r.int(0, 30)}, float ${r.int(0, 9)}.${r.digits(12)}`,
  (r) => `rate=${r.int(1, 999)}.${r.digits(2)}/s p50=${r.digits(3)}µs uuid=${r.hex(8)}-${r.hex(4)}-${r.hex(4)}-${r.hex(4)}-${r.hex(12)}`,
  (r) =>
    `[${r.int(1000, 9999)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')} ${r.int(10, 23)}:${r.int(10, 59)}:${r.int(10, 59)},${r.digits(3)}] INFO worker-${r.int(1, 9)}`,
  (r) => `Stripe charge ch_${r.chars(24, ALNUM)} and customer cus_${r.chars(14, ALNUM)} and pk_live_${r.chars(24, ALNUM)} publishable`,
];

export function generateCorpus(seed = 20241121, perType = 150, negatives = 2500): Sample[] {
  const r = new Rng(seed);
  const out: Sample[] = [];
  for (const type of PLANTED_TYPES) for (let i = 0; i < perType; i++) out.push(render(r, type));
  for (let i = 0; i < negatives; i++) {
    const text = r.pick(NEGATIVES)(r);
    out.push({ text, planted: undefined, lang: /[\u4e00-\u9fff]/.test(text) ? 'zh' : 'en' });
  }
  return out;
}

export function generateRecords(seed = 7, count = 300): RecordSample[] {
  const r = new Rng(seed);
  const out: RecordSample[] = [];
  for (let i = 0; i < count; i++) {
    const mail = v.email(r);
    const pw = v.password(r);
    const card = v.cardNumber(r);
    const token = v.bearerToken(r);
    const phone = v.phoneNumber(r);
    const sid = r.chars(32, ALNUM);
    const record = {
      level: 'info',
      msg: `checkout completed for ${mail}`,
      orderId: `ORD-2024-${r.digits(6)}`,
      traceId: r.hex(32),
      durationMs: r.int(1, 5000),
      amount: { value: `${r.int(1, 999)}.${r.digits(2)}`, currency: 'EUR' },
      tokens_used: r.int(1, 5000),
      user: { id: r.int(1, 1e6), contact: { phone, email: mail }, password: pw },
      payment: { cardNumber: card, last4: card.slice(-4) },
      headers: { authorization: `Bearer ${token}`, 'user-agent': 'Mozilla/5.0', cookie: `sid=${sid}` },
      session_id: sid,
      tags: ['eu', 'checkout', `note: paid with card ${card}`],
    };
    out.push({
      record,
      secrets: [mail, pw, card, token, phone, sid],
      kept: ['level', 'orderId', 'traceId', 'durationMs', 'amount.value', 'amount.currency', 'tokens_used', 'user.id', 'payment.last4', 'headers.user-agent'],
    });
  }
  return out;
}
