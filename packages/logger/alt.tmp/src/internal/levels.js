export const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal'];
export const levelValues = Object.freeze({
    trace: 10,
    debug: 20,
    info: 30,
    warn: 40,
    error: 50,
    fatal: 60,
});
/** Numeric threshold of a setting: `silent` is above every level. */
export function thresholdOf(setting) {
    return setting === 'silent' ? Infinity : levelValues[setting];
}
export function isLevel(value) {
    return typeof value === 'string' && Object.prototype.hasOwnProperty.call(levelValues, value);
}
export function isLevelSetting(value) {
    return value === 'silent' || isLevel(value);
}
//# sourceMappingURL=levels.js.map