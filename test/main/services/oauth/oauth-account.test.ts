/**
 * Accounts that sign in with Google or Microsoft, end to end against real servers on loopback:
 * oidc-provider as the authorization server (pointed to by the "gmail" and "outlook" presets),
 * Dovecot checking every IMAP token at its userinfo endpoint, and an SMTP receiver checking
 * XOAUTH2 the same way. The browser step is a scripted user agent following the redirects.
 */
import { imapMailServer } from '../../../../src/main/mail/imap-mailbox';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../../src/main/ipc/handlers';
import { verifySmtp } from '../../../../src/main/mail/smtp';
import { createServices } from '../../../../src/main/services';
import { createMailWatch } from '../../../../src/main/services/mail-watch';
import type { OAuthConfig } from '../../../../src/main/services/oauth/providers';
import { decodeGrant, SIGN_IN_AGAIN } from '../../../../src/main/services/oauth/token-source';
import { createMemoryVault, type SecretVault } from '../../../../src/main/services/secrets';
import { createKeychainVault } from '../../../../src/main/shell/keychain';
import { openDatabase, type OpenedDatabase } from '../../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../../support/dovecot';
import { captureConsole, filesIn } from '../../../support/leak-watch';
import {
  browseAuthorization,
  startOAuthServer,
  type OAuthTestServer,
} from '../../../support/oauth-server';
import { startSmtpReceiver, type SmtpReceiver } from '../../../support/smtp-receiver';
import { startTcpProxy, type TcpProxy } from '../../../support/tcp-proxy';

const ADDRESS = 'sam@example.test';

let server: OAuthTestServer;
let dovecot: Dovecot;
let smtp: SmtpReceiver;
let proxy: TcpProxy;
let dir: string;
let opened: OpenedDatabase | null = null;
let logged: string[];

function message(folder: string, n: number): string {
  return [
    `Message-ID: <${folder}-${n}@example.test>`,
    `Date: Mon, ${String(10 + (n % 10)).padStart(2, '0')} Nov 2026 10:00:00 +0100`,
    folder === 'Sent' ? `From: Sam <${ADDRESS}>` : 'From: Ada <ada@northwind.example>',
    folder === 'Sent' ? 'To: Ada <ada@northwind.example>' : `To: Sam <${ADDRESS}>`,
    `Subject: Message ${n}`,
    '',
    'Hello',
    '',
  ].join('\r\n');
}

async function addMessages(folder: 'Sent' | 'INBOX', from: number, to: number): Promise<void> {
  const raws: string[] = [];
  for (let n = from; n <= to; n++) raws.push(message(folder, n));
  await dovecot.writeMaildirMessages(ADDRESS, folder, raws);
}

beforeAll(async () => {
  server = await startOAuthServer();
  server.signInAs = ADDRESS;
  dovecot = await startDovecot({
    users: [{ user: ADDRESS, password: 'only-for-test-setup' }],
    oauth2: { userinfoUrl: server.userinfoUrl },
  });
  proxy = await startTcpProxy(dovecot.port);
  smtp = await startSmtpReceiver({ checkAccessToken: (token) => server.addressOf(token) });
  await addMessages('Sent', 1, 30);
  await addMessages('INBOX', 1, 20);
});
afterAll(async () => {
  await smtp.stop();
  await proxy.close();
  await dovecot.stop();
  await server.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-oauth-'));
  logged = captureConsole();
});
afterEach(() => {
  vi.restoreAllMocks();
  opened?.store.close();
  opened = null;
  rmSync(dir, { recursive: true, force: true });
});

function config(): OAuthConfig {
  const endpoints = { authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl };
  const client = { clientId: server.clientId };
  return {
    endpoints: { gmail: endpoints, outlook: endpoints },
    builtInClients: { gmail: client, outlook: client },
  };
}

async function open(
  options: {
    vault?: (db: OpenedDatabase) => SecretVault;
    now?: () => number;
    batch?: number;
    undoSendMs?: number;
  } = {},
) {
  opened = await openDatabase(join(dir, 'followthrough.sqlite'));
  const database = opened;
  const vault = options.vault ? options.vault(database) : createMemoryVault();
  let onBatch: (() => void) | null = null;
  const services = createServices({
    database,
    vault,
    now: options.now ?? (() => Date.now()),
    systemTimeZone: () => 'UTC',
    connectionTimeout: 3000,
    ...(options.batch ? { syncBatchSize: options.batch } : {}),
    ...(options.undoSendMs !== undefined ? { undoSendMs: options.undoSendMs } : {}),
    onSyncProgress: () => onBatch?.(),
    oauth: {
      config: config(),
      // The user's browser: the provider's pages, the sign-in, back to the app's loopback page.
      openBrowser: async (url) => void (await browseAuthorization(url)),
      timeoutMs: 10_000,
      refreshAheadMs: 0,
    },
  });
  return {
    ...services,
    vault,
    database,
    onBatch: (fn: (() => void) | null) => {
      onBatch = fn;
    },
  };
}

