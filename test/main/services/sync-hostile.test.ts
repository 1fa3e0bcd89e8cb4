/**
 * Hostile and odd IMAP servers against the sync, with real Dovecot on loopback: a mass mailing
 * to 20,000 people, a server that trickles, one that goes silent, and a stuck account beside a
 * working one. Each ends with a true message, the database sound and the status computable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../src/main/services';
import { connectImap, IMAP_RESPONSE_LIMITS } from '../../../src/main/mail/imap-account';
import type { AccountInput } from '../../../src/main/services/account-service';
import { createMemoryVault } from '../../../src/main/services/secrets';
import type { SyncSummary } from '../../../src/main/services/sync/sync-service';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { trackAcmePanel } from '../../support/acme-panel';
import { rawMessages } from '../../support/mail-messages';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';

const NOW = Date.parse('2026-11-24T09:00:00Z');
const ZONE = 'Europe/Berlin';
const AFTER_PANEL = new Date(Date.UTC(2026, 10, 23, 17, 0, 0));

let dovecot: Dovecot;
let proxy: TcpProxy;
let dir: string;
let opened: OpenedDatabase;

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [
      { user: 'sam', password: 'correct horse' },
      { user: 'kim', password: 'battery staple' },
      { user: 'lee', password: 'tr0ub4dor' },
      { user: 'max', password: 'hunter two' },
    ],
  });
});
afterAll(async () => {
  await dovecot.stop();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-hostile-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  proxy = await startTcpProxy(dovecot.port);
});
afterEach(async () => {
  await proxy.close();
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function services(
  clock = { now: NOW },
  onSyncFinished?: (summary: SyncSummary) => void,
  deadlines = { command: 2000, folder: 4000 },
) {
  const vault = createMemoryVault();
  return {
    vault,
    ...createServices({
      database: opened,
      vault,
      now: () => clock.now,
      systemTimeZone: () => ZONE,
      connectionTimeout: 3000,
      syncBatchSize: 20,
      syncDeadlines: deadlines,
      ...(onSyncFinished ? { onSyncFinished } : {}),
    }),
  };
}

function accountInput(user: string, password: string, port: number): AccountInput {
  return {
    label: `Mailbox of ${user}`,
    provider: 'other',
    email: `${user}@example.net`,
    username: user,
    imap: { host: '127.0.0.1', port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password,
  };
}

/** The database is sound and the status still computes. */
function expectSound(workspace: ReturnType<typeof services>['workspace']): void {
  expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
  expect(Array.isArray(workspace.status().obligations)).toBe(true);
}

function graceThankYou(workspace: ReturnType<typeof services>['workspace']): string | undefined {
  return workspace
    .status()
    .obligations.find((o) => o.personName === 'Grace Hopper' && o.kind === 'thank-you')?.state;
}

/** A message to `count` people, Grace first; about 30 bytes an address. */
function massMailing(n: number, count: number): string {
  const to = ['Grace Hopper <grace@acme.example>'];
  for (let i = 1; i < count; i++) to.push(`Reader ${i} <reader${i}@list.example>`);
  return [
    `Message-ID: <mass-${n}@example.net>`,
    `Date: ${AFTER_PANEL.toUTCString().replace('GMT', '+0000')}`,
    'From: Sam Carter <sam@example.net>',
    `To: ${to.join(',\r\n ')}`,
    `Subject: Newsletter ${n}`,
    'Content-Type: text/plain',
    '',
    'Body.',
    '',
  ].join('\r\n');
}

