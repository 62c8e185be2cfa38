// Fires the Worker's scheduled handler at the start of every minute, as
// Cloudflare's cron trigger `* * * * *` does.

/**
 * @param {() => Promise<any>} getWorker Miniflare's handle on the Worker
 * @param {(line: string) => void} log
 */
export function startCron(getWorker, log) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  /** @type {Promise<void>} */
  let running = Promise.resolve();
  let stopped = false;

  const fire = async (/** @type {number} */ at) => {
    const label = new Date(at).toISOString();
    try {
      const worker = await getWorker();
      const result = await worker.scheduled({ scheduledTime: new Date(at), cron: "* * * * *" });
      log(`[cron] ${label} ${result.outcome}`);
    } catch (err) {
      log(`[cron] ${label} failed: ${err instanceof Error ? err.message : err}`);
    }
  };

  const scheduleNext = () => {
    if (stopped) return;
    const now = Date.now();
    const next = Math.floor(now / 60_000) * 60_000 + 60_000;
    timer = setTimeout(() => {
      running = fire(next).then(scheduleNext);
    }, next - now);
  };
  scheduleNext();

  return {
    /** Stops the timer and waits for a run in progress to finish. */
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
