/**
 * A password given to the app is found nowhere afterwards: not in the database file, its -wal
 * or -shm, not in backups, not in anything logged, not in any IPC answer or the export, and
 * not in what the command line prints or writes. The vault is the app's keychain vault over a
 * stand-in for Electron's safeStorage that really encrypts (AES-256-GCM with a test key).
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../../src/main/cli/index';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { createServices } from '../../../src/main/services';
import { createKeychainVault } from '../../../src/main/shell/keychain';
import { openDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { captureConsole, filesIn } from '../../support/leak-watch';

const USER = 'sam';
const PASSWORD = 'Tr0ub4dor&3-hunter2-Zebra';
/** A typo the user made first: refused by the server, and just as secret. */
const TYPO = 'Tr0ub4dor&3-hunter2-Zebrq';

/** Every form a secret could be written in by mistake. */
function forms(secret: string): Map<string, Buffer> {
  const utf8 = Buffer.from(secret, 'utf8');
  // AUTH PLAIN and XOAUTH-style tokens carry the password base64-encoded with the user name.
  const saslPlain = Buffer.from(`\u0000${USER}\u0000${secret}`, 'utf8');
  return new Map([
    ['utf-8', utf8],
    ['utf-16le', Buffer.from(secret, 'utf16le')],
    ['base64', Buffer.from(utf8.toString('base64').replace(/=+$/, ''))],
    ['base64url', Buffer.from(utf8.toString('base64url'))],
    ['hex', Buffer.from(utf8.toString('hex'))],
    ['HEX', Buffer.from(utf8.toString('hex').toUpperCase())],
    ['AUTH PLAIN', Buffer.from(saslPlain.toString('base64').replace(/=+$/, ''))],
    ['url-encoded', Buffer.from(encodeURIComponent(secret))],
  ]);
}

/** Names of the forms of `secret` found in `haystack`. */
function leaks(haystack: Buffer | string, secret = PASSWORD): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  return [...forms(secret)].filter(([, form]) => bytes.includes(form)).map(([name]) => name);
}

