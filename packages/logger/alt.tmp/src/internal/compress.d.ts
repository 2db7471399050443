export declare function gzipFile(path: string): Promise<boolean>;
//# sourceMappingURL=compress.d.ts.map