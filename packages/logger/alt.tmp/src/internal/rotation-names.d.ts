export type Interval = 'daily' | 'hourly';
export declare const HOUR_MS = 3600000;
export declare const DAY_MS = 86400000;
/** Index of the UTC period containing `ms` (epoch time has no leap seconds: every UTC day is 86 400 000 ms). */
export declare function periodOf(ms: number, interval: Interval | undefined): number;
/** `2026-11-21` or `2026-11-21T05` for a period index. */
export declare function periodLabel(period: number, interval: Interval | undefined): string;
export interface RotatedFile {
    name: string;
    label: string;
    seq: number;
}
export declare class RotationNames {
    readonly dir: string;
    private readonly stem;
    private readonly ext;
    private readonly pattern;
    constructor(path: string);
    nameFor(label: string, seq: number): string;
    /**
     * `app.<label>.log` if no file of that period exists yet, else one past the highest sequence
     * (never a gap left by retention: names stay in time order within a period).
     */
    freeName(label: string): Promise<string>;
    /** Rotated files in the directory, newest first (by period, then sequence). */
    list(): Promise<RotatedFile[]>;
    /** Delete rotated files beyond the newest `keep` (a file and its .gz count as one). Returns errors seen. */
    retain(keep: number): Promise<number>;
}
//# sourceMappingURL=rotation-names.d.ts.map