const live = new Set();
let installed = false;
function onExit() {
    for (const list of live) {
        for (const d of list) {
            try {
                d.flushSync?.();
            }
            catch {
                // exiting: nothing left to do with the failure
            }
        }
    }
}
export function registerForExit(destinations) {
    live.add(destinations);
    if (!installed) {
        installed = true;
        process.on('exit', onExit);
    }
}
export function unregisterForExit(destinations) {
    live.delete(destinations);
}
//# sourceMappingURL=exit-hook.js.map