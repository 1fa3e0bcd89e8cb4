import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtp-receiver';

const NOW = Date.parse('2026-11-24T09:00:00Z');
let dovecot: Dovecot;
let smtp: SmtpReceiver;
let dir: string;
let opened: OpenedDatabase;
let services: Services;
let accountId: string;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user: 'sam', password: 'imap-pass' }] });
  smtp = await startSmtpReceiver({ user: 'sam', password: 'imap-pass' });
});
afterAll(async () => {
  await smtp.stop();
  await dovecot.stop();
});

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-send-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => 'Europe/Berlin',
    connectionTimeout: 3000,
    // These tests are about the send itself; the undo window has its own file.
    undoSendMs: 0,
  });
  services.workspace.loadSample();
  accountId = services.accounts.save({
    label: 'Mine',
    provider: 'other',
    email: 'sam.rivera@example.com',
    username: 'sam',
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password: 'imap-pass',
  }).account.id;
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const owed = (name: string, kind = 'thank-you') =>
  services.workspace.status().obligations.find((o) => o.personName === name && o.kind === kind)!;

/** Opens the draft and fills what the template leaves to the user, so nothing blocks it. */
function ready(obligationId: string) {
  const { draft } = services.drafts.open(obligationId);
  const body = draft.body.replace(/\[\[[^\]]*\]\]/g, 'the on-call rotation');
  return services.drafts.update(obligationId, { ...draft, body }).draft;
}

async function folderSubjects(folder: string): Promise<string[]> {
  const client = await dovecot.adminClient('sam');
  try {
    const subjects: string[] = [];
    const lock = await client.getMailboxLock(folder);
    try {
      for await (const m of client.fetch('1:*', { envelope: true }))
        subjects.push(m.envelope?.subject ?? '');
    } catch {
      // An empty folder has no 1:*.
    } finally {
      lock.release();
    }
    return subjects;
  } finally {
    await client.logout();
  }
}

describe('sending a note', () => {
  it('sends once, files a copy in Sent, and the note turns done at once', async () => {
    const { draft } = services.drafts.open(owed('Lars Eriksen').id);
    const subject = `${draft.subject} (${Date.now()})`;
    services.drafts.update(draft.obligationId, {
      ...draft,
      subject,
      body: draft.body.replace('[[specificPoint]]', 'The on-call rotation sounded humane.'),
    });

    const before = smtp.messages.length;
    const sent = await services.notes.send(draft.obligationId, accountId);
    expect(sent).toMatchObject({ state: 'sent', error: null, sentAt: NOW });

    const arrived = smtp.messages.slice(before);
    expect(arrived).toHaveLength(1);
    expect(arrived[0]!.envelopeTo).toEqual(['lars.eriksen@northwind.example']);
    expect(arrived[0]!.parsed.subject).toBe(subject);
    expect(arrived[0]!.parsed.messageId).toBe(sent.messageId);
    expect(arrived[0]!.parsed.text).toContain('on-call rotation sounded humane');

    expect(await folderSubjects('Sent')).toContain(subject);
    expect(owed('Lars Eriksen').state).toBe('done');

    await expect(services.notes.send(draft.obligationId, accountId)).rejects.toThrow(
      /sent already/,
    );
    expect(smtp.messages.length - before).toBe(1);

    // The next sync finds the same message in Sent: no second copy, still done.
    await services.sync.syncAccount(accountId);
    expect(owed('Lars Eriksen')).toMatchObject({ state: 'done' });
    expect(
      opened.mailStore.listMessages().filter((m) => m.messageId === sent.messageId),
    ).toHaveLength(1);

    // The draft editor lists the note with the text that went out.
    expect(services.drafts.open(draft.obligationId).history).toEqual([
      expect.objectContaining({
        id: sent.messageId,
        subject,
        source: 'app',
        body: expect.stringContaining('on-call rotation sounded humane') as unknown,
      }),
    ]);
  });

  it('keeps the draft and says why when the server refuses, and the retry reuses the Message-ID', async () => {
    const draft = ready(owed('Ada Okafor').id);
    const account = opened.mailStore.getAccount(accountId)!;
    opened.mailStore.saveAccount({ ...account, smtp: { ...account.smtp, port: 1 } });
    await expect(services.notes.send(draft.obligationId, accountId)).rejects.toThrow();
    const failed = opened.draftStore.getDraft(draft.obligationId)!;
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/refused|connect/i);
    expect(failed.body).toBe(draft.body);

    opened.mailStore.saveAccount(account);
    const sent = await services.notes.send(draft.obligationId, accountId);
    expect(sent.state).toBe('sent');
    expect(sent.messageId).toBe(failed.messageId);
  });

  it('saves to the Drafts folder, replacing the earlier copy', async () => {
    const { draft } = services.drafts.open(owed('Rosa Delgado', 'arranger-thanks').id);
    const tag = `(${Date.now()})`;
    services.drafts.update(draft.obligationId, { ...draft, subject: `First ${tag}` });
    await services.notes.saveToDraftsFolder(draft.obligationId, accountId);
    services.drafts.update(draft.obligationId, { ...draft, subject: `Second ${tag}` });
    const saved = await services.notes.saveToDraftsFolder(draft.obligationId, accountId);
    expect(saved.draftsCopy).toMatchObject({ accountId });
    const subjects = (await folderSubjects('Drafts')).filter((s) => s.endsWith(tag));
    expect(subjects).toEqual([`Second ${tag}`]);
  });

  it('marks a send the app did not see finish as failed, with advice', () => {
    const { draft } = services.drafts.open(owed('Ada Okafor').id);
    opened.draftStore.saveDraft({ ...draft, state: 'sending', messageId: '<lost@example.com>' });
    services.notes.reconcile();
    expect(opened.draftStore.getDraft(draft.obligationId)).toMatchObject({
      state: 'failed',
      error: expect.stringMatching(/Sent folder/) as string,
    });
  });
});

