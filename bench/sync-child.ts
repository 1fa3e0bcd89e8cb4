/**
 * One first sync (or one floor fetch) in a process of its own, so its peak memory is its own:
 * `node --import tsx bench/sync-child.ts <sync|floor|stream> <host> <port> <user> <password> <db file>`
 * (the sync bench runs it bundled by esbuild, with plain node).
 * Prints one JSON line: the time from logged in to done, the messages, and the peak RSS
 * (`process.resourceUsage().maxRSS`, which covers the whole life of the process).
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import type { FetchMessageObject } from 'imapflow';
import { syncFolder } from '../src/main/mail/sync/folder-sync';
import { SYNC_HEADER_FIELDS } from '../src/main/mail/headers';
import { connectImap } from '../src/main/mail/imap-account';
import { writeFetched } from '../src/main/services/sync/folder-writer';
import { openDatabase } from '../src/main/store/database';
import { keepYoungGenerationSmall } from '../src/main/memory';

export interface ChildResult {
  ms: number;
  messages: number;
  /** Peak resident set size of the process, bytes. */
  maxRss: number;
  /** Resident set size right after start-up and login, bytes. */
  startRss: number;
  /** The largest V8 heap (committed, live and garbage) seen while it ran, bytes. */
  peakHeap: number;
  /** The V8 heap in use after the last full collection, bytes (what is really kept); null if none ran. */
  heapAfterGc: number | null;
}

/** Samples the V8 heap while the work runs (between batches: the samples run on the event loop). */
function watchHeap(): { stop(): { peakHeap: number; heapAfterGc: number | null } } {
  let peakHeap = process.memoryUsage().heapTotal;
  let heapAfterGc: number | null = null;
  const timer = setInterval(() => {
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapTotal);
  }, 5);
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
      // Full (mark-compact) collections: what survives them is what the process keeps.
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR)
        heapAfterGc = process.memoryUsage().heapUsed;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop() {
      clearInterval(timer);
      observer.disconnect();
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapTotal);
      return { peakHeap, heapAfterGc };
    },
  };
}

async function main(): Promise<void> {
  // As the app and the command line start.
  keepYoungGenerationSmall();
  const [mode, host, port, user, password, file] = process.argv.slice(2);
  if (!mode || !host || !port || !user || !password || !file) {
    throw new Error('missing arguments');
  }
  const client = await connectImap({
    host,
    port: Number(port),
    security: 'plaintext',
    user,
    password,
  });
  try {
    if (mode === 'sync') {
      const opened = await openDatabase(file);
      const { store, mailStore } = opened;
      const target = { accountId: 'acct-1', path: 'Sent', role: 'sent' as const };
      try {
        const startRss = process.memoryUsage.rss();
        const heap = watchHeap();
        const started = performance.now();
        const result = await syncFolder(
          client,
          {
            path: 'Sent',
            since: null,
            state: null,
          },
          {
            writeBatch: (fetched, state) =>
              writeFetched(
                opened,
                { ...target, queueInvitations: false },
                fetched,
                state,
                Date.now(),
              ),
            reset: () => mailStore.resetFolder('acct-1', 'Sent'),
          },
        );
        const ms = performance.now() - started;
        report({
          ms,
          messages: result.added,
          maxRss: process.resourceUsage().maxRSS * 1024,
          startRss,
          ...heap.stop(),
        });
      } finally {
        store.close();
      }
    } else {
      const startRss = process.memoryUsage.rss();
      const heap = watchHeap();
      const started = performance.now();
      const lock = await client.getMailboxLock('Sent', { readOnly: true });
      // 'floor' keeps what it fetched, as the timed floor does; 'stream' only counts it (the
      // least memory any reading of the folder through imapflow can take).
      const collected: FetchMessageObject[] = [];
      let count = 0;
      try {
        for await (const message of client.fetch(
          '1:*',
          { uid: true, internalDate: true, headers: [...SYNC_HEADER_FIELDS] },
          { uid: true },
        )) {
          count += 1;
          if (mode === 'floor') collected.push(message);
        }
      } finally {
        lock.release();
      }
      const ms = performance.now() - started;
      report({
        ms,
        messages: count,
        maxRss: process.resourceUsage().maxRSS * 1024,
        startRss,
        ...heap.stop(),
      });
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

function report(result: ChildResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
