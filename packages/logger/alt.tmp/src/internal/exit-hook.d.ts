/**
 * One process 'exit' listener for every live logger: gives each destination its last-chance
 * synchronous write. Loggers leave the set when closed.
 */
import type { Destination } from './destination.js';
export declare function registerForExit(destinations: readonly Destination[]): void;
export declare function unregisterForExit(destinations: readonly Destination[]): void;
//# sourceMappingURL=exit-hook.d.ts.map