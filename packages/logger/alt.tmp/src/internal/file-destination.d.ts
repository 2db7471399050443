import type { Destination, DestinationStats } from './destination.js';
import { type Interval } from './rotation-names.js';
export interface FileDestinationOptions {
    path: string;
    rotate?: {
        interval?: Interval;
        maxBytes?: number;
    };
    /** Rotated files kept (default 7). */
    keep?: number;
    /** Gzip rotated files in the background (default true). */
    compress?: boolean;
    /** Bound of the pending buffer in UTF-16 code units (≈ bytes for ASCII). Default 16 MiB. */
    maxBufferBytes?: number;
    /** Clock (epoch ms) for names of size-only rotations; tests pass a fake one. Default Date.now. */
    now?: () => number;
}
export interface FileDestination extends Destination {
    stats(): FileDestinationStats;
    flushSync(): void;
}
export interface FileDestinationStats extends DestinationStats {
    rotations: number;
    compressed: number;
}
export declare function createFileDestination(options: FileDestinationOptions): FileDestination;
//# sourceMappingURL=file-destination.d.ts.map