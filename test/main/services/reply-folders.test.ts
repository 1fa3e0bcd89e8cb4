/**
 * Replies wherever they are filed: the folder flagged \All (Gmail's All Mail), the one flagged
 * \Archive and folders the user adds are read besides the inbox, against a real Dovecot whose
 * config flags them. A reply in two folders counts once; the user's own mail there (sent from
 * their address or an alias) is never a reply.
 */
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

// Wednesday 25 November 2026, 10:00 in Berlin; the panel was on Monday afternoon.
const NOW = Date.parse('2026-11-25T09:00:00Z');
const ZONE = 'Europe/Berlin';
const ME = 'sam.carter@example.net';
const ALIAS = 'sam@home.example';

let dovecot: Dovecot;
let dir: string;
let opened: OpenedDatabase;

function raw(headers: Record<string, string>): string {
  return [
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: text/plain',
    '',
    'Body.',
    '',
  ].join('\r\n');
}

const note = raw({
  'Message-ID': '<note-grace@example.net>',
  Date: 'Mon, 23 Nov 2026 18:10:00 +0100',
  From: `Sam Carter <${ME}>`,
  To: 'Grace Hopper <grace@acme.example>',
  Subject: 'Thank you for today',
});
const graceReply = raw({
  'Message-ID': '<reply-grace@acme.example>',
  Date: 'Tue, 24 Nov 2026 08:30:00 +0100',
  From: 'Grace Hopper <grace@acme.example>',
  To: ME,
  'In-Reply-To': '<note-grace@example.net>',
  Subject: 'Re: Thank you for today',
});
const alanArchived = raw({
  'Message-ID': '<reply-alan@acme.example>',
  Date: 'Tue, 24 Nov 2026 09:00:00 +0100',
  From: 'Alan Turing <alan@acme.example>',
  To: ME,
  Subject: 'Good to meet you',
});
const recruiterInAllMail = raw({
  'Message-ID': '<next-steps@acme.example>',
  Date: 'Tue, 24 Nov 2026 11:00:00 +0100',
  From: 'Acme Recruiting <jobs@acme.example>',
  To: ME,
  Subject: 'Next steps',
});
// The user's answer from an alias, in the thread of Grace's reply: theirs, never a reply.
const fromAlias = raw({
  'Message-ID': '<answer-grace@home.example>',
  Date: 'Tue, 24 Nov 2026 12:00:00 +0100',
  From: `Sam Carter <${ALIAS}>`,
  To: 'Grace Hopper <grace@acme.example>',
  'In-Reply-To': '<reply-grace@acme.example>',
  References: '<note-grace@example.net> <reply-grace@acme.example>',
  Subject: 'Re: Thank you for today',
});
const filedByRule = raw({
  'Message-ID': '<later-grace@acme.example>',
  Date: 'Tue, 24 Nov 2026 16:00:00 +0100',
  From: 'Grace Hopper <grace@acme.example>',
  To: ME,
  Subject: 'One more thing',
});

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [{ user: 'sam', password: 'correct horse' }],
    folders: [
      { name: 'All Mail', specialUse: '\\All' },
      { name: 'Archive', specialUse: '\\Archive' },
    ],
  });
  await dovecot.appendMessages('sam', 'Sent', [note]);
  await dovecot.appendMessages('sam', 'INBOX', [graceReply]);
  await dovecot.appendMessages('sam', 'Archive', [alanArchived]);
  // Like Gmail's All Mail: the sent note, the inbox reply and the archived one again, and more.
  await dovecot.appendMessages('sam', 'All Mail', [
    note,
    graceReply,
    alanArchived,
    recruiterInAllMail,
    fromAlias,
  ]);
  await dovecot.appendMessages('sam', 'Jobs/Acme', [filedByRule]);
});
afterAll(async () => {
  await dovecot.stop();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-replies-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

function services() {
  const vault = createMemoryVault();
  return createServices({
    database: opened,
    vault,
    now: () => NOW,
    systemTimeZone: () => ZONE,
    connectionTimeout: 3000,
  });
}

function accountInput(replyFolders: string[] = []): AccountInput {
  return {
    label: 'Test mailbox',
    provider: 'other',
    email: ME,
    username: 'sam',
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    replyFolders,
    password: 'correct horse',
  };
}

/** The Message-IDs the app took for replies: each reply asks for an answer of its own. */
function repliesSeen(s: ReturnType<typeof services>): string[] {
  const messages = new Map(opened.mailStore.listMessages().map((m) => [m.id, m]));
  return s.workspace
    .status()
    .obligations.filter((o) => o.kind === 'respond-promptly')
    .map((o) => messages.get(o.id.split(':').slice(2).join(':'))?.messageId ?? o.id)
    .sort();
}

describe('replies wherever they are filed', () => {
  it('finds a reply archived into \\Archive and one only in \\All; a reply also in the inbox counts once; the user’s own mail there is no reply', async () => {
    const s = services();
    trackAcmePanel(s.workspace);
    s.workspace.saveProfile({ fullName: 'Sam Carter', phone: '', email: ME, aliases: [ALIAS] });
    const { account } = s.accounts.save(accountInput());

    const summary = await s.sync.syncAccount(account.id);
    expect(summary).toMatchObject({ ok: true, error: null });
    expect(summary.folders.map((f) => f.path)).toEqual(['Sent', 'INBOX', 'All Mail', 'Archive']);

    expect(repliesSeen(s)).toEqual([
      '<next-steps@acme.example>',
      '<reply-alan@acme.example>',
      '<reply-grace@acme.example>',
    ]);
    // The note is sent mail, found in Sent; its copy in All Mail changes nothing.
    const grace = s.workspace
      .status()
      .obligations.find((o) => o.personName === 'Grace Hopper' && o.kind === 'thank-you');
    expect(grace?.state).toBe('done');

    // Nothing new: the next sync reads nothing and adds nothing.
    expect(await s.sync.syncAccount(account.id)).toMatchObject({ ok: true, added: 0 });
  });

  it('without the alias in the profile, the user’s answer from it would be taken for a reply', async () => {
    const s = services();
    trackAcmePanel(s.workspace);
    const { account } = s.accounts.save(accountInput());
    await s.sync.syncAccount(account.id);
    expect(repliesSeen(s)).toContain('<answer-grace@home.example>');

    s.workspace.saveProfile({ fullName: 'Sam Carter', phone: '', email: ME, aliases: [ALIAS] });
    expect(repliesSeen(s)).not.toContain('<answer-grace@home.example>');
  });

  it('reads a folder the user adds, and forgets it once the user takes it away', async () => {
    const s = services();
    trackAcmePanel(s.workspace);
    s.workspace.saveProfile({ fullName: 'Sam Carter', phone: '', email: ME, aliases: [ALIAS] });
    const { account } = s.accounts.save(accountInput());
    await s.sync.syncAccount(account.id);
    expect(repliesSeen(s)).not.toContain('<later-grace@acme.example>');

    const report = await s.accounts.test({
      ...accountInput(['Jobs/Acme', 'Gone']),
      id: account.id,
    });
    // Incoming mail is what this is about (the test has no SMTP server for the outgoing side).
    expect(report.incoming).toMatchObject({
      ok: true,
      replyFolders: ['All Mail', 'Archive', 'Jobs/Acme'],
      missingReplyFolders: ['Gone'],
    });

    s.accounts.save({ ...accountInput(['Jobs/Acme']), id: account.id });
    const summary = await s.sync.syncAccount(account.id);
    expect(summary.folders.map((f) => f.path)).toContain('Jobs/Acme');
    expect(repliesSeen(s)).toContain('<later-grace@acme.example>');

    s.accounts.save({ ...accountInput([]), id: account.id });
    await s.sync.syncAccount(account.id);
    expect(repliesSeen(s)).not.toContain('<later-grace@acme.example>');
    expect(opened.mailStore.syncedFolderPaths(account.id)).not.toContain('Jobs/Acme');
  });
});