/** safeStorage as Electron has it, but with a key of the test's: the bytes really change. */
function testSafeStorage() {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => true,
    getSelectedStorageBackend: () => 'gnome_libsecret' as const,
    encryptString(plain: string): Buffer {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(data: Buffer): string {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

let server: Dovecot;
let dir: string;
let logged: string[];

beforeAll(async () => {
  server = await startDovecot({ users: [{ user: USER, password: PASSWORD }] });
  await server.appendMessages(USER, 'Sent', [
    [
      'Message-ID: <note-1@example.net>',
      'Date: Mon, 23 Nov 2026 18:00:00 +0100',
      'From: Sam Carter <sam@example.net>',
      'To: Ada Okafor <ada@northwind.example>',
      'Subject: Thank you',
      '',
      'Hi',
      '',
    ].join('\r\n'),
  ]);
});
afterAll(async () => {
  await server.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-secrets-'));
  // Whatever the code logs, at any level, is captured and searched.
  logged = captureConsole();
});
afterEach(() => {
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

/** Every file now in the folder: the database, -wal, -shm, backups, exports. */
const filesInDir = (): Map<string, Buffer> => filesIn(dir);

function accountInput(password: string) {
  return {
    label: 'Work mailbox',
    provider: 'other' as const,
    email: 'sam@example.net',
    username: USER,
    imap: { host: '127.0.0.1', port: server.port, security: 'plaintext' as const },
    smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' as const },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password,
  };
}

describe('a stored password', () => {
  it('is nowhere in the database files, the logs, the IPC answers or the export', async () => {
    const file = join(dir, 'followthrough.sqlite');
    const opened = await openDatabase(file);
    const safeStorage = testSafeStorage();
    const services = createServices({
      database: opened,
      vault: createKeychainVault(safeStorage, opened.mailStore, 'linux'),
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
      connectionTimeout: 3000,
    });
    const handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(false) });
    const answers: unknown[] = [];
    const call = async (channel: string, input: unknown) => {
      const result = await dispatch(handlers, channel, input, (error) =>
        console.error('Request failed:', error instanceof Error ? error.message : error),
      );
      answers.push(result);
      return result;
    };

    // The user tries a typo first, then the right password, saves, syncs, looks around.
    expect(await call('accounts:test', accountInput(TYPO))).toMatchObject({
      ok: true,
      value: { ok: false, incoming: { ok: false, step: 'login' } },
    });
    expect(await call('accounts:test', accountInput(PASSWORD))).toMatchObject({
      ok: true,
      value: { incoming: { ok: true } },
    });
    const saved = (await call('accounts:save', accountInput(PASSWORD))) as {
      ok: true;
      value: { account: { id: string } };
    };
    const accountId = saved.value.account.id;
    expect(await call('sync:run', { accountId })).toMatchObject({
      ok: true,
      value: [{ ok: true }],
    });
    await call('accounts:list', undefined);
    await call('status:get', {});
    // Saving again with an empty password keeps the stored one (the edit form never shows it).
    await call('accounts:save', { ...accountInput(''), id: accountId });
    const exported = (await call('workspace:export', undefined)) as { ok: true; value: unknown };
    expect(exported.ok).toBe(true);

    // The stored secret is ciphertext the keychain can read back, and it is in the file.
    const ciphertext = opened.mailStore.getSecret(accountId);
    expect(ciphertext).not.toBeNull();
    expect(safeStorage.decryptString(ciphertext!)).toBe(PASSWORD);

    // While the database is open: the main file, the -wal and the -shm.
    const open = filesInDir();
    expect([...open.keys()].sort()).toEqual(
      expect.arrayContaining(['followthrough.sqlite', 'followthrough.sqlite-wal']),
    );
    const everything = Buffer.concat([...open.values()]);
    // The search does see what is stored in these files (the address and the ciphertext)...
    expect(everything.includes(Buffer.from('sam@example.net'))).toBe(true);
    expect(everything.includes(ciphertext!)).toBe(true);
    // ...and finds neither password in any form.
    for (const [name, bytes] of open) {
      expect(leaks(bytes), name).toEqual([]);
      expect(leaks(bytes, TYPO), name).toEqual([]);
    }
    opened.store.close();
    for (const [name, bytes] of filesInDir()) {
      expect(leaks(bytes), `${name} after closing`).toEqual([]);
      expect(leaks(bytes, TYPO), `${name} after closing`).toEqual([]);
    }

    const answerText = JSON.stringify(answers);
    expect(answerText).toContain('sam@example.net');
    for (const secret of [PASSWORD, TYPO]) {
      expect(leaks(answerText, secret), 'IPC answers').toEqual([]);
      expect(leaks(JSON.stringify(exported.value), secret), 'export').toEqual([]);
      expect(leaks(logged.join('\n'), secret), 'log').toEqual([]);
    }
  });

  it('is nowhere in what the command line prints, writes or stores', async () => {
    const db = join(dir, 'cli.sqlite');
    let out = '';
    const cli = (args: string[], env: Record<string, string>) =>
      runCli([...args, '--db', db], {
        stdout: (t) => (out += t),
        stderr: (t) => (out += t),
        env: { TZ: 'UTC', ...env },
        now: () => Date.now(),
      });
    const server$ = [
      '--imap-host',
      '127.0.0.1',
      '--imap-port',
      String(server.port),
      '--security',
      'plaintext',
    ];

    expect(
      await cli(
        [
          'account',
          'add',
          '--email',
          'sam@example.net',
          '--user',
          USER,
          ...server$,
          '--password-env',
          'PW',
        ],
        { PW: TYPO },
      ),
    ).toBe(1);
    expect(
      await cli(
        [
          'account',
          'add',
          '--email',
          'sam@example.net',
          '--user',
          USER,
          ...server$,
          '--password-env',
          'PW',
        ],
        { PW: PASSWORD },
      ),
    ).toBe(0);
    expect(await cli(['sync', '--password-env', 'PW'], { PW: PASSWORD })).toBe(0);
    expect(await cli(['sync', '--password-env', 'PW'], { PW: TYPO })).toBe(1);
    expect(await cli(['account', 'list', '--json'], {})).toBe(0);
    expect(await cli(['export', '--out', join(dir, 'export.json')], {})).toBe(0);
    expect(existsSync(join(dir, 'export.json'))).toBe(true);
    expect(out).toMatch(/did not accept the user name or password/);

    for (const secret of [PASSWORD, TYPO]) {
      expect(leaks(out, secret), 'printed').toEqual([]);
      expect(leaks(logged.join('\n'), secret), 'log').toEqual([]);
      for (const [name, bytes] of filesInDir()) expect(leaks(bytes, secret), name).toEqual([]);
    }
  });
});

describe('a removed account', () => {
  it('leaves no copy of its stored password in the database, its -wal or any backup', async () => {
    const file = join(dir, 'followthrough.sqlite');
    const safeStorage = testSafeStorage();
    const DAY = 86_400_000;
    let now = Date.parse('2026-11-20T09:00:00Z');
    const open = async () => {
      const opened = await openDatabase(file, { now: () => now, backupIntervalMs: DAY });
      const services = createServices({
        database: opened,
        vault: createKeychainVault(safeStorage, opened.mailStore, 'linux'),
        now: () => now,
        systemTimeZone: () => 'UTC',
      });
      const handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(false) });
      return { opened, handlers };
    };

    // Two accounts saved; the app opened on later days takes backups that hold both.
    let { opened, handlers } = await open();
    const save = async (email: string, password: string) => {
      const result = await dispatch(handlers, 'accounts:save', {
        ...accountInput(password),
        email,
      });
      return (result as { ok: true; value: { account: { id: string } } }).value.account.id;
    };
    const gone = await save('sam@example.net', PASSWORD);
    const stays = await save('sam@home.example', 'another-password-Q7');
    const goneCipher = opened.mailStore.getSecret(gone)!;
    const staysCipher = opened.mailStore.getSecret(stays)!;
    opened.store.close();
    for (let day = 1; day <= 2; day++) {
      now += DAY;
      ({ opened, handlers } = await open());
      opened.store.close();
    }
    ({ opened, handlers } = await open());
    const backups = readdirSync(dir).filter((name) => name.includes('.backup-'));
    expect(backups.length).toBeGreaterThanOrEqual(2);
    for (const name of backups) {
      expect(readFileSync(join(dir, name)).includes(goneCipher), name).toBe(true);
    }

    expect(await dispatch(handlers, 'accounts:remove', { id: gone })).toEqual({
      ok: true,
      value: { deleted: true },
    });

    // While the database is still open (main file, -wal, -shm), and after closing it.
    const search = (when: string) => {
      const files = filesInDir();
      expect([...files.keys()]).toEqual(expect.arrayContaining(backups));
      for (const [name, bytes] of files) {
        expect(bytes.includes(goneCipher), `${name} ${when}`).toBe(false);
        expect(leaks(bytes), `${name} ${when}`).toEqual([]);
      }
      // The search does see ciphertext: the other account's is still in the file.
      expect(files.get('followthrough.sqlite')!.includes(staysCipher)).toBe(true);
    };
    search('while open');
    expect(opened.mailStore.getSecret(stays)).toEqual(staysCipher);
    opened.store.close();
    search('after closing');
  });
});
