// Type tests of @meridian/context's public API, compiled by `tsc -b` (test-d/tsconfig.json) and never run: what must
// compile, and — each under @ts-expect-error, which fails the build if the line compiles — what must not.
// Imported by package name, through the package's "exports", as users import it.
import {
  type ContextFields,
  type TraceFields,
  activeTraceFields,
  bindContext,
  getContext,
  setContextField,
  withContext,
  withRequestContext,
} from '@meridian/context';
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectTrue<T extends true>(_: T): void {
  void _;
}

const answer: number = withContext({ request_id: 'r-1', tenant: 'acme' }, () => 42);
const later: Promise<string> = withRequestContext({ request_id: 'r-2' }, async () => 'done');
// @ts-expect-error: the fields are an object, not a string
withContext('r-1', () => 1);
// @ts-expect-error: the callback takes no arguments
withContext({}, (fields: ContextFields) => fields);
expectTrue<Equal<ReturnType<typeof getContext>, ContextFields | undefined>>(true);
setContextField('user_id', 7);
// @ts-expect-error: field names are strings
setContextField(7, 'user');
const bound: (a: number, b: string) => boolean = bindContext((a: number, b: string) => a > b.length);
// @ts-expect-error: bindContext keeps the signature it was given
const rebound: (a: string) => boolean = bindContext((a: number) => a > 0);
const ids: TraceFields | undefined = activeTraceFields();
if (ids !== undefined) {
  const traceId: string = ids.trace_id;
  // @ts-expect-error: misspelt field: it is trace_id, in snake case as on the log line
  void ids.traceId;
  void traceId;
}
void [answer, later, bound, rebound];
