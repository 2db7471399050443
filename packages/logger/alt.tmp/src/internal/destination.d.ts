import type { Level } from './levels.js';
/** One record on its way to the destinations. */
export interface LogEntry {
    readonly time: number;
    readonly level: Level;
    readonly levelValue: number;
    readonly line: string;
}
/** Where records go. Later queue-backed exporters implement the same shape. */
export interface Destination {
    write(entry: LogEntry): void;
    flush(): Promise<void>;
    close(): Promise<void>;
    flushSync?(): void;
}
/** Counters every built-in destination keeps (read with `stats()`). */
export interface DestinationStats {
    /** Records written out. */
    written: number;
    /** Records dropped (buffer bound exceeded, reader gone, written after close). */
    dropped: number;
    /** Write/open/rename/compress errors seen. */
    errors: number;
}
/** Fixed-shape entry object (one per record, shared by every destination). */
export declare class Entry implements LogEntry {
    readonly time: number;
    readonly level: Level;
    readonly levelValue: number;
    readonly line: string;
    constructor(time: number, level: Level, levelValue: number, line: string);
}
//# sourceMappingURL=destination.d.ts.map