describe('the guard before a note goes out', () => {
  it.each<[string, (d: { subject: string; body: string; to: string[] }) => object, RegExp]>([
    [
      'a placeholder left',
      (d) => ({ body: `${d.body}\n[[specificPoint]]` }),
      /\[\[|placeholder|fill/i,
    ],
    ['no subject', () => ({ subject: '  ' }), /subject/i],
    ['no text', () => ({ body: '' }), /empty/i],
    ['no recipient', () => ({ to: [] }), /address/i],
    [
      "another person's name",
      (d) => ({ body: d.body.replace(/Dear [^,\n]+/, 'Dear Ada Okafor') }),
      /Ada/,
    ],
  ])('refuses to send or file a note with %s, by any caller', async (_name, change, message) => {
    const draft = ready(owed('Lars Eriksen').id);
    services.drafts.update(draft.obligationId, { ...draft, ...change(draft) });
    const before = smtp.messages.length;
    await expect(services.notes.send(draft.obligationId, accountId)).rejects.toThrow(message);
    await expect(services.notes.saveToDraftsFolder(draft.obligationId, accountId)).rejects.toThrow(
      /cannot go out yet/,
    );
    expect(smtp.messages.length).toBe(before);
    expect(opened.draftStore.getDraft(draft.obligationId)!.state).toBe('editing');
    expect(await folderSubjects('Drafts')).not.toContain(draft.subject);
  });

  it('refuses a note to someone who asked not to be contacted', async () => {
    const draft = ready(owed('Lars Eriksen').id);
    const lars = services.workspace.listPeople().find((p) => p.name === 'Lars Eriksen')!;
    services.workspace.savePerson({ ...lars, doNotContact: true });
    const before = smtp.messages.length;
    await expect(services.notes.send(draft.obligationId, accountId)).rejects.toThrow(
      /asked not to be contacted/,
    );
    expect(smtp.messages.length).toBe(before);
  });

  it('sends once when two sends of the same note start together', async () => {
    const draft = ready(owed('Lars Eriksen').id);
    const tagged = `${draft.subject} (${Date.now()})`;
    services.drafts.update(draft.obligationId, { ...draft, subject: tagged });
    const outcomes = await Promise.allSettled([
      services.notes.send(draft.obligationId, accountId),
      services.notes.send(draft.obligationId, accountId),
    ]);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = outcomes.find((o) => o.status === 'rejected') as PromiseRejectedResult;
    expect(String(refused.reason)).toMatch(/being sent/);
    expect(smtp.messages.filter((m) => m.parsed.subject === tagged)).toHaveLength(1);
  });

  it('a send cut off by a crash ends "sent" once a real sync finds its Message-ID in Sent', async () => {
    const draft = ready(owed('Lars Eriksen').id);
    const messageId = `<crash-${Date.now()}@example.com>`;
    opened.draftStore.saveDraft({ ...draft, state: 'sending', messageId });
    // The app starts again: the send it did not see finish is not trusted yet.
    services.notes.reconcile();
    expect(opened.draftStore.getDraft(draft.obligationId)!.state).toBe('failed');

    // The note did go out before the crash: it is in Sent, and the sync finds it there.
    await dovecot.appendMessages('sam', 'Sent', [
      [
        `From: Sam Rivera <sam.rivera@example.com>`,
        `To: Lars Eriksen <lars.eriksen@northwind.example>`,
        `Subject: ${draft.subject}`,
        `Message-ID: ${messageId}`,
        `Date: ${new Date(NOW - 60_000).toUTCString()}`,
        '',
        'Thank you.',
      ].join('\r\n'),
    ]);
    await services.sync.syncAccount(accountId);
    expect(opened.draftStore.getDraft(draft.obligationId)).toMatchObject({
      state: 'sent',
      error: null,
    });
  });
});

describe('answering a reply', () => {
  it('sends the answer in their thread: Re: their subject, In-Reply-To and References', async () => {
    const raw = [
      'Message-ID: <next-round@northwind.example>',
      'In-Reply-To: <first-note@example.com>',
      'References: <invite@northwind.example> <first-note@example.com>',
      'Date: Tue, 24 Nov 2026 08:00:00 +0000',
      'From: Lars Eriksen <lars.eriksen@northwind.example>',
      'To: Sam Rivera <sam.rivera@example.com>',
      'Subject: RE: Thank you - your interview',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Could you come back on Thursday at 10 to meet the team lead?',
      '',
    ].join('\r\n');
    await dovecot.appendMessages('sam', 'INBOX', [Buffer.from(raw)]);
    await services.sync.syncAccount(accountId);
    const reply = opened.mailStore
      .knownMessages()
      .find((m) => m.messageId === '<next-round@northwind.example>')!;
    opened.mailStore.saveReplyReading({
      messageId: reply.id,
      replyClass: 'scheduling',
      sentence: 'Could you come back on Thursday at 10 to meet the team lead?',
      confidence: 1,
      source: 'user',
      at: NOW,
    });
    const obligation = owed('Lars Eriksen', 'respond-promptly');
    expect(obligation.reply).toMatchObject({ messageId: reply.id, replyClass: 'scheduling' });

    const opened1 = services.drafts.open(obligation.id);
    expect(opened1.draft).toMatchObject({
      templateId: 'confirm-time',
      subject: 'Re: Thank you - your interview',
    });
    expect(opened1.answering).toMatchObject({
      from: { name: 'Lars Eriksen', address: 'lars.eriksen@northwind.example' },
      subject: 'RE: Thank you - your interview',
      replyClass: 'scheduling',
      sentence: 'Could you come back on Thursday at 10 to meet the team lead?',
    });
    expect(opened1.findings.filter((f) => f.severity === 'error')).toEqual([]);

    // The copy in Drafts is in the thread too, for finishing in the user's mail program.
    await services.notes.saveToDraftsFolder(obligation.id, accountId);
    const client = await dovecot.adminClient('sam');
    let draftHeaders = '';
    try {
      const lock = await client.getMailboxLock('Drafts');
      try {
        for await (const m of client.fetch('1:*', { headers: ['in-reply-to', 'references'] }))
          draftHeaders += m.headers?.toString() ?? '';
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
    expect(draftHeaders).toMatch(/In-Reply-To: <next-round@northwind\.example>/i);
    expect(draftHeaders).toMatch(
      /References: <invite@northwind\.example>\s+<first-note@example\.com>\s+<next-round@northwind\.example>/i,
    );

    const before = smtp.messages.length;
    const sent = await services.notes.send(obligation.id, accountId);
    const [arrived] = smtp.messages.slice(before);
    expect(arrived!.parsed.subject).toBe('Re: Thank you - your interview');
    expect(arrived!.parsed.inReplyTo).toBe('<next-round@northwind.example>');
    expect(arrived!.parsed.references).toEqual([
      '<invite@northwind.example>',
      '<first-note@example.com>',
      '<next-round@northwind.example>',
    ]);
    // The app's own record of the note is in the thread too, so matching sees the answer.
    expect(
      opened.mailStore.knownMessages().find((m) => m.messageId === sent.messageId),
    ).toMatchObject({ inReplyTo: '<next-round@northwind.example>' });
  });

  it('a new note (not an answer) carries no thread headers', async () => {
    const draft = ready(owed('Ada Okafor').id);
    const before = smtp.messages.length;
    await services.notes.send(draft.obligationId, accountId);
    const [arrived] = smtp.messages.slice(before);
    expect(arrived!.parsed.inReplyTo).toBeUndefined();
    expect(arrived!.parsed.references).toBeUndefined();
  });
});