function signInInput(port = dovecot.port) {
  return {
    imap: { host: '127.0.0.1', port, security: 'plaintext' as const },
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'plaintext' as const },
    providerFilesSent: true,
    sentFolder: null,
    draftsFolder: null,
    replyFolders: [],
  };
}

function storedIds(database: OpenedDatabase, accountId: string): string[] {
  return database.mailStore
    .listMessages()
    .filter((m) => m.id.startsWith(`${accountId}:`))
    .map((m) => m.messageId ?? '');
}

const tokenRequests = () => server.requests.filter((r) => r === 'POST /token').length;

describe('an account that signs in through the browser', () => {
  it.each(['gmail', 'outlook'] as const)(
    '%s: from the authorization URL to a first sync, IMAP and SMTP both signed in with the token',
    async (provider) => {
      const app = await open();
      const { view, report } = await app.accounts.signIn({ provider, ...signInInput() });
      expect(report).toMatchObject({ ok: true, incoming: { ok: true }, outgoing: { ok: true } });
      expect(view.account).toMatchObject({
        provider,
        auth: 'oauth2',
        email: ADDRESS,
        username: ADDRESS,
        label: provider === 'gmail' ? 'Gmail' : 'Outlook / Microsoft 365',
      });
      expect(app.accounts.list()[0]).toMatchObject({ hasPassword: true });
      const summary = await app.sync.syncAccount(view.account.id);
      expect(summary).toMatchObject({ ok: true, error: null });
      const ids = storedIds(app.database, view.account.id);
      expect(ids).toHaveLength(50);
      expect(new Set(ids).size).toBe(50);
    },
  );

  it('sends a note signed in with the token (XOAUTH2), never with a password', async () => {
    const app = await open({ undoSendMs: 0 });
    app.workspace.loadSample();
    const { view } = await app.accounts.signIn({ provider: 'gmail', ...signInInput() });
    const note = app.workspace
      .status()
      .obligations.find((o) => o.personName === 'Lars Eriksen' && o.kind === 'thank-you')!;
    const { draft } = app.drafts.open(note.id);
    app.drafts.update(note.id, {
      ...draft,
      body: draft.body.replace(/\[\[[^\]]*\]\]/g, 'the on-call rotation'),
    });

    const before = smtp.messages.length;
    const sent = await app.notes.send(note.id, view.account.id);
    expect(sent).toMatchObject({ state: 'sent', error: null });
    const arrived = smtp.messages.slice(before);
    expect(arrived).toHaveLength(1);
    // The receiver let it in on the token the authorization server vouched for.
    expect(arrived[0]!.signedInAs).toBe(ADDRESS);
    expect(arrived[0]!.envelopeTo).toEqual(['lars.eriksen@northwind.example']);
    expect(arrived[0]!.parsed.messageId).toBe(sent.messageId);
  });

  it('is refused by the SMTP server with a token that is not valid', async () => {
    await expect(
      verifySmtp({
        host: '127.0.0.1',
        port: smtp.port,
        security: 'plaintext',
        user: ADDRESS,
        password: '',
        accessToken: 'not-a-token',
      }),
    ).rejects.toMatchObject({ step: 'login' });
  });

  it('says when this build has no client id, and offers the app password', async () => {
    const app = await open();
    const none = createServices({
      database: app.database,
      vault: createMemoryVault(),
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
      oauth: {
        config: { ...config(), builtInClients: { gmail: null, outlook: null } },
        openBrowser: () => Promise.resolve(),
        timeoutMs: 300,
      },
    });
    expect(none.accounts.oauthClients()).toEqual({
      gmail: { builtIn: false },
      outlook: { builtIn: false },
    });
    await expect(none.accounts.signIn({ provider: 'outlook', ...signInInput() })).rejects.toThrow(
      /no client id for Outlook \/ Microsoft 365.*app password/,
    );
    // The user's own client id, from the Advanced section, starts a sign-in (here nobody
    // answers in the browser, so it ends after the wait).
    await expect(
      none.accounts.signIn({ provider: 'outlook', ...signInInput(), clientId: server.clientId }),
    ).rejects.toThrow(/No answer came back from the browser in time/);
  }, 20_000);

  it('refreshes a token that expired while a sync was cut off, and loses or doubles no message', async () => {
    server.accessTokenTtl = 2;
    try {
      const app = await open({ batch: 5 });
      const { view } = await app.accounts.signIn({
        provider: 'gmail',
        ...signInInput(proxy.port),
      });
      const token = await heldToken(app, view.account.id);
      // The connection drops after the second batch: part of the mail is stored.
      let batches = 0;
      app.onBatch(() => {
        if (++batches === 2) proxy.dropAll();
      });
      const cut = await app.sync.syncAccount(view.account.id);
      app.onBatch(null);
      expect(cut.ok).toBe(false);
      const partial = storedIds(app.database, view.account.id).length;
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(50);
      // Meanwhile the access token runs out (the server says so at its userinfo endpoint).
      const before = tokenRequests();
      await waitFor(async () => (await server.addressOf(token)) === null);
      const resumed = await app.sync.syncAccount(view.account.id);
      expect(resumed).toMatchObject({ ok: true, error: null });
      expect(tokenRequests()).toBeGreaterThan(before);
      const ids = storedIds(app.database, view.account.id);
      expect(ids).toHaveLength(50);
      expect(new Set(ids).size).toBe(50);
    } finally {
      server.accessTokenTtl = 3600;
    }
  }, 30_000);

  it('renews a token the mail server refuses before its time (revoked), and syncs', async () => {
    const app = await open();
    const { view } = await app.accounts.signIn({ provider: 'outlook', ...signInInput() });
    // The token in memory is withdrawn at the provider; the app's clock still calls it valid.
    await endHeldAccessToken(app, view.account.id);
    const before = tokenRequests();
    const summary = await app.sync.syncAccount(view.account.id);
    expect(summary).toMatchObject({ ok: true });
    expect(tokenRequests()).toBe(before + 1);
  }, 20_000);

  it('after a revoked refresh token: "sign in again", keeps what was synced, and the next sign-in resumes', async () => {
    const app = await open();
    const { view } = await app.accounts.signIn({ provider: 'gmail', ...signInInput() });
    const id = view.account.id;
    expect((await app.sync.syncAccount(id)).ok).toBe(true);
    expect(storedIds(app.database, id)).toHaveLength(50);

    const grant = decodeGrant(app.vault.read(id));
    // Revoking the refresh token ends the grant and every access token of it.
    await server.revoke(grant?.refreshToken ?? '', 'refresh_token');
    const refused = await app.sync.syncAccount(id);
    expect(refused).toMatchObject({ ok: false, error: SIGN_IN_AGAIN });
    expect(app.accounts.list()[0]).toMatchObject({
      hasPassword: false,
      status: { state: 'error', error: SIGN_IN_AGAIN },
    });
    expect(storedIds(app.database, id)).toHaveLength(50);
    // A sync without a sign-in says the same and touches nothing.
    expect(await app.sync.syncAccount(id)).toMatchObject({ ok: false, error: SIGN_IN_AGAIN });

    // Another mailbox cannot take the account's place.
    server.signInAs = 'someone-else@example.test';
    await expect(app.accounts.signIn({ id, provider: 'gmail', ...signInInput() })).rejects.toThrow(
      /You signed in as someone-else@example\.test, but this account is sam@example\.test/,
    );
    server.signInAs = ADDRESS;

    await addMessages('INBOX', 21, 23);
    const again = await app.accounts.signIn({ id, provider: 'gmail', ...signInInput() });
    expect(again.view.account.id).toBe(id);
    expect(again.report.ok).toBe(true);
    expect(await app.sync.syncAccount(id)).toMatchObject({ ok: true });
    const ids = storedIds(app.database, id);
    expect(ids).toHaveLength(53);
    expect(new Set(ids).size).toBe(53);
  }, 30_000);
});

