/**
 * Reading what replies say, end to end against a real IMAP server: the sync reads only the
 * opening of each reply's first text part, the untrusted-parsing worker classifies it, and
 * only the class and one sentence are kept; the rules then act on them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { untrustedParserScript } from '../../support/untrusted-parser-script';

const NOW = Date.parse('2026-11-24T16:00:00Z');
const USERS = ['reader', 'headers-only', 'again', 'thread'];

let dovecot: Dovecot;
let dir: string;
let opened: OpenedDatabase;
let services: Services;

beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS.map((user) => ({ user, password: 'pw' })) });
});
afterAll(async () => {
  await dovecot.stop();
});
/** The app's services on the test's database, as started at launch. */
async function startServices(): Promise<Services> {
  return createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => 'Europe/Berlin',
    connectionTimeout: 3000,
    untrustedParser: { script: await untrustedParserScript() },
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-reply-reading-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  services = await startServices();
  services.workspace.loadSample();
});
afterEach(async () => {
  await services.parser.close();
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function reply(from: string, subject: string, html: string, minutesAgo: number): string {
  return [
    `From: ${from}`,
    'To: Sam Rivera <sam.rivera@example.com>',
    `Subject: ${subject}`,
    `Message-ID: <${subject.replace(/\W+/g, '-')}-${minutesAgo}@northwind.example>`,
    `Date: ${new Date(NOW - minutesAgo * 60_000).toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '',
  ].join('\r\n');
}

function connect(user: string, on: Services = services): string {
  return on.accounts.save({
    label: user,
    provider: 'other',
    email: 'sam.rivera@example.com',
    username: user,
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password: 'pw',
  }).account.id;
}

const REJECTION = reply(
  'Lars Eriksen <lars.eriksen@northwind.example>',
  'Your application',
  '<p>Hi Sam,</p><p>Thank you for your time. Unfortunately we have decided not to move forward with your application.</p><p>Best, Lars</p>',
  30,
);
const COURTESY = reply(
  'Rosa Delgado <rosa.delgado@northwind.example>',
  'Re: Thank you',
  '<div>Thanks for your kind note, Sam. We will be in touch soon.</div>',
  20,
);

describe('what a reply says', () => {
  it('is read from its opening text and kept as a class and one sentence, never the body', async () => {
    await dovecot.appendMessages('reader', 'INBOX', [REJECTION, COURTESY]);
    const result = await services.sync.syncAccount(connect('reader'));
    expect(result.ok).toBe(true);

    const readings = opened.mailStore.listReplyReadings();
    const byClass = Object.fromEntries(readings.map((r) => [r.replyClass, r]));
    expect(Object.keys(byClass).sort()).toEqual(['acknowledgement', 'rejection']);
    expect(byClass['rejection']!.sentence).toMatch(/not to move forward with your application/);
    expect(byClass['rejection']!.source).toBe('classifier');
    // Only the class and the sentence are in the database, not the rest of the text.
    const file = opened.db.prepare('SELECT * FROM reply_readings').all();
    expect(JSON.stringify(file)).not.toContain('Thank you for your time');

    // The rules act on it: a rejection is suggested for the application, the courtesy reply
    // needs no answer.
    const status = services.workspace.status();
    expect(status.suggestions).toEqual([
      expect.objectContaining({
        status: 'rejected',
        reason: expect.stringContaining('Lars') as unknown,
      }),
    ]);
    const answers = status.obligations.filter((o) => o.kind === 'respond-promptly');
    expect(answers.map((o) => o.personName)).not.toContain('Rosa Delgado');
  });

  it('is read when it answers a note from an address nobody knows, chosen from the notes it answers alone', async () => {
    // Lars answers the thank-you note from a private address: only the thread says it is his.
    const note = [
      'From: Sam Rivera <sam.rivera@example.com>',
      'To: Lars Eriksen <lars.eriksen@northwind.example>',
      'Subject: Thank you for the panel',
      'Message-ID: <thanks-lars@example.com>',
      `Date: ${new Date(NOW - 180 * 60_000).toUTCString()}`,
      '',
      'Thank you for explaining the on-call rotation.',
      '',
    ].join('\r\n');
    const answer = reply(
      'Lars E <lars.at.home@mailbox.example>',
      'Re: Thank you for the panel',
      '<p>Sam, unfortunately we have decided not to move forward with your application.</p>',
      120,
    ).replace('MIME-Version', 'In-Reply-To: <thanks-lars@example.com>\r\nMIME-Version');
    await dovecot.appendMessages('thread', 'Sent', [note]);
    await dovecot.appendMessages('thread', 'INBOX', [answer]);
    // A new start of the app's services, as the command line's sync is: no status worked out yet.
    const fresh = await startServices();
    try {
      const id = connect('thread', fresh);
      expect((await fresh.sync.syncAccount(id)).ok).toBe(true);
    } finally {
      await fresh.parser.close();
    }
    expect(opened.mailStore.listReplyReadings()).toEqual([
      expect.objectContaining({ replyClass: 'rejection', source: 'classifier' }),
    ]);
    expect(services.workspace.status().suggestions).toEqual([
      expect.objectContaining({ status: 'rejected' }),
    ]);
  });

  it('is read once: a second sync fetches nothing again', async () => {
    await dovecot.appendMessages('again', 'INBOX', [REJECTION]);
    const id = connect('again');
    await services.sync.syncAccount(id);
    const first = opened.mailStore.listReplyReadings();
    expect(first).toHaveLength(1);
    await services.sync.syncAccount(id);
    expect(opened.mailStore.listReplyReadings()).toEqual(first);
  });

  it('is not read at all when the user turned reading off: headers only', async () => {
    services.workspace.saveSettings({ ...services.workspace.getSettings(), readReplies: false });
    await dovecot.appendMessages('headers-only', 'INBOX', [REJECTION]);
    await services.sync.syncAccount(connect('headers-only'));
    expect(opened.mailStore.listReplyReadings()).toEqual([]);
    expect(services.workspace.status().suggestions).toEqual([]);
  });
});
