/**
 * Syncs every account at start and then on a timer; a failed account is retried sooner,
 * backing off up to the normal interval. Returns a function that stops the timer.
 */
import type { SyncService } from '../services/sync-service';

const INTERVAL = 10 * 60_000;
const FIRST_RETRY = 30_000;

export function scheduleSync(sync: Pick<SyncService, 'syncAll'>, interval = INTERVAL): () => void {
  let timer: NodeJS.Timeout | null = null;
  let retry = FIRST_RETRY;
  let stopped = false;

  const run = async () => {
    const results = await sync.syncAll().catch(() => [{ ok: false }]);
    if (stopped) return;
    const failed = results.some((r) => !r.ok);
    const wait = failed ? retry : interval;
    retry = failed ? Math.min(retry * 2, interval) : FIRST_RETRY;
    timer = setTimeout(() => void run(), wait);
  };
  void run();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
