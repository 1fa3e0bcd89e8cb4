/**
 * What the server does between and during syncs, against a real Dovecot: a restart in the
 * middle of a sync, a folder read again under a new UIDVALIDITY, a chosen Sent folder renamed
 * or deleted, the password revoked. Each ends with the right messages stored and a status
 * the user can act on.
 */
import { mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import type { AccountInput } from '../../../src/main/services/account-service';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import {
  accountInput,
  faultMessages,
  integrityCheck,
  serverMessages,
  storedMessages,
  type FolderEntry,
} from './helpers';

const PASSWORD = 'server-events-password';

let server: Dovecot;
let dir: string;
let file: string;
let opened: OpenedDatabase;
let userCount = 0;
let user = '';

beforeAll(async () => {
  const users = Array.from({ length: 8 }, (_, i) => ({ user: `user${i}`, password: PASSWORD }));
  server = await startDovecot({ users });
});
afterAll(async () => {
  await server.stop();
});
beforeEach(async () => {
  // Every test has a mailbox of its own, so they cannot see each other's folders.
  user = `user${userCount++}`;
  dir = mkdtempSync(join(tmpdir(), 'followthrough-server-events-'));
  file = join(dir, 'followthrough.sqlite');
  opened = await openDatabase(file);
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function services(onBatch?: (done: number) => void) {
  const vault = createMemoryVault();
  return {
    vault,
    ...createServices({
      database: opened,
      vault,
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
      connectionTimeout: 3000,
      syncBatchSize: 10,
      ...(onBatch ? { onSyncProgress: ({ done }) => onBatch(done) } : {}),
    }),
  };
}

function input(extra: Partial<AccountInput> = {}): AccountInput {
  return { ...accountInput(server.port, user, PASSWORD), ...extra };
}

async function canLogIn(): Promise<boolean> {
  try {
    const client = await server.adminClient(user);
    await client.logout();
    return true;
  } catch {
    return false;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function onServer(folders: readonly string[]): Promise<FolderEntry[]> {
  return serverMessages(server, user, folders);
}

describe('the server restarts in the middle of a sync', () => {
  it('the sync says the connection was lost, keeps what it read, and the next one completes', async () => {
    await server.writeMaildirMessages(user, 'Sent', faultMessages('restart', 1, 80));
    let stopped = false;
    const { accounts, sync } = services((done) => {
      // The server goes down at once, right after the third batch was stored (the restart
      // helper is asynchronous; the sync must not get ahead of it).
      if (done === 30 && !stopped) {
        const pid = Number(readFileSync(join(server.dir, 'run', 'master.pid'), 'utf8'));
        process.kill(-pid, 'SIGKILL');
        stopped = true;
      }
    });
    const { account } = accounts.save(input());

    const cut = await sync.syncAccount(account.id);
    await server.restart();
    expect(stopped).toBe(true);
    expect(cut.ok).toBe(false);
    expect(cut.error).toBe(
      'The connection to the mail server was lost during the sync. Nothing read so far is lost; the next sync continues from there.',
    );
    expect(opened.mailStore.getSyncStatus(account.id)).toMatchObject({ state: 'error' });
    expect(opened.mailStore.countMessages(account.id)).toBeGreaterThanOrEqual(30);

    const next = await sync.syncAccount(account.id);
    expect(next).toMatchObject({ ok: true, error: null });
    expect(storedMessages(file, account.id)).toEqual(await onServer(['INBOX', 'Sent']));
    expect(integrityCheck(file)).toEqual(['ok']);
  });
});

describe('UIDVALIDITY changes between syncs', () => {
  it('reads the folder again: the old messages go, the new ones come, none twice', async () => {
    await server.writeMaildirMessages(user, 'Sent', faultMessages('before', 1, 25));
    const { accounts, sync } = services();
    const { account } = accounts.save(input());
    expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true, added: 25 });

    // The folder is recreated on the server: same name, new UIDVALIDITY, other messages.
    const admin = await server.adminClient(user);
    await admin.mailboxDelete('Sent');
    await admin.mailboxCreate('Sent');
    for (const raw of faultMessages('after', 1, 7)) await admin.append('Sent', raw);
    await admin.logout();

    const again = await sync.syncAccount(account.id);
    expect(again).toMatchObject({ ok: true, error: null, added: 7 });
    expect(again.folders.find((f) => f.role === 'sent')).toMatchObject({ reset: true });
    const stored = storedMessages(file, account.id);
    expect(stored).toEqual(await onServer(['INBOX', 'Sent']));
    expect(stored.every((m) => !m.messageId?.includes('before'))).toBe(true);
    expect(opened.mailStore.getSyncStatus(account.id)).toMatchObject({ state: 'ok', messages: 7 });
  });
});

describe('the Sent folder the user chose', () => {
  async function chosenFolderAccount(path: string) {
    const admin = await server.adminClient(user);
    await admin.mailboxCreate(path);
    await admin.logout();
    await server.appendMessages(user, path, faultMessages('notes', 1, 12));
    const all = services();
    const { account } = all.accounts.save(input({ sentFolder: path }));
    expect(await all.sync.syncAccount(account.id)).toMatchObject({ ok: true, added: 12 });
    return { ...all, account };
  }

  it('renamed on the server: the sync names the missing folder, keeps the notes, and reads the new name once chosen', async () => {
    const { accounts, sync, account } = await chosenFolderAccount('Sent Notes');
    const admin = await server.adminClient(user);
    await admin.mailboxRename('Sent Notes', 'Old Notes');
    await admin.logout();

    const failed = await sync.syncAccount(account.id);
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/"Sent Notes".*does not exist/);
    expect(failed.error).toMatch(/[Cc]hoose/);
    expect(opened.mailStore.getSyncStatus(account.id)).toMatchObject({
      state: 'error',
      error: failed.error,
    });
    // Nothing is wiped because a folder went missing.
    expect(opened.mailStore.countMessages(account.id)).toBe(12);

    accounts.save({ ...input({ sentFolder: 'Old Notes' }), id: account.id, password: '' });
    expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true, error: null });
    expect(storedMessages(file, account.id)).toEqual(await onServer(['INBOX', 'Old Notes']));
  });

  it('deleted on the server: the sync names it and keeps the notes; the default Sent folder then replaces them', async () => {
    const { accounts, sync, account } = await chosenFolderAccount('Letters');
    const admin = await server.adminClient(user);
    await admin.mailboxDelete('Letters');
    await admin.logout();
    await server.appendMessages(user, 'Sent', faultMessages('default', 1, 3));

    const failed = await sync.syncAccount(account.id);
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/"Letters".*does not exist/);
    expect(opened.mailStore.countMessages(account.id)).toBe(12);

    accounts.save({ ...input({ sentFolder: null }), id: account.id, password: '' });
    expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true, error: null });
    expect(storedMessages(file, account.id)).toEqual(await onServer(['INBOX', 'Sent']));
  });
});

