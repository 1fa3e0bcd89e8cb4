/**
 * Test connection checks both sides of an account: incoming (IMAP, against a real Dovecot)
 * and outgoing (SMTP, against a real receiver: connect, secure as configured, sign in, send
 * nothing), and reports each with the step that failed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import type { AccountInput } from '../../../src/main/services/account-service';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { freePort, startDovecot, type Dovecot } from '../../support/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtp-receiver';

const USER = 'sam';
const PASSWORD = 'both-sides-secret';

let dovecot: Dovecot;
let smtp: SmtpReceiver;
let starttls: SmtpReceiver;
let dir: string;
let opened: OpenedDatabase;
let accounts: ReturnType<typeof createServices>['accounts'];

beforeAll(async () => {
  [dovecot, smtp, starttls] = await Promise.all([
    startDovecot({ users: [{ user: USER, password: PASSWORD }] }),
    startSmtpReceiver({ user: USER, password: PASSWORD }),
    startSmtpReceiver({ user: USER, password: PASSWORD, tls: 'starttls' }),
  ]);
  dir = mkdtempSync(join(tmpdir(), 'followthrough-connection-test-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  accounts = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => Date.now(),
    systemTimeZone: () => 'UTC',
    connectionTimeout: 3000,
  }).accounts;
});
afterAll(async () => {
  opened?.store.close();
  rmSync(dir, { recursive: true, force: true });
  await Promise.all([dovecot?.stop(), smtp?.stop(), starttls?.stop()]);
});

function input(smtpPort: number, overrides: Partial<AccountInput> = {}): AccountInput {
  return {
    label: 'Work',
    provider: 'other',
    email: 'sam@example.net',
    username: USER,
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: smtpPort, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password: PASSWORD,
    ...overrides,
  };
}

describe('Test connection', () => {
  it('reports both sides working and sends no message', async () => {
    const report = await accounts.test(input(smtp.port));
    expect(report).toMatchObject({
      ok: true,
      incoming: { ok: true, sentFolder: 'Sent', inbox: 'INBOX' },
      outgoing: { ok: true },
    });
    expect(smtp.messages).toHaveLength(0);
  });

  it('with a wrong SMTP port: incoming works, outgoing says the connection was refused', async () => {
    const report = await accounts.test(input(await freePort()));
    expect(report.ok).toBe(false);
    expect(report.incoming.ok).toBe(true);
    expect(report.outgoing).toMatchObject({ ok: false, step: 'refused' });
    expect(!report.outgoing.ok && report.outgoing.message).toMatch(
      /refused the connection\. Check the port \(465 for TLS, 587 for STARTTLS\)/,
    );
  });

  it('with a wrong SMTP password: outgoing sign-in fails, and the password is in no answer', async () => {
    // The SMTP server has its own password here; the IMAP one still works.
    const other = await startSmtpReceiver({ user: USER, password: 'another-one' });
    try {
      const report = await accounts.test(input(other.port));
      expect(report.ok).toBe(false);
      expect(report.incoming.ok).toBe(true);
      expect(report.outgoing).toMatchObject({ ok: false, step: 'login' });
      expect(!report.outgoing.ok && report.outgoing.message).toMatch(
        /did not accept the user name or password for sending/,
      );
      expect(JSON.stringify(report)).not.toContain(PASSWORD);
      expect(other.messages).toHaveLength(0);
    } finally {
      await other.stop();
    }
  });

  it('with a wrong IMAP password: each side reports its own failure', async () => {
    const wrong = await accounts.test({ ...input(await freePort()), password: 'typo' });
    expect(wrong.incoming).toMatchObject({ ok: false, step: 'login' });
    expect(wrong.outgoing).toMatchObject({ ok: false, step: 'refused' });
  });

  it('asks a STARTTLS server to secure the connection before the password goes out', async () => {
    // The receiver's certificate is self-signed: STARTTLS is done, and the untrusted
    // certificate stops the check before AUTH.
    const report = await accounts.test(
      input(starttls.port, {
        smtp: { host: '127.0.0.1', port: starttls.port, security: 'starttls' },
      }),
    );
    expect(report.incoming.ok).toBe(true);
    expect(report.outgoing).toMatchObject({ ok: false, step: 'tls' });
    expect(!report.outgoing.ok && report.outgoing.message).toMatch(
      /certificate cannot be trusted \(it is self-signed\)/,
    );
    expect(starttls.messages).toHaveLength(0);
  });

  it('refuses unencrypted sending to another computer without connecting', async () => {
    const report = await accounts.test(
      input(smtp.port, { smtp: { host: 'smtp.example.com', port: 25, security: 'plaintext' } }),
    );
    expect(report.incoming.ok).toBe(true);
    expect(report.outgoing).toMatchObject({ ok: false, step: 'settings' });
    expect(!report.outgoing.ok && report.outgoing.message).toMatch(
      /Unencrypted connections are only allowed to this computer/,
    );
  });
});
