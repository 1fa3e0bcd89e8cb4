/**
 * The connection to a real Dovecot cut at random points through a loopback proxy the test
 * controls: every cut sync reports a status in plain words and keeps what it stored, and the
 * retry ends with exactly the server's messages. The retry schedule backs off.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import type { SyncSummary } from '../../../src/main/services/sync/sync-service';
import { FIRST_RETRY, nextSync, scheduleSync } from '../../../src/main/shell/sync-schedule';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import {
  accountInput,
  faultMessages,
  faultSeed,
  integrityCheck,
  seededRandom,
  serverMessages,
  storedMessages,
} from './helpers';

const USER = 'sam';
const PASSWORD = 'drop-test-password';
const FOLDERS = ['INBOX', 'Sent'] as const;
/** Syncs cut mid-way, at least; runs go on (up to MAX_RUNS) until this many were cut. */
const CUTS = 50;
const MAX_RUNS = 120;

let server: Dovecot;
let proxy: TcpProxy;
let dir: string;

beforeAll(async () => {
  server = await startDovecot({ users: [{ user: USER, password: PASSWORD }] });
  proxy = await startTcpProxy(server.port);
  await server.writeMaildirMessages(USER, 'Sent', faultMessages('sent', 1, 120));
  await server.writeMaildirMessages(USER, 'INBOX', faultMessages('inbox', 1, 50));
  dir = mkdtempSync(join(tmpdir(), 'followthrough-drops-'));
});
afterAll(async () => {
  await proxy.close();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Messages a user may see after a cut connection: what happened, that nothing is lost, what next. */
const CLEAR_DROP_MESSAGES = [
  /^The connection to the mail server was lost during the sync\. Nothing read so far is lost; the next sync continues from there\.$/,
  /^127\.0\.0\.1:\d+ closed the connection\. If the port expects TLS, choose TLS; otherwise try again later\.$/,
];

describe('a connection cut at random points', () => {
  let opened: OpenedDatabase | null = null;
  afterEach(() => {
    opened?.store.close();
    opened = null;
  });

  it(`${CUTS} times: a clear status each time, and the retry has exactly the server's messages`, async () => {
    const seed = faultSeed('connection drops');
    const random = seededRandom(seed);
    const file = join(dir, 'followthrough.sqlite');
    let accountId = '';
    let onBatch: (() => void) | null = null;
    const open = async () => {
      opened?.store.close();
      opened = await openDatabase(file);
      const vault = createMemoryVault();
      const services = createServices({
        database: opened,
        vault,
        now: () => Date.now(),
        systemTimeZone: () => 'UTC',
        connectionTimeout: 3000,
        syncBatchSize: 10,
        onSyncProgress: () => onBatch?.(),
      });
      return { ...services, vault, opened };
    };
    let app = await open();
    // How many bytes a whole first sync takes, so cuts can land anywhere in one.
    const before = proxy.bytesFromServer;
    accountId = app.accounts.save(accountInput(proxy.port, USER, PASSWORD)).account.id;
    expect(await app.sync.syncAccount(accountId)).toMatchObject({ ok: true });
    const wholeSync = proxy.bytesFromServer - before;

    const seen = new Set<string>();
    let cut = 0;
    let run = 0;
    while (cut < CUTS && run < MAX_RUNS) {
      run++;
      const where = `run ${run} (FAULT_SEED=${seed})`;
      const fresh = random.next() < 0.4;
      if (fresh) {
        app.opened.store.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
        app = await open();
        accountId = app.accounts.save(accountInput(proxy.port, USER, PASSWORD)).account.id;
      }
      const added = random.int(0, 15);
      if (added > 0) {
        await server.writeMaildirMessages(
          USER,
          random.pick(FOLDERS),
          faultMessages(`r${run}`, 1, added),
        );
      }

      // Cut after a random number of bytes from the server, or right after a stored batch.
      let batches = 0;
      const mode = random.next();
      if (mode < 0.15) {
        // While connecting: the greeting, the login, the folder list.
        proxy.dropAfterServerBytes(random.int(1, 1500));
      } else if (mode < 0.7) {
        proxy.dropAfterServerBytes(random.int(1, fresh ? wholeSync : 4000));
      } else {
        const at = random.int(1, fresh ? 12 : 2);
        onBatch = () => {
          if (++batches === at) proxy.dropAll();
        };
      }
      const storedBefore = app.opened.mailStore.countMessages(accountId);
      const result: SyncSummary = await app.sync.syncAccount(accountId);
      proxy.dropAfterServerBytes(Number.POSITIVE_INFINITY);
      onBatch = null;

      const status = app.opened.mailStore.getSyncStatus(accountId);
      if (!result.ok) {
        cut++;
        seen.add(result.error ?? '');
        expect(result.error, where).toSatisfy((e: string) =>
          CLEAR_DROP_MESSAGES.some((m) => m.test(e)),
        );
        expect(status, where).toMatchObject({ state: 'error', error: result.error });
        // What was stored before the cut is kept.
        expect(app.opened.mailStore.countMessages(accountId), where).toBeGreaterThanOrEqual(
          storedBefore,
        );
      }
      expect(integrityCheck(file), where).toEqual(['ok']);

      // The retry the schedule makes: it ends with exactly the server's messages.
      const retry = await app.sync.syncAccount(accountId);
      expect(retry, where).toMatchObject({ ok: true, error: null });
      expect(app.opened.mailStore.getSyncStatus(accountId), where).toMatchObject({
        state: 'ok',
        error: null,
      });
      expect(storedMessages(file, accountId), where).toEqual(
        await serverMessages(server, USER, FOLDERS),
      );
    }
    console.info(
      `connection drops: ${cut} of ${run} syncs cut; messages: ${[...seen].join(' | ')}`,
    );
    expect(cut).toBeGreaterThanOrEqual(CUTS);
  }, 120_000);
});

describe('the retry schedule', () => {
  const INTERVAL = 10 * 60_000;

  it('retries a failed sync sooner, doubling the wait up to the normal interval', () => {
    const waits: number[] = [];
    let retry = FIRST_RETRY;
    for (let i = 0; i < 8; i++) {
      const next = nextSync(true, retry, INTERVAL);
      waits.push(next.wait);
      retry = next.retry;
    }
    expect(waits).toEqual([30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000, 600_000]);
    // A success goes back to the normal interval, and the next failure starts over.
    const ok = nextSync(false, retry, INTERVAL);
    expect(ok).toEqual({ wait: INTERVAL, retry: FIRST_RETRY });
    expect(nextSync(true, ok.retry, INTERVAL).wait).toBe(30_000);
  });

  it('runs the syncs on that schedule, and stops when asked', async () => {
    vi.useFakeTimers();
    try {
      const outcomes = [false, false, false, true, false, true];
      const calls: number[] = [];
      const start = Date.now();
      const stop = scheduleSync(
        {
          syncAll: () => {
            calls.push(Date.now() - start);
            return Promise.resolve([{ ok: outcomes[calls.length - 1] ?? true }] as SyncSummary[]);
          },
        },
        INTERVAL,
      );
      await vi.advanceTimersByTimeAsync(30_000 + 60_000 + 120_000 + INTERVAL + 30_000 + 1);
      expect(calls).toEqual([0, 30_000, 90_000, 210_000, 210_000 + INTERVAL, 240_000 + INTERVAL]);
      stop();
      await vi.advanceTimersByTimeAsync(3 * INTERVAL);
      expect(calls).toHaveLength(6);
    } finally {
      vi.useRealTimers();
    }
  });
});
