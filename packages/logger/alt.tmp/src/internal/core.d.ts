/**
 * What a root logger and all its children share: serialiser, service, destinations, clock,
 * the per-context serialisation cache, and the close state.
 */
import { type Destination } from './destination.js';
import type { Level } from './levels.js';
import { FieldLayer } from './field-layer.js';
import type { Serializer } from './serializer.js';
export interface CoreOptions {
    serializer: Serializer;
    service: string;
    destinations: Destination[];
    timeNow: () => number;
    flushOnExit: boolean;
}
export declare class LoggerCore {
    readonly serializer: Serializer;
    /** `,"service":"name"`, serialised once. */
    readonly serviceText: string;
    readonly destinations: readonly Destination[];
    readonly timeNow: () => number;
    /** Context fields objects are immutable per version: serialise each once. */
    private readonly contextCache;
    private lastContext;
    private lastContextEntry;
    private closing;
    closed: boolean;
    /** Records logged after close(), and destination write() calls that threw. */
    droppedAfterClose: number;
    destinationErrors: number;
    constructor(options: CoreOptions);
    /** The serialised context fields object, once per object (context objects are immutable per version). */
    contextEntry(ctx: object): FieldLayer;
    emit(time: number, level: Level, levelValue: number, line: string): void;
    flush(): Promise<void>;
    close(): Promise<void>;
}
//# sourceMappingURL=core.d.ts.map