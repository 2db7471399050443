import type { Destination, DestinationStats } from './destination.js';
export interface StdoutDestinationOptions {
    /** `json` (default): the record line as is; `pretty`: a readable single line for development. */
    format?: 'json' | 'pretty';
    /** File descriptor to write to (default 1, stdout). */
    fd?: number;
    /** Bound of the pending buffer in UTF-16 code units (≈ bytes for ASCII). Default 16 MiB. */
    maxBufferBytes?: number;
    /** Colour the pretty format. Default: fd is a TTY and NO_COLOR is unset. */
    color?: boolean;
}
export interface StdoutDestination extends Destination {
    stats(): DestinationStats;
    flushSync(): void;
}
export declare function createStdoutDestination(options?: StdoutDestinationOptions): StdoutDestination;
//# sourceMappingURL=stdout-destination.d.ts.map