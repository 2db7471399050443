/**
 * Settle when `work` settles or after `ms`, whichever comes first. Never rejects: resolves with
 * 'done', 'timeout' or the error. The timer is unref'd so it never keeps the process alive.
 */
export function withDeadline(work: Promise<unknown>, ms: number): Promise<'done' | 'timeout' | { error: unknown }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), ms);
    timer.unref();
    work.then(
      () => {
        clearTimeout(timer);
        resolve('done');
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ error });
      },
    );
  });
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
