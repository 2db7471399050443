export declare function formatPretty(line: string, colour: boolean): string;
//# sourceMappingURL=pretty.d.ts.map