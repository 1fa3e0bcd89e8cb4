import { once } from 'node:events';
import { createServer, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createImapClient,
  testConnection,
  type ImapSettings,
} from '../../../src/main/mail/imap-account';
import { freePort, startDovecot, type Dovecot } from '../../support/dovecot';

function plaintext(server: Dovecot, overrides: Partial<ImapSettings> = {}): ImapSettings {
  const [user] = server.users;
  if (!user) throw new Error('no user');
  return {
    host: server.host,
    port: server.port,
    security: 'plaintext',
    user: user.user,
    password: user.password,
    ...overrides,
  };
}

describe('testConnection against Dovecot with SPECIAL-USE', () => {
  let server: Dovecot;
  beforeAll(async () => {
    server = await startDovecot({ specialUse: true });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('connects and finds Inbox, Sent and Drafts by their flags', async () => {
    const result = await testConnection(plaintext(server));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.folders.inbox.path).toBe('INBOX');
    expect(result.folders.sent).toEqual({ path: 'Sent', source: 'special-use' });
    expect(result.folders.drafts).toEqual({ path: 'Drafts', source: 'special-use' });
    expect(result.folders.all).toEqual(
      expect.arrayContaining(['INBOX', 'Sent', 'Drafts', 'Trash']),
    );
  });

  it('uses an explicit folder choice over the flags, and reports a missing one', async () => {
    const chosen = await testConnection(plaintext(server, { folders: { sent: 'Trash' } }));
    expect(chosen.ok && chosen.folders.sent).toEqual({ path: 'Trash', source: 'override' });

    const missing = await testConnection(plaintext(server, { folders: { sent: 'Outbox' } }));
    expect(missing.ok).toBe(false);
    if (missing.ok) return;
    expect(missing.step).toBe('no-sent-folder');
    expect(missing.message).toContain('"Outbox"');
    expect(missing.folders).toContain('Sent');
  });

  it('reports a wrong password as a login failure with a hint', async () => {
    const result = await testConnection(plaintext(server, { password: 'wrong-password' }));
    expect(result).toMatchObject({ ok: false, step: 'login' });
    if (result.ok) return;
    expect(result.message).toMatch(/app password/);
    expect(result.message).not.toContain('wrong-password');
    expect(result.detail ?? '').not.toContain('wrong-password');
  });

  it('reports a closed port as refused', async () => {
    const result = await testConnection(plaintext(server, { port: await freePort() }));
    expect(result).toMatchObject({ ok: false, step: 'refused' });
  });

  it('reports an unknown host as a name lookup failure', async () => {
    const result = await testConnection({
      ...plaintext(server),
      host: 'no-such-host.invalid',
      security: 'tls',
    });
    expect(result).toMatchObject({ ok: false, step: 'dns' });
    if (!result.ok) expect(result.message).toContain('no-such-host.invalid');
  });

  it('requires STARTTLS when asked, and fails when the server does not offer it', async () => {
    const result = await testConnection(plaintext(server, { security: 'starttls' }));
    expect(result).toMatchObject({ ok: false, step: 'tls' });
    if (!result.ok) expect(result.message).toMatch(/STARTTLS/);
  });
});

describe('plaintext and timeouts', () => {
  it('refuses plaintext to a host that is not loopback, without connecting', async () => {
    const settings: ImapSettings = {
      host: 'imap.example.com',
      port: 143,
      security: 'plaintext',
      user: 'u',
      password: 'p',
    };
    expect(() => createImapClient(settings)).toThrow(/only allowed to this computer/);
    // 'settings' is decided before any connection: a connection attempt would end in 'dns'.
    const result = await testConnection(settings);
    expect(result).toMatchObject({ ok: false, step: 'settings' });
  });

  it('reports a server that never greets as a timeout', async () => {
    const silent: Server = createServer(() => undefined);
    silent.listen(0, '127.0.0.1');
    await once(silent, 'listening');
    const address = silent.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    try {
      const result = await testConnection(
        { host: '127.0.0.1', port: address.port, security: 'plaintext', user: 'u', password: 'p' },
        { greetingTimeout: 300, connectionTimeout: 300 },
      );
      expect(result).toMatchObject({ ok: false, step: 'timeout' });
    } finally {
      silent.close();
    }
  });
});

describe('folder discovery by localized names (no SPECIAL-USE)', () => {
  let german: Dovecot;
  let unknown: Dovecot;
  beforeAll(async () => {
    [german, unknown] = await Promise.all([
      startDovecot({ specialUse: false, sentName: 'Gesendete Elemente', draftsName: 'Entwürfe' }),
      startDovecot({ specialUse: false, sentName: 'Ausgang-Archiv', draftsName: 'Notizen' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([german.stop(), unknown.stop()]);
  });

  it('finds "Gesendete Elemente" and "Entwürfe" by name', async () => {
    const result = await testConnection(plaintext(german));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.folders.sent).toEqual({ path: 'Gesendete Elemente', source: 'name' });
    expect(result.folders.drafts).toEqual({ path: 'Entwürfe', source: 'name' });
  });

  it('reports no Sent folder when no name matches, listing the folders to choose from', async () => {
    const result = await testConnection(plaintext(unknown));
    expect(result).toMatchObject({ ok: false, step: 'no-sent-folder' });
    if (result.ok) return;
    expect(result.folders).toEqual(expect.arrayContaining(['INBOX', 'Ausgang-Archiv', 'Notizen']));
    const chosen = await testConnection(
      plaintext(unknown, { folders: { sent: 'Ausgang-Archiv' } }),
    );
    expect(chosen.ok && chosen.folders.sent).toEqual({
      path: 'Ausgang-Archiv',
      source: 'override',
    });
  });
});

describe.each([
  { tls: true as const, security: 'tls' as const },
  { tls: 'starttls' as const, security: 'starttls' as const },
])('$security with a self-signed certificate', ({ tls, security }) => {
  let server: Dovecot;
  beforeAll(async () => {
    server = await startDovecot({ tls });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('refuses the untrusted certificate', async () => {
    const result = await testConnection(plaintext(server, { security }));
    expect(result).toMatchObject({ ok: false, step: 'tls' });
  });

  it('connects when the certificate is trusted explicitly (checks stay on)', async () => {
    const result = await testConnection(
      plaintext(server, { security, ca: server.certificatePem ?? '' }),
    );
    expect(result.ok).toBe(true);
  });
});
