/**
 * One first sync (or one floor fetch) in a process of its own, so its peak memory is its own:
 * `node --import tsx bench/sync-child.ts <sync|floor> <host> <port> <user> <password> <db file>`.
 * Prints one JSON line: the time from logged in to done, the messages, and the peak RSS
 * (`process.resourceUsage().maxRSS`, which covers the whole life of the process).
 */
import type { FetchMessageObject } from 'imapflow';
import { syncFolder } from '../src/main/mail/folder-sync';
import { SYNC_HEADER_FIELDS } from '../src/main/mail/headers';
import { connectImap } from '../src/main/mail/imap-account';
import { openDatabase } from '../src/main/store/database';

export interface ChildResult {
  ms: number;
  messages: number;
  /** Peak resident set size of the process, bytes. */
  maxRss: number;
  /** Resident set size right after start-up and login, bytes. */
  startRss: number;
}

async function main(): Promise<void> {
  const [mode, host, port, user, password, file] = process.argv.slice(2);
  if (!mode || !host || !port || !user || !password || !file) throw new Error('missing arguments');
  const client = await connectImap({
    host,
    port: Number(port),
    security: 'plaintext',
    user,
    password,
  });
  try {
    if (mode === 'sync') {
      const { store, mailStore } = await openDatabase(file);
      try {
        const startRss = process.memoryUsage.rss();
        const started = performance.now();
        const result = await syncFolder(
          client,
          { accountId: 'acct-1', path: 'Sent', role: 'sent', since: null, state: null },
          {
            writeBatch: (messages, state) =>
              mailStore.writeBatch('acct-1', 'Sent', 'sent', messages, state, Date.now()),
            reset: () => mailStore.resetFolder('acct-1', 'Sent'),
          },
        );
        report({
          ms: performance.now() - started,
          messages: result.added,
          maxRss: process.resourceUsage().maxRSS * 1024,
          startRss,
        });
      } finally {
        store.close();
      }
    } else {
      const startRss = process.memoryUsage.rss();
      const started = performance.now();
      const lock = await client.getMailboxLock('Sent', { readOnly: true });
      const collected: FetchMessageObject[] = [];
      try {
        for await (const message of client.fetch(
          '1:*',
          { uid: true, internalDate: true, headers: [...SYNC_HEADER_FIELDS] },
          { uid: true },
        )) {
          collected.push(message);
        }
      } finally {
        lock.release();
      }
      report({
        ms: performance.now() - started,
        messages: collected.length,
        maxRss: process.resourceUsage().maxRSS * 1024,
        startRss,
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