describe('the password is revoked between syncs', () => {
  it('says to sign in again with an app password, keeps everything, and recovers when it works again', async () => {
    await server.writeMaildirMessages(user, 'Sent', faultMessages('revoked', 1, 9));
    const { accounts, sync } = services();
    const { account } = accounts.save(input());
    expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true, added: 9 });

    // Dovecot reads its passwd-file again when the file changed, looking at most once a second.
    const passwd = join(server.dir, 'passwd');
    const original = readFileSync(passwd, 'utf8');
    const rewrite = async (text: string, secondsAhead: number, loginWorks: boolean) => {
      writeFileSync(passwd, text);
      const at = new Date(Date.now() + secondsAhead * 1000);
      utimesSync(passwd, at, at);
      for (let i = 0; i < 50 && (await canLogIn()) !== loginWorks; i++) await sleep(100);
    };
    await rewrite(
      original.replace(`${user}:{PLAIN}${PASSWORD}:`, `${user}:{PLAIN}changed-elsewhere:`),
      5,
      false,
    );
    try {
      const refused = await sync.syncAccount(account.id);
      expect(refused.ok).toBe(false);
      expect(refused.error).toMatch(/did not accept the user name or password/);
      expect(refused.error).toMatch(/app password/);
      expect(refused.error).not.toContain(PASSWORD);
      expect(opened.mailStore.getSyncStatus(account.id)).toMatchObject({
        state: 'error',
        messages: 9,
      });
    } finally {
      await rewrite(original, 10, true);
    }
    expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true, error: null });
    expect(storedMessages(file, account.id)).toEqual(await onServer(['INBOX', 'Sent']));
  });
});
