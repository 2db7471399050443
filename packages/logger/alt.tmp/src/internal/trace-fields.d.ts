export declare function traceFields(): string;
//# sourceMappingURL=trace-fields.d.ts.map