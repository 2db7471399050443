/** Fixed-shape entry object (one per record, shared by every destination). */
export class Entry {
    time;
    level;
    levelValue;
    line;
    constructor(time, level, levelValue, line) {
        this.time = time;
        this.level = level;
        this.levelValue = levelValue;
        this.line = line;
    }
}
//# sourceMappingURL=destination.js.map