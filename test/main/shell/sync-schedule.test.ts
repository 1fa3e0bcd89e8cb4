import { describe, expect, it, vi } from 'vitest';
import type { SyncSummary } from '../../../src/main/services/sync/sync-service';
import { FIRST_RETRY, scheduleSync } from '../../../src/main/shell/sync-schedule';

const INTERVAL = 600_000;

describe('the sync timer', () => {
  it('keeps going after a sync that throws before it even starts', async () => {
    vi.useFakeTimers();
    try {
      let calls = 0;
      const stop = scheduleSync(
        {
          syncAll: () => {
            calls += 1;
            if (calls === 1) throw new RangeError('Invalid time value');
            return Promise.resolve([{ ok: true }] as SyncSummary[]);
          },
        },
        INTERVAL,
      );
      await vi.advanceTimersByTimeAsync(FIRST_RETRY + 1);
      expect(calls).toBe(2);
      await vi.advanceTimersByTimeAsync(INTERVAL);
      expect(calls).toBe(3);
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
