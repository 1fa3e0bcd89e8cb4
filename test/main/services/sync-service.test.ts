import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import type { AccountInput } from '../../../src/main/services/account-service';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { trackAcmePanel } from '../../support/acme-panel';

// Tuesday 24 November 2026, 10:00 in Berlin; the panel was on Monday afternoon.
const NOW = Date.parse('2026-11-24T09:00:00Z');
const ZONE = 'Europe/Berlin';

let dovecot: Dovecot;
let dir: string;
let opened: OpenedDatabase;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user: 'sam', password: 'correct horse' }] });
});
afterAll(async () => {
  await dovecot.stop();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-sync-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function services() {
  const vault = createMemoryVault();
  return {
    vault,
    ...createServices({
      database: opened,
      vault,
      now: () => NOW,
      systemTimeZone: () => ZONE,
      connectionTimeout: 3000,
    }),
  };
}

function accountInput(password: string, port = dovecot.port): AccountInput {
  return {
    label: 'Test mailbox',
    provider: 'other',
    email: 'sam.carter@example.net',
    username: 'sam',
    imap: { host: '127.0.0.1', port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password,
  };
}

function raw(headers: Record<string, string>): string {
  return [
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: text/plain',
    '',
    'Body.',
    '',
  ].join('\r\n');
}

describe('connecting an account', () => {
  it('finds the folders with the right password and explains a wrong one', async () => {
    const { accounts } = services();
    const ok = await accounts.test(accountInput('correct horse'));
    expect(ok.incoming).toMatchObject({ ok: true, sentFolder: 'Sent', inbox: 'INBOX' });

    const refused = (await accounts.test(accountInput('wrong'))).incoming;
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.step).toBe('login');
    expect(!refused.ok && refused.message).toMatch(/app password/);
  });

  it('keeps the password out of every result', () => {
    const { accounts } = services();
    const saved = accounts.save(accountInput('correct horse'));
    expect(JSON.stringify(saved)).not.toContain('correct horse');
    expect(JSON.stringify(accounts.list())).not.toContain('correct horse');
    expect(accounts.list()[0]?.hasPassword).toBe(true);
  });
});

describe('syncing Sent and the inbox', () => {
  it('turns a note found in Sent into done, and a reply stops the check-in', async () => {
    const { workspace, accounts, sync } = services();
    trackAcmePanel(workspace);
    const { account } = accounts.save(accountInput('correct horse'));

    await dovecot.appendMessages('sam', 'Sent', [
      raw({
        'Message-ID': '<thanks-grace@example.net>',
        Date: 'Mon, 23 Nov 2026 18:10:00 +0100',
        From: 'Sam Carter <sam.carter@example.net>',
        To: 'Grace Hopper <GRACE@acme.example>',
        Subject: 'Thank you for today: Site Reliability Engineer, Sam Carter',
      }),
    ]);
    const first = await sync.syncAccount(account.id);
    expect(first).toMatchObject({ ok: true, error: null, added: 1 });

    const grace = () =>
      workspace
        .status()
        .obligations.find((o) => o.personName === 'Grace Hopper' && o.kind === 'thank-you');
    expect(grace()).toMatchObject({
      state: 'done',
      evidence: { type: 'message', subject: expect.any(String) as string },
    });
    const alan = workspace
      .status()
      .obligations.find((o) => o.personName === 'Alan Turing' && o.kind === 'thank-you');
    expect(alan?.state).toBe('due');

    await dovecot.appendMessages('sam', 'INBOX', [
      raw({
        'Message-ID': '<reply-grace@acme.example>',
        Date: 'Tue, 24 Nov 2026 08:30:00 +0100',
        From: 'Grace Hopper <grace@acme.example>',
        To: 'sam.carter@example.net',
        'In-Reply-To': '<thanks-grace@example.net>',
        Subject: 'Re: Thank you for today',
      }),
    ]);
    const second = await sync.syncAccount(account.id);
    expect(second).toMatchObject({ ok: true, added: 1 });
    const obligations = workspace.status().obligations;
    expect(obligations.find((o) => o.kind === 'respond-promptly')).toMatchObject({
      personName: 'Grace Hopper',
    });
    expect(opened.mailStore.getSyncStatus(account.id)).toMatchObject({ state: 'ok', messages: 2 });

    const quiet = await sync.syncAccount(account.id);
    expect(quiet).toMatchObject({ ok: true, added: 0, removed: 0 });
    expect(quiet.folders.every((f) => !f.changed)).toBe(true);
  });

  it('runs one sync per account at a time', async () => {
    const { accounts, sync } = services();
    const { account } = accounts.save(accountInput('correct horse'));
    const [a, b] = [sync.syncAccount(account.id), sync.syncAccount(account.id)];
    expect(a).toBe(b);
    await a;
    expect(sync.isSyncing(account.id)).toBe(false);
  });

  it('records a failure in words and keeps what was read', async () => {
    const { accounts, sync, vault } = services();
    const { account } = accounts.save(accountInput('correct horse'));
    await sync.syncAccount(account.id);
    const before = opened.mailStore.countMessages(account.id);

    vault.save(account.id, 'revoked');
    const failed = await sync.syncAccount(account.id);
    expect(failed.ok).toBe(false);
    expect(failed.error).toMatch(/password|sign/i);
    expect(opened.mailStore.getSyncStatus(account.id)).toMatchObject({ state: 'error' });
    expect(opened.mailStore.countMessages(account.id)).toBe(before);

    vault.forget(account.id);
    const noPassword = await sync.syncAccount(account.id);
    expect(noPassword.error).toMatch(/Enter the password/);
  });
});
