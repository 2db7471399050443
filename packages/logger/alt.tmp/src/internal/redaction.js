export const REDACTED = '"[REDACTED]"';
//# sourceMappingURL=redaction.js.map