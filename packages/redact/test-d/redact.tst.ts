// Type tests of @meridian/redact's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import {
  type CustomDetector,
  type Finding,
  type LoggerRedactionHook,
  type Redactor,
  type RedactorOptions,
  createRedactor,
  redactSpanAttributes,
  redactUrl,
  toLoggerHook,
} from '@meridian/redact';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const detector: CustomDetector = { type: 'order_ref', scan: (text: string) => (text.includes('ORD-') ? [] : []) };
const options: RedactorOptions = {
  enabled: true,
  mode: 'mask',
  disable: ['ip'],
  extraKeys: ['x-session'],
  detectors: [detector],
  maxDepth: 32,
};
const redactor: Redactor = createRedactor(options);
createRedactor();
createRedactor({ mode: 'hash', hashKey: 'a-key-of-sixteen-chars-or-more' });
// @ts-expect-error: misspelt option (extraKeys)
createRedactor({ extraKey: ['x'] });
// @ts-expect-error: not a mode
createRedactor({ mode: 'erase' });
// @ts-expect-error: enabled is a boolean
createRedactor({ enabled: 'yes' });

const order = { card: '4111 1111 1111 1111', email: 'ana@example.com', amount: 12 };
const masked: typeof order = redactor.redact(order);
const text: string = redactor.redact('call +44 20 7946 0958');
const findings: Finding[] = redactor.scan('ana@example.com');
expectTrue<Equal<ReturnType<Redactor['isSensitiveKey']>, boolean>>(true);
const attrs: { 'http.url': string } = redactSpanAttributes({ 'http.url': 'https://x.test/?token=abc' }, redactor);
const url: string = redactUrl('https://user:pw@x.test/', redactor);
// @ts-expect-error: redactUrl needs the redactor
redactUrl('https://x.test/');
const hook: LoggerRedactionHook = toLoggerHook(redactor); // createLogger({ redaction: hook })
void [masked, text, findings, attrs, url, hook];
