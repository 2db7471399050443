/**
 * Flush bookkeeping by record sequence: `accepted` counts records taken into the buffer, `settled`
 * counts records written or dropped. flush() waits until `settled` reaches the `accepted` value
 * seen at the call, so records logged after the call never delay it.
 */
export declare class FlushWaiters {
    accepted: number;
    settled: number;
    private waiters;
    wait(): Promise<void>;
    settle(count: number): void;
    /** Settle everything accepted so far (reader gone, or closing with nothing more to try). */
    settleAll(): void;
}
//# sourceMappingURL=flush-waiters.d.ts.map