describe('IDLE on an account that signs in through the browser', () => {
  it('watches the inbox and Sent with the same token source, renewing a refused token once for both', async () => {
    const app = await open();
    const { view } = await app.accounts.signIn({ provider: 'gmail', ...signInInput() });
    const id = view.account.id;
    expect((await app.sync.syncAccount(id)).ok).toBe(true);
    const known = storedIds(app.database, id).length;
    // The token in memory is cut short: both watch connections are refused with it.
    await endHeldAccessToken(app, id);
    const before = tokenRequests();
    const watching = new Set<string>();
    let bothWatching: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (bothWatching = resolve));
    const watch = createMailWatch({
      mailStore: app.database.mailStore,
      vault: app.vault,
      mail: imapMailServer,
      credentials: app.credentials,
      sync: app.sync,
      settleMs: 20,
      onWatching: (_, role) => {
        watching.add(role);
        if (watching.size === 2) bothWatching();
      },
    });
    try {
      await watch.update();
      await ready;
      expect(tokenRequests()).toBe(before + 1);
      await dovecot.appendMessages(ADDRESS, 'INBOX', [message('INBOX', 99)]);
      await expect.poll(() => storedIds(app.database, id).length).toBe(known + 1);
    } finally {
      await watch.stop();
    }
  }, 30_000);
});