describe('a sync against hostile servers', () => {
  it('keeps 100 messages to 20,000 people each as mass mailings, matched to nobody', async () => {
    const { workspace, accounts, sync } = services(undefined, undefined, {
      command: 30_000,
      folder: 60_000,
    });
    trackAcmePanel(workspace, ['grace']);
    const { account } = accounts.save(accountInput('sam', 'correct horse', dovecot.port));
    const one = massMailing(0, 20_000);
    await dovecot.writeMaildirMessages(
      'sam',
      'Sent',
      Array.from({ length: 100 }, (_, n) =>
        n === 0 ? one : one.replace('<mass-0@', `<mass-${n}@`),
      ),
      Array.from({ length: 100 }, () => AFTER_PANEL),
    );

    const result = await sync.syncAccount(account.id);
    expect(result).toMatchObject({ ok: true, error: null, added: 100 });
    const stored = opened.mailStore.knownMessages();
    expect(stored).toHaveLength(100);
    for (const m of stored) {
      expect(m.to.length + m.cc.length + m.bcc.length).toBe(200);
      // Counted from the first 64 KB of the header: more than the mass-mailing line, far
      // fewer than were sent.
      expect(m.massMailing?.recipients).toBeGreaterThan(1000);
      expect(m.massMailing?.recipients).toBeLessThan(20_000);
    }
    expect(graceThankYou(workspace)).toBe('due');
    expectSound(workspace);
  }, 120_000);

  it('reads a message with a 5 MB header line as 64 KB of headers, its subject cut', async () => {
    const { workspace, accounts, sync } = services();
    const { account } = accounts.save(accountInput('max', 'hunter two', dovecot.port));
    const huge = [
      '<huge-line@example.net>',
      `Date: ${AFTER_PANEL.toUTCString().replace('GMT', '+0000')}`,
      'From: Grace Hopper <grace@acme.example>',
      'To: max@example.net',
      `Subject: ${'x'.repeat(5 * 1024 * 1024)}`,
      'Content-Type: text/plain',
      '',
      'Body.',
      '',
    ];
    huge[0] = `Message-ID: ${huge[0]}`;
    await dovecot.writeMaildirMessages('max', 'INBOX', [huge.join('\r\n')], [AFTER_PANEL]);

    expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true, error: null });
    const stored = opened.mailStore
      .knownMessages()
      .find((m) => m.messageId === '<huge-line@example.net>');
    expect(stored?.subject).toHaveLength(998);
    expect(stored?.from).toEqual([{ name: 'Grace Hopper', address: 'grace@acme.example' }]);
    expectSound(workspace);
  }, 60_000);

  it('stops a server that trickles at the folder deadline, saying so, and loses nothing', async () => {
    const { workspace, accounts, sync } = services();
    const { account } = accounts.save(accountInput('kim', 'battery staple', proxy.port));
    await dovecot.appendMessages(
      'kim',
      'Sent',
      rawMessages('trickle', 1, 30, { from: 'kim@example.net', date: AFTER_PANEL }),
    );
    proxy.slowServer({ trigger: /UID FETCH/, mode: 'trickle', bytesPerSecond: 200 });

    const slow = await sync.syncAccount(account.id);
    expect(slow.ok).toBe(false);
    expect(slow.error).toMatch(
      /^127\.0\.0\.1:\d+ sent the folder "Sent" too slowly: reading it did not finish within 4 seconds, so the sync was stopped\. What was read is kept/,
    );
    expect(opened.mailStore.getSyncStatus(account.id)).toMatchObject({ state: 'error' });
    expectSound(workspace);

    proxy.slowServer(null);
    const again = await sync.syncAccount(account.id);
    expect(again).toMatchObject({ ok: true, error: null });
    expect(opened.mailStore.countMessages(account.id)).toBe(30);
    expectSound(workspace);
  }, 60_000);

  it('stops a server that trickles its folder list at the deadline, saying so', async () => {
    const { workspace, accounts, sync } = services();
    const { account } = accounts.save(accountInput('kim', 'battery staple', proxy.port));
    proxy.slowServer({ trigger: /LIST/, mode: 'trickle', bytesPerSecond: 20 });

    const slow = await sync.syncAccount(account.id);
    expect(slow.ok).toBe(false);
    expect(slow.error).toMatch(
      /^127\.0\.0\.1:\d+ sent its list of folders too slowly: reading it did not finish within 4 seconds/,
    );
    expectSound(workspace);
  }, 60_000);

  it('stops a server that goes silent at the command deadline, saying so', async () => {
    const { workspace, accounts, sync } = services();
    const { account } = accounts.save(accountInput('kim', 'battery staple', proxy.port));
    await dovecot.appendMessages(
      'kim',
      'Sent',
      rawMessages('silent', 1, 5, { from: 'kim@example.net', date: AFTER_PANEL }),
    );
    proxy.slowServer({ trigger: /UID FETCH/, mode: 'silent' });

    const silent = await sync.syncAccount(account.id);
    expect(silent.ok).toBe(false);
    expect(silent.error).toMatch(
      /^127\.0\.0\.1:\d+ stopped answering: nothing came from it for 2 seconds while "Sent" was read, so the sync was stopped\. What was read is kept/,
    );
    expectSound(workspace);

    proxy.slowServer(null);
    expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true });
    expectSound(workspace);
  }, 60_000);

  it('syncs a working account while another one is stuck', async () => {
    const clock = { now: NOW };
    const finished: string[] = [];
    // A command deadline long enough that the stuck account is still stuck when the other ends.
    const { workspace, accounts, sync } = services(clock, (s) => finished.push(s.accountId), {
      command: 10_000,
      folder: 20_000,
    });
    // The stuck account comes first in the list, so a sync one after another would wait on it.
    const stuck = accounts.save(accountInput('kim', 'battery staple', proxy.port)).account;
    clock.now += 1000;
    const working = accounts.save(accountInput('lee', 'tr0ub4dor', dovecot.port)).account;
    await dovecot.appendMessages(
      'kim',
      'Sent',
      rawMessages('stuck', 1, 3, { from: 'kim@example.net', date: AFTER_PANEL }),
    );
    await dovecot.appendMessages(
      'lee',
      'Sent',
      rawMessages('working', 1, 3, { from: 'lee@example.net', date: AFTER_PANEL }),
    );
    // Silent from the first FETCH on, and no deadline will end it before the other is done.
    proxy.slowServer({ trigger: /UID FETCH/, mode: 'silent' });

    const all = sync.syncAll();
    const waitFor = async (done: () => boolean): Promise<void> => {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await waitFor(() => finished.includes(working.id));
    expect(finished).toEqual([working.id]);
    expect(sync.isSyncing(stuck.id)).toBe(true);
    expect(opened.mailStore.countMessages(working.id)).toBe(3);

    const summaries = await all;
    expect(summaries.find((s) => s.accountId === working.id)).toMatchObject({ ok: true });
    expect(summaries.find((s) => s.accountId === stuck.id)?.error).toMatch(/stopped answering/);
    expectSound(workspace);
  }, 60_000);
});

describe('the IMAP client', () => {
  it('refuses a literal larger than its limit instead of holding it in memory', async () => {
    const size = IMAP_RESPONSE_LIMITS.maxLiteralSize + 1024 * 1024;
    const big = `Message-ID: <big@example.net>\r\nSubject: big\r\n\r\n${'y'.repeat(size)}\r\n`;
    await dovecot.writeMaildirMessages('max', 'Big', [big], [AFTER_PANEL]);
    const errors: (string | undefined)[] = [];
    const client = await connectImap(
      {
        host: '127.0.0.1',
        port: dovecot.port,
        security: 'plaintext',
        user: 'max',
        password: 'hunter two',
      },
      { onError: (error) => errors.push((error as { code?: string }).code) },
    );
    try {
      await client.mailboxOpen('Big', { readOnly: true });
      const fetched = client.fetchOne('1', { source: true });
      // The stream refuses the literal and drops the connection; the command fails with it.
      await expect(fetched).rejects.toThrow();
      expect(errors).toEqual(['LiteralTooLarge']);
    } finally {
      client.close();
    }
  }, 60_000);
});
