export declare function isoTime(ms: number): string;
//# sourceMappingURL=timestamp.d.ts.map