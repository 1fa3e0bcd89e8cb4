/**
 * A sync process killed with SIGKILL at random points, over and over, against a real Dovecot:
 * after every kill the database file passes `integrity_check`, keeps every batch the killed
 * process reported as stored, and the next sync ends with exactly the server's messages.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
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
const PASSWORD = 'kill-test-password';
const FOLDERS = ['INBOX', 'Sent'] as const;
const RUNS = 20;
const BATCH = 8;
const CHILD = fileURLToPath(new URL('./sync-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

let server: Dovecot;
let dir: string;

beforeAll(async () => {
  server = await startDovecot({ users: [{ user: USER, password: PASSWORD }] });
  await server.writeMaildirMessages(USER, 'Sent', faultMessages('sent', 1, 160));
  await server.writeMaildirMessages(USER, 'INBOX', faultMessages('inbox', 1, 80));
  dir = mkdtempSync(join(tmpdir(), 'followthrough-sigkill-'));
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

interface KilledRun {
  /** Progress lines the child printed: [folder, done] after each stored batch. */
  progress: [string, number][];
  finished: boolean;
}

/** Starts the sync child and kills it after `afterLines` progress lines or `afterMs`. */
async function runAndKill(
  file: string,
  accountId: string,
  when: { afterLines: number; delayMs: number } | { afterMs: number },
): Promise<KilledRun> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', CHILD, file, accountId, String(BATCH)],
    {
      cwd: ROOT,
      env: { ...process.env, SYNC_PASSWORD: PASSWORD },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  const exited = once(child, 'exit');
  const run: KilledRun = { progress: [], finished: false };
  const kill = (): void => void child.kill('SIGKILL');
  let timer: NodeJS.Timeout | null = null;
  if ('afterMs' in when) timer = setTimeout(kill, when.afterMs);
  const lines = createInterface({ input: child.stderr });
  lines.on('line', (line) => {
    const progress = /^progress (\S+) (\d+)\/\d+$/.exec(line);
    if (progress) {
      run.progress.push([progress[1] ?? '', Number(progress[2])]);
      if ('afterLines' in when && run.progress.length === when.afterLines) {
        timer = setTimeout(kill, when.delayMs);
      }
    }
    if (line.startsWith('done')) run.finished = true;
  });
  await exited;
  if (timer) clearTimeout(timer);
  return run;
}

async function createAccount(file: string): Promise<string> {
  const opened = await openDatabase(file);
  try {
    const { accounts } = createServices({
      database: opened,
      vault: createMemoryVault(),
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
    });
    return accounts.save(accountInput(server.port, USER, PASSWORD)).account.id;
  } finally {
    opened.store.close();
  }
}

async function syncInProcess(file: string, accountId: string) {
  const opened = await openDatabase(file);
  try {
    const vault = createMemoryVault();
    vault.save(accountId, PASSWORD);
    const { sync } = createServices({
      database: opened,
      vault,
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
      connectionTimeout: 5000,
    });
    return await sync.syncAccount(accountId);
  } finally {
    opened.store.close();
  }
}

/** Adds a few messages and sometimes deletes a few, so every run has something to do. */
async function changeServer(random: ReturnType<typeof seededRandom>, run: number): Promise<void> {
  const folder = random.pick(FOLDERS);
  const added = random.int(0, 12);
  if (added > 0)
    await server.writeMaildirMessages(USER, folder, faultMessages(`r${run}`, 1, added));
  if (random.next() < 0.3) {
    const admin = await server.adminClient(USER);
    try {
      const lock = await admin.getMailboxLock(random.pick(FOLDERS));
      try {
        const uids = await admin.search({ all: true }, { uid: true });
        const list = Array.isArray(uids) ? uids : [];
        const doomed = Array.from({ length: random.int(1, 3) }, () => random.pick(list));
        if (list.length > 0) await admin.messageDelete(doomed.join(','), { uid: true });
      } finally {
        lock.release();
      }
    } finally {
      await admin.logout();
    }
  }
}

describe('a sync killed with SIGKILL', () => {
  it(`at ${RUNS} random points leaves a sound file, and the next sync has exactly the server's messages`, async () => {
    const seed = faultSeed('sigkill');
    const random = seededRandom(seed);
    const file = join(dir, 'followthrough.sqlite');
    let accountId = '';
    let midSync = 0;

    for (let run = 1; run <= RUNS; run++) {
      const where = `run ${run} (FAULT_SEED=${seed})`;
      const fresh = run === 1 || random.next() < 0.5;
      if (fresh) {
        for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
        accountId = await createAccount(file);
      }
      await changeServer(random, run);

      const killed = await runAndKill(
        file,
        accountId,
        random.next() < 0.75
          ? { afterLines: random.int(1, fresh ? 36 : 3), delayMs: random.int(0, 4) }
          : { afterMs: random.int(50, 800) },
      );
      if (!killed.finished && killed.progress.length > 0) midSync++;

      expect(integrityCheck(file), where).toEqual(['ok']);
      // Every batch the killed process reported as stored is still there.
      const afterKill = storedMessages(file, accountId);
      if (fresh) {
        for (const folder of FOLDERS) {
          const reported = Math.max(
            0,
            ...killed.progress.filter(([f]) => f === folder).map(([, done]) => done),
          );
          const kept = afterKill.filter((m) => m.folder === folder).length;
          expect(kept, `${where}: ${folder}`).toBeGreaterThanOrEqual(reported);
        }
      }

      const next = await syncInProcess(file, accountId);
      expect(next, where).toMatchObject({ ok: true, error: null });
      const stored = storedMessages(file, accountId);
      const onServer = await serverMessages(server, USER, FOLDERS);
      // None missing, none twice: the same UIDs in the same folders, and each Message-ID once.
      expect(stored, where).toEqual(onServer);
      const ids = stored.flatMap((m) => (m.messageId ? [`${m.folder} ${m.messageId}`] : []));
      expect(new Set(ids).size, where).toBe(ids.length);
    }
    console.info(`sigkill: ${midSync} of ${RUNS} kills landed mid-sync`);
    // The kills did land in the middle of syncs, not only before or after them. (Runs with
    // little new mail may finish before their kill point; how many depends on the seed.)
    expect(midSync).toBeGreaterThanOrEqual(RUNS / 4);
  }, 180_000);
});