/** Ends the access token the app holds for the account, at the provider. */
async function endHeldAccessToken(
  app: Awaited<ReturnType<typeof open>>,
  accountId: string,
): Promise<void> {
  const held = await heldToken(app, accountId);
  await server.endAccessToken(held);
  expect(await server.addressOf(held)).toBeNull();
}

async function heldToken(
  app: Awaited<ReturnType<typeof open>>,
  accountId: string,
): Promise<string> {
  const account = app.database.mailStore.getAccount(accountId);
  if (!account) throw new Error('no account');
  // The token a connection would use now: the one held in memory, while it is valid.
  const credential = await app.credentials.get(account);
  if (!credential || !('accessToken' in credential)) throw new Error('no access token');
  return credential.accessToken;
}

async function waitFor(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('condition not met');
}

/** safeStorage as Electron has it, with a key of the test's: the bytes really change. */
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

describe('the refresh token', () => {
  it('is nowhere in the database file, its WAL, the logs, the IPC answers or the export', async () => {
    const safeStorage = testSafeStorage();
    const app = await open({
      vault: (db) => createKeychainVault(safeStorage, db.mailStore, 'linux'),
    });
    const handlers = createHandlers({ ...app, openExternal: () => Promise.resolve(false) });
    const answers: unknown[] = [];
    const call = async (channel: string, input: unknown) => {
      const result = await dispatch(handlers, channel, input, (error) =>
        console.error('Request failed:', error instanceof Error ? error.message : error),
      );
      answers.push(result);
      return result;
    };
    const signedIn = (await call('accounts:sign-in', { provider: 'gmail', ...signInInput() })) as {
      ok: true;
      value: { view: { account: { id: string } } };
    };
    expect(signedIn.ok).toBe(true);
    const id = signedIn.value.view.account.id;
    const refreshTokens = new Set<string>();
    const keep = () => {
      const grant = decodeGrant(app.vault.read(id));
      if (grant) refreshTokens.add(grant.refreshToken);
    };
    keep();
    const access = await heldToken(app, id);
    expect(await call('sync:run', { accountId: id })).toMatchObject({
      ok: true,
      value: [{ ok: true }],
    });
    // A refresh (the token refused once) rotates the refresh token: the new one is secret too.
    await server.endAccessToken(access);
    expect(await call('sync:run', { accountId: id })).toMatchObject({
      ok: true,
      value: [{ ok: true }],
    });
    keep();
    expect(refreshTokens.size).toBe(2);
    await call('accounts:list', {});
    await call('accounts:save', {
      id,
      label: 'Gmail',
      provider: 'gmail',
      email: ADDRESS,
      username: ADDRESS,
      ...signInInput(),
      password: '',
      auth: 'oauth2',
    });
    expect(await call('workspace:export', undefined)).toMatchObject({ ok: true });

    const ciphertext = app.database.mailStore.getSecret(id);
    expect(ciphertext).not.toBeNull();
    const files = filesIn(dir);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['followthrough.sqlite-wal']));
    const secrets = [...refreshTokens, access];
    const everywhere: Array<[string, Buffer]> = [
      ...files,
      ['logs', Buffer.from(logged.join('\n'))],
      ['answers', Buffer.from(JSON.stringify(answers))],
    ];
    expect(Buffer.concat([...files.values()]).includes(ciphertext!)).toBe(true);
    for (const secret of secrets) {
      for (const [name, bytes] of everywhere) {
        expect(bytes.includes(Buffer.from(secret)), name).toBe(false);
        expect(bytes.includes(Buffer.from(Buffer.from(secret).toString('base64'))), name).toBe(
          false,
        );
      }
    }
    opened?.store.close();
    opened = null;
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name));
      for (const secret of secrets) expect(bytes.includes(Buffer.from(secret)), name).toBe(false);
    }
  }, 30_000);
});
