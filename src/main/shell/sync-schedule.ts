/**
 * Syncs every account at start and then on a timer; a failed account is retried sooner,
 * backing off up to the normal interval. Returns a function that stops the timer.
 */
import type { SyncService } from '../services/sync/sync-service';

const INTERVAL = 10 * 60_000;
export const FIRST_RETRY = 30_000;

/**
 * When to sync next: after a failure `retry` ms, doubling each time up to the normal
 * interval; after a success the normal interval, and the next failure starts over at
 * FIRST_RETRY. Pure, so the backoff is testable without timers.
 */
export function nextSync(
  failed: boolean,
  retry: number,
  interval: number,
): { wait: number; retry: number } {
  return failed
    ? { wait: Math.min(retry, interval), retry: Math.min(retry * 2, interval) }
    : { wait: interval, retry: FIRST_RETRY };
}

export function scheduleSync(sync: Pick<SyncService, 'syncAll'>, interval = INTERVAL): () => void {
  let timer: NodeJS.Timeout | null = null;
  let retry = FIRST_RETRY;
  let stopped = false;

  const run = async () => {
    // A throw before the first await counts as a failed run too: the timer must go on.
    const results = await Promise.resolve()
      .then(() => sync.syncAll())
      .catch(() => [{ ok: false }]);
    if (stopped) return;
    const next = nextSync(
      results.some((r) => !r.ok),
      retry,
      interval,
    );
    retry = next.retry;
    timer = setTimeout(() => void run(), next.wait);
  };
  void run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
