/**
 * Passwords only travel encrypted, except to this computer: plaintext IMAP and SMTP to any
 * other host is refused before a connection is made (and such an account is not saved), and a
 * certificate that cannot be trusted stops the connection with a message that says why.
 */
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { createImapClient, isLoopbackHost } from '../../../src/main/mail/imap-account';
import { composeNote } from '../../../src/main/mail/compose';
import { sendNote, SmtpSendError } from '../../../src/main/mail/smtp';
import { createServices } from '../../../src/main/services';
import type { AccountInput } from '../../../src/main/services/account-service';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtp-receiver';

/** What counts as this computer: the names, and strict dotted-decimal 127.x.y.z. */
function isCanonicalLoopback(host: string): boolean {
  const h = host.trim().toLowerCase();
  if (['localhost', '::1', '[::1]'].includes(h)) return true;
  const parts = h.split('.');
  return (
    parts.length === 4 &&
    parts[0] === '127' &&
    parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255)
  );
}

/** Hosts that look like this computer to a careless check, and are not (or are not addresses). */
const LOOKALIKES = [
  '127.0.0.1.evil.example',
  'localhost.evil.example',
  'evil.example#127.0.0.1',
  'evil.example?127.0.0.1',
  '127.0.0.1:143',
  '[::1]:143',
  '127.999.0.1',
  '127.0.0.09',
  '127.1',
  '0x7f.0.0.1',
  '2130706433',
  '::ffff:127.0.0.1',
  '127.0.0.1\nevil.example',
  'imap.example.com',
  '10.0.0.5',
  '',
];

