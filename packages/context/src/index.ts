/**
 * @meridian/context — request-scoped fields stored on the OpenTelemetry context
 * (AsyncLocalStorage through the OTel context manager), so logs and spans see one context.
 * The async_hooks-free replacement for cls-hooked.
 */
export {
  withContext,
  withRequestContext,
  contextWithRequestFields,
  getRequestScope,
  getRequestScopeFrom,
  getContext,
  getContextFrom,
  derivedFromContext,
  derivedFromContextOf,
  setContextField,
  bindContext,
  bindEmitter,
  ERR_CONTEXT_FIELD,
  ERR_CONTEXT_NO_SCOPE,
} from './internal/api.js';
export { ensureContextManager, hasWorkingContextManager, ERR_CONTEXT_MANAGER } from './internal/manager.js';
export type { ContextFields } from './internal/scope.js';
export { activeTraceFields, traceFieldsOf, TRACE_FIELD_KEYS } from './internal/trace-fields.js';
export type { TraceFields } from './internal/trace-fields.js';
