/**
 * Sensitive field names. A key is normalised by lowercasing and dropping '-' and '_'
 * ("X-Api-Key", "api_key" and "apiKey" all become "apikey"), then matched exactly or by suffix
 * ("db_password", "githubToken", "http.request.header.authorization").
 *
 * Deliberate choices: `session`, `session_id` and `sessionToken` are masked (a session id is a
 * bearer credential); `token_count`, `tokens_used`, `max_tokens` are not (they do not end in
 * "token"); `card`/`card_number`/`cvv`/`ssn` are masked in structured data whatever they hold.
 */

export function normalizeKey(key: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 45 || c === 95) {
      changed = true;
    } else if (c >= 65 && c <= 90) {
      changed = true;
    } else {
      continue;
    }
  }
  if (!changed) return key;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (c === 45 || c === 95) continue;
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : key[i];
  }
  return out;
}

const SHARED_EXACT = [
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'authtoken',
  'clientsecret',
  'signature',
  'sig',
  'xamzsignature',
  'xamzcredential',
  'xamzsecuritytoken',
  'xapikey',
  'xauthtoken',
  'privatekey',
  'sessionid',
  'sessiontoken',
  'credential',
  'credentials',
  'authorization',
  'proxyauthorization',
  'cookie',
  'setcookie',
  'ssn',
  'cvv',
  'cvc',
  'cvv2',
  'cvc2',
  // SECRET_KEY (Django, Flask), SECRET_KEY_BASE (Rails), AWS_SECRET_ACCESS_KEY / secretAccessKey,
  // Azure AccountKey= / SharedAccessKey=, and keys that encrypt or sign
  'secretkey',
  'secretkeybase',
  'secretaccesskey',
  'accountkey',
  'sharedaccesskey',
  'encryptionkey',
  'signingkey',
  'masterkey',
];
const SHARED_SUFFIX = [
  'password',
  'passwd',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'privatekey',
  'secretkey',
  'signature',
  'credential',
  'credentials',
  'sessionid',
  'sessiontoken',
  'authorization',
  'cookie',
  'secretaccesskey',
  'accountkey',
  'sharedaccesskey',
  'secretkeybase',
  'encryptionkey',
  'signingkey',
  'masterkey',
];
/** Only for structured fields: too common as plain words inside messages ("card: declined"). */
const FIELD_ONLY_EXACT = [
  'pass',
  'cookies',
  'session',
  'sessionkey',
  'card',
  'cardnumber',
  'cardno',
  'ccnumber',
  'ccnum',
  'creditcard',
  'creditcardnumber',
  'pan',
  'securitycode',
  'socialsecuritynumber',
  'nino',
  'nationalid',
  'nationalidnumber',
  'pin',
  'otp',
  'iban',
];
const FIELD_ONLY_SUFFIX = ['cardnumber'];
/** In strings, the value of these runs to the end of the line (header style), after a scheme word if any. */
const HEADER_STYLE = new Set(['authorization', 'proxyauthorization', 'cookie', 'setcookie']);

/** Whether s[from, from + word.length) is `word` (lower case), ignoring case. */
function wordAt(s: string, from: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if ((s.charCodeAt(from + k) | 32) !== word.charCodeAt(k)) return false;
  return true;
}

/**
 * "DB_PASS", "SMTP_PASS", "mail.pass", "redisPass", "DB_PWD", "dbPwd": a key ending in "pass" or "pwd"
 * after a separator or a camelCase hump. "bypass", "compass", "BYPASS" are words, not passwords.
 */
export function passKey(s: string, ks: number, ke: number): boolean {
  const len = wordAt(s, ke - 4, 'pass') ? 4 : wordAt(s, ke - 3, 'pwd') ? 3 : 0;
  if (len === 0 || ke - ks <= len) return false;
  const p = ke - len;
  const b = s.charCodeAt(p - 1);
  if (b === 95 || b === 45 || b === 46) return true;
  return b >= 97 && b <= 122 && s.charCodeAt(p) === 80; // camelCase: "redisPass", "dbPwd"
}

function endsWithAny(k: string, suffixes: readonly string[]): boolean {
  for (const s of suffixes) if (k.length > s.length && k.endsWith(s)) return true;
  return false;
}

export class KeyMatcher {
  private readonly fieldExact: Set<string>;
  private readonly textExact: Set<string>;
  private readonly cache = new Map<string, boolean>();

  /** Last two characters (lowercase, as c1 << 8 | c2) of every name the string scan can match. */
  private readonly textTails = new Set<number>();

  constructor(extraKeys: readonly string[]) {
    const extra = extraKeys.map(normalizeKey).filter((k) => k !== '');
    this.fieldExact = new Set([...SHARED_EXACT, ...FIELD_ONLY_EXACT, ...extra]);
    this.textExact = new Set([...SHARED_EXACT, ...extra]);
    for (const k of [...this.textExact, ...SHARED_SUFFIX, ...HEADER_STYLE, 'pass', 'pwd']) {
      if (k.length >= 2) this.textTails.add((k.charCodeAt(k.length - 2) << 8) | k.charCodeAt(k.length - 1));
    }
  }

  /**
   * Cheap pre-check on the raw key's last two characters before normalising it: most keys in log lines
   * (status, method, route, duration_ms) are rejected without allocating. Keys ending in '-'/'_' pass.
   */
  mayBeTextKey(s: string, ke: number): boolean {
    const c2 = s.charCodeAt(ke - 1);
    const c1 = s.charCodeAt(ke - 2);
    if (c2 === 45 || c2 === 95 || c1 === 45 || c1 === 95) return true;
    const l1 = c1 >= 65 && c1 <= 90 ? c1 + 32 : c1;
    const l2 = c2 >= 65 && c2 <= 90 ? c2 + 32 : c2;
    return this.textTails.has((l1 << 8) | l2);
  }

  /** Values under this field name are masked whatever they contain. */
  isSensitiveField(key: string): boolean {
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    const k = normalizeKey(key);
    const yes = this.fieldExact.has(k) || endsWithAny(k, SHARED_SUFFIX) || endsWithAny(k, FIELD_ONLY_SUFFIX) || passKey(key, 0, key.length);
    if (this.cache.size >= 4096) this.cache.clear();
    this.cache.set(key, yes);
    return yes;
  }

  /** For `key=value` / `key: value` / `"key":"value"` inside strings: 0 = not sensitive, 1 = value, 2 = header style. */
  textKeyKind(normalized: string): 0 | 1 | 2 {
    if (HEADER_STYLE.has(normalized) || (normalized.endsWith('authorization') && normalized.length > 13)) return 2;
    return this.textExact.has(normalized) || endsWithAny(normalized, SHARED_SUFFIX) ? 1 : 0;
  }
}