describe('which host counts as this computer', () => {
  it('is exactly localhost, ::1 and strict 127.x.y.z addresses, however the string is built', () => {
    for (const host of LOOKALIKES) expect(isLoopbackHost(host), host).toBe(false);
    for (const host of [
      'localhost',
      ' LOCALHOST ',
      '127.0.0.1',
      '127.255.255.254',
      '::1',
      '[::1]',
    ]) {
      expect(isLoopbackHost(host), host).toBe(true);
    }
    const octet = fc.oneof(
      fc.integer({ min: 0, max: 300 }).map(String),
      fc.string({ maxLength: 4 }),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.domain(),
          fc.ipV4(),
          fc.ipV6(),
          fc.tuple(octet, octet, octet).map((p) => `127.${p.join('.')}`),
          fc
            .tuple(fc.constantFrom(...LOOKALIKES, 'localhost', '127.0.0.1'), fc.string())
            .map(([a, b]) => a + b),
        ),
        (host) => {
          expect(isLoopbackHost(host)).toBe(isCanonicalLoopback(host));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('plaintext to another computer', () => {
  let listener: Server;
  let port: number;
  let connections = 0;
  const sockets = new Set<Socket>();
  let dir: string;
  let opened: OpenedDatabase;
  // A real address of this machine that is not loopback (or a name when there is none).
  const lan =
    Object.values(networkInterfaces())
      .flat()
      .find((i) => i?.family === 'IPv4' && !i.internal)?.address ?? 'mail.example.com';

  beforeAll(async () => {
    // Listens on every interface: any connection attempt that slips through is counted.
    listener = createServer((socket) => {
      connections++;
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    listener.listen(0, '0.0.0.0');
    await once(listener, 'listening');
    port = (listener.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    listener.close();
    await once(listener, 'close');
  });
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'followthrough-transport-'));
    opened = await openDatabase(join(dir, 'db.sqlite'));
  });
  afterEach(() => {
    opened.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function input(imapHost: string, smtpHost: string): AccountInput {
    return {
      label: 'LAN mail',
      provider: 'other',
      email: 'sam@example.net',
      username: 'sam',
      imap: { host: imapHost, port, security: 'plaintext' },
      smtp: { host: smtpHost, port, security: 'plaintext' },
      providerFilesSent: false,
      sentFolder: null,
      draftsFolder: null,
      password: 'lan-secret',
    };
  }

  it('is refused for IMAP and SMTP before any connection, and such an account is not saved', async () => {
    const services = createServices({
      database: opened,
      vault: createMemoryVault(),
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
      connectionTimeout: 2000,
    });
    const handlers = createHandlers({ ...services, openExternal: () => Promise.resolve(false) });
    const before = connections;

    for (const [imapHost, smtpHost, field] of [
      [lan, '127.0.0.1', 'IMAP'],
      ['127.0.0.1', lan, 'SMTP'],
      ['127.0.0.1.nip.io', '127.0.0.1', 'IMAP'],
    ] as const) {
      const saved = await dispatch(handlers, 'accounts:save', input(imapHost, smtpHost));
      expect(saved).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
      expect(!saved.ok && saved.error.message).toMatch(
        new RegExp(`^${field}: unencrypted connections are only allowed to this computer`),
      );
    }
    expect(services.accounts.list()).toEqual([]);

    const tested = await services.accounts.test(input(lan, lan));
    expect(tested).toMatchObject({
      ok: false,
      incoming: { ok: false, step: 'settings' },
      outgoing: { ok: false, step: 'settings' },
    });
    expect(() =>
      createImapClient({ host: lan, port, security: 'plaintext', user: 'u', password: 'p' }),
    ).toThrow(/only allowed to this computer/);
    const { raw } = await composeNote({
      from: { name: 'Sam', address: 'sam@example.net' },
      to: [{ name: 'Ada', address: 'ada@example.com' }],
      cc: [],
      bcc: [],
      subject: 'Thanks',
      text: 'Thank you.',
    });
    const sent = await sendNote(
      { host: lan, port, security: 'plaintext', user: 'u', password: 'p' },
      { raw, envelope: { from: 'sam@example.net', to: ['ada@example.com'] } },
    ).catch((e: unknown) => e);
    expect(sent).toBeInstanceOf(SmtpSendError);
    expect((sent as SmtpSendError).step).toBe('settings');

    // An account stored by an older version with such settings: its sync is refused too.
    const { password: _password, ...fields } = input(lan, lan);
    opened.mailStore.saveAccount({ ...fields, id: 'old-account', replyFolders: [], createdAt: 0 });
    const vault = createMemoryVault();
    vault.save('old-account', 'lan-secret');
    const sync = createServices({
      database: opened,
      vault,
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
    }).sync;
    const result = await sync.syncAccount('old-account');
    expect(result.ok).toBe(false);
    expect(result.error).toMatch(/Unencrypted connections are only allowed to this computer/);

    expect(connections).toBe(before);
  });
});

describe('a certificate that cannot be trusted', () => {
  let imaps: Dovecot;
  let starttls: Dovecot;
  let smtps: SmtpReceiver;
  let dir: string;
  let opened: OpenedDatabase;
  beforeAll(async () => {
    [imaps, starttls, smtps] = await Promise.all([
      startDovecot({ tls: true, users: [{ user: 'sam', password: 'tls-secret' }] }),
      startDovecot({ tls: 'starttls', users: [{ user: 'sam', password: 'tls-secret' }] }),
      startSmtpReceiver({ tls: 'implicit' }),
    ]);
    dir = mkdtempSync(join(tmpdir(), 'followthrough-certificate-'));
    opened = await openDatabase(join(dir, 'db.sqlite'));
  });
  afterAll(async () => {
    opened.store.close();
    rmSync(dir, { recursive: true, force: true });
    await Promise.all([imaps.stop(), starttls.stop(), smtps.stop()]);
  });

  const UNTRUSTED =
    /^A secure connection to 127\.0\.0\.1:\d+ could not be set up: its certificate cannot be trusted \(it is self-signed\)\. The connection was stopped before the password was sent\./;

  it('stops Test connection and the sync with a message that says why, for TLS and STARTTLS', async () => {
    const services = createServices({
      database: opened,
      vault: createMemoryVault(),
      now: () => Date.now(),
      systemTimeZone: () => 'UTC',
      connectionTimeout: 3000,
    });
    for (const [server, security] of [
      [imaps, 'tls'],
      [starttls, 'starttls'],
    ] as const) {
      const account: AccountInput = {
        label: `Self-signed ${security}`,
        provider: 'other',
        email: 'sam@example.net',
        username: 'sam',
        imap: { host: '127.0.0.1', port: server.port, security },
        smtp: { host: '127.0.0.1', port: smtps.port, security: 'tls' },
        providerFilesSent: false,
        sentFolder: null,
        draftsFolder: null,
        password: 'tls-secret',
      };
      const tested = await services.accounts.test(account);
      expect(tested).toMatchObject({
        ok: false,
        incoming: { ok: false, step: 'tls' },
        outgoing: { ok: false, step: 'tls' },
      });
      expect(!tested.incoming.ok && tested.incoming.message, security).toMatch(UNTRUSTED);
      expect(!tested.outgoing.ok && tested.outgoing.message, security).toMatch(UNTRUSTED);

      const { account: saved } = services.accounts.save(account);
      const synced = await services.sync.syncAccount(saved.id);
      expect(synced.error, security).toMatch(UNTRUSTED);
      expect(opened.mailStore.getSyncStatus(saved.id)).toMatchObject({ state: 'error' });
    }
  });

  it('stops sending over SMTP with the same words', async () => {
    const { raw } = await composeNote({
      from: { name: 'Sam', address: 'sam@example.net' },
      to: [{ name: 'Ada', address: 'ada@example.com' }],
      cc: [],
      bcc: [],
      subject: 'Thanks',
      text: 'Thank you.',
    });
    const failure = await sendNote(
      {
        host: '127.0.0.1',
        port: smtps.port,
        security: 'tls',
        user: smtps.user,
        password: smtps.password,
      },
      { raw, envelope: { from: 'sam@example.net', to: ['ada@example.com'] } },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SmtpSendError);
    expect((failure as SmtpSendError).step).toBe('tls');
    expect((failure as SmtpSendError).message).toMatch(UNTRUSTED);
    expect(smtps.messages).toHaveLength(0);
  });
});
