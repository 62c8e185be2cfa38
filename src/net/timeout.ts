/**
 * Runs `task` with a signal that aborts after `ms`, and clears the timer when
 * the task settles. (AbortSignal.timeout keeps its timer alive until it fires,
 * and workerd allows 10,000 live timers per invocation.)
 */
export async function withTimeout<T>(ms: number, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException(`timed out after ${ms} ms`, "TimeoutError")),
    ms,
  );
  try {
    return await task(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}
