import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { ROOT_CONTEXT, context, createContextKey } from '@opentelemetry/api';
import { diagnose } from '@meridian/config';

/** Diagnostic code printed when the global OpenTelemetry context manager cannot be installed. */
export const ERR_CONTEXT_MANAGER = 'MERIDIAN_ERR_CONTEXT_MANAGER';

const PROBE_KEY = createContextKey('meridian.context.probe');
const PROBE_CONTEXT = ROOT_CONTEXT.setValue(PROBE_KEY, true);

let ready = false;

function readProbe(): boolean {
  return context.active().getValue(PROBE_KEY) === true;
}

/**
 * True when a global context manager that actually propagates values is registered.
 * Under the API's default no-op manager `context.with()` runs the function but
 * `context.active()` stays ROOT_CONTEXT, so the round trip fails.
 */
export function hasWorkingContextManager(): boolean {
  try {
    return context.with(PROBE_CONTEXT, readProbe);
  } catch {
    return false;
  }
}

/**
 * Make sure a global OpenTelemetry context manager is registered. If none works yet, register an
 * enabled `AsyncLocalStorageContextManager`; if one already works (ours, the OTel SDK's, another
 * tool's), keep it. Idempotent and cheap after the first success; never throws.
 * Returns true when context propagation works afterwards.
 */
export function ensureContextManager(): boolean {
  if (hasWorkingContextManager()) {
    ready = true;
    return true;
  }
  try {
    const manager = new AsyncLocalStorageContextManager();
    manager.enable();
    if (!context.setGlobalContextManager(manager)) manager.disable();
  } catch {
    // reported below
  }
  ready = hasWorkingContextManager();
  if (!ready) {
    diagnose(
      ERR_CONTEXT_MANAGER,
      'a global OpenTelemetry context manager is registered but does not propagate values, ' +
        'and Meridian could not replace it; request context and trace ids will be missing. ' +
        'Accepted: no manager (Meridian installs AsyncLocalStorageContextManager) or a working one',
    );
  }
  return ready;
}

/** Lazily called on the first withContext()/bind; after that a single boolean check. */
export function ensureContextManagerOnce(): void {
  if (!ready) ensureContextManager();
}
