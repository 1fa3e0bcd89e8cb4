/**
 * What follows a reply, end to end: notes and replies synced from a real IMAP server
 * (Dovecot), readings saved the way the classifier will save them, and the status the app
 * and the command line show.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { statusAsJson } from '../../../src/main/cli/format';
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import type { ReplyReading } from '../../../src/shared/model';
import { startDovecot, type Dovecot } from '../../support/dovecot';

// Wednesday 2 December 2026, 10:00 in Berlin; the panel was on Monday 23 November.
const NOW = Date.parse('2026-12-02T09:00:00Z');
const ZONE = 'Europe/Berlin';
const USERS = ['courtesy', 'rejection', 'scheduling'];

let dovecot: Dovecot;
let dir: string;
let opened: OpenedDatabase;

beforeAll(async () => {
  dovecot = await startDovecot({ users: USERS.map((user) => ({ user, password: 'pw' })) });
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

function raw(headers: Record<string, string>): string {
  return [
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: text/plain',
    '',
    'Body.',
    '',
  ].join('\r\n');
}

const PANEL = [
  { name: 'Ada Okafor', email: 'ada@northwind.example', role: 'interviewer' },
  { name: 'Mei Chen', email: 'mei@northwind.example', role: 'interviewer' },
  { name: 'Lars Berg', email: 'lars@northwind.example', role: 'interviewer', contact: true },
  { name: 'Rosa Diaz', email: 'rosa@northwind.example', role: 'arranger' },
] as const;

/** A Northwind panel of three and its coordinator; Lars said he would be in touch. Every note went out. */
async function setUp(user: string) {
  const services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => ZONE,
    connectionTimeout: 3000,
  });
  const { workspace, accounts, sync } = services;
  const application = workspace.saveApplication({
    company: 'Northwind',
    roleTitle: 'Data Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: null,
    decidedOn: null,
    companyDomains: ['northwind.example'],
    notes: '',
  });
  const interview = workspace.saveInterview({
    interview: {
      applicationId: application.id,
      kind: 'panel',
      startsAt: Date.parse('2026-11-23T13:00:00Z'),
      endsAt: Date.parse('2026-11-23T15:00:00Z'),
      timeZone: ZONE,
      location: null,
      decisionBy: null,
      contactPlan: 'Lars will email',
      outcome: 'good',
      notes: '',
      cancelled: false,
    },
    participants: PANEL.map((p) => ({
      person: {
        name: p.name,
        title: '',
        company: 'Northwind',
        emails: [p.email],
        phone: '',
        firstNameOk: false,
        doNotContact: false,
        notApplicable: false,
        notes: '',
      },
      role: p.role,
      topics: '',
      notes: '',
      contact: 'contact' in p,
    })),
  });
  const { account } = accounts.save({
    label: 'Test mailbox',
    provider: 'other',
    email: 'sam.carter@example.net',
    username: user,
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password: 'pw',
  });
  await dovecot.appendMessages(
    user,
    'Sent',
    PANEL.map((p, i) =>
      raw({
        'Message-ID': `<thanks-${i}@example.net>`,
        Date: `Mon, 23 Nov 2026 18:${10 + i}:00 +0100`,
        From: 'Sam Carter <sam.carter@example.net>',
        To: `${p.name} <${p.email}>`,
        Subject: 'Thank you for today: Data Engineer, Sam Carter',
      }),
    ),
  );
  expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true, added: 4 });

  const people = new Map(workspace.listPeople().map((p) => [p.name, p.id]));
  /** Delivers one message to the inbox, syncs, and gives its local id. */
  const receive = async (headers: Record<string, string>): Promise<string> => {
    await dovecot.appendMessages(user, 'INBOX', [raw(headers)]);
    expect(await sync.syncAccount(account.id)).toMatchObject({ ok: true, added: 1 });
    const found = opened.mailStore
      .knownMessages()
      .find((m) => m.messageId === headers['Message-ID']);
    return found!.id;
  };
  const read = (messageId: string, replyClass: ReplyReading['replyClass'], sentence: string) =>
    opened.mailStore.saveReplyReading({
      messageId,
      replyClass,
      sentence,
      confidence: 0.9,
      source: 'classifier',
      at: NOW,
    });
  return { workspace, interview, people, receive, read, applicationId: application.id };
}

describe('what follows a reply, synced from the mailbox', () => {
  it('a courtesy reply from one panel member leaves the others alone; one check-in, to the contact', async () => {
    const { workspace, interview, people, receive, read, applicationId } = await setUp('courtesy');
    expect(interview.contactPersonId).toBe(people.get('Lars Berg'));
    const before = workspace.status().obligations;
    expect(before.filter((o) => o.kind === 'check-in').map((o) => [o.personName, o.state])).toEqual(
      [['Lars Berg', 'due']],
    );

    const id = await receive({
      'Message-ID': '<ack-mei@northwind.example>',
      Date: 'Wed, 25 Nov 2026 09:00:00 +0100',
      From: 'Mei Chen <mei@northwind.example>',
      To: 'sam.carter@example.net',
      'In-Reply-To': '<thanks-1@example.net>',
      Subject: 'Re: Thank you for today',
    });
    // Read by the sync, but its text ("Body.") says nothing the app can tell: an answer may
    // be owed, and the check-in stays.
    const unread = workspace.status().obligations;
    expect(unread.find((o) => o.kind === 'respond-promptly')).toMatchObject({
      personName: 'Mei Chen',
      reply: { messageId: id, replyClass: 'other' },
    });

    read(id, 'acknowledgement', 'Thanks for your note, we will be in touch.');
    const after = workspace.status().obligations;
    expect(after.some((o) => o.kind === 'respond-promptly')).toBe(false);
    expect(after.map((o) => [o.id, o.state, o.reason])).toEqual(
      before.map((o) => [o.id, o.state, o.reason]),
    );
    // On Mei's timeline, with how it was read.
    expect(workspace.getApplication(applicationId).replies).toEqual([
      {
        messageId: id,
        personId: people.get('Mei Chen'),
        interviewId: interview.id,
        at: Date.parse('2026-11-25T08:00:00Z'),
        subject: 'Re: Thank you for today',
        from: 'Mei Chen',
        reading: {
          messageId: id,
          replyClass: 'acknowledgement',
          sentence: 'Thanks for your note, we will be in touch.',
          sure: true,
        },
      },
    ]);
  });

  it('a rejection from the talent team in a new thread ends the check-in, suggests the status and offers a last note', async () => {
    const { workspace, people, receive, read, applicationId } = await setUp('rejection');
    const id = await receive({
      'Message-ID': '<decision@northwind.example>',
      Date: 'Thu, 26 Nov 2026 11:00:00 +0100',
      From: 'Sam Lee <talent@northwind.example>',
      To: 'sam.carter@example.net',
      Subject: 'Your application for Data Engineer',
    });
    read(id, 'rejection', 'We have decided to move forward with other candidates.');

    const status = workspace.status();
    const lars = people.get('Lars Berg')!;
    expect(status.obligations.find((o) => o.kind === 'check-in')).toMatchObject({
      personId: lars,
      state: 'skipped',
      reason:
        "Sam Lee at Northwind wrote back on Thu 26 Nov with the company's decision, so there is nothing to check in about.",
    });
    expect(status.obligations.find((o) => o.kind === 'after-rejection')).toMatchObject({
      personId: lars,
      state: 'due',
      dueAt: null,
    });
    expect(status.obligations.some((o) => o.kind === 'respond-promptly')).toBe(false);
    expect(status.suggestions).toEqual([
      expect.objectContaining({ applicationId, status: 'rejected', messageId: id }),
    ]);

    workspace.dismissSuggestion({ applicationId, messageId: id });
    expect(workspace.status().suggestions).toEqual([]);
  });

  it('a scheduling reply is owed an answer today and ends the check-in; the JSON carries its class', async () => {
    const { workspace, receive, read } = await setUp('scheduling');
    const id = await receive({
      'Message-ID': '<next@northwind.example>',
      Date: 'Wed, 02 Dec 2026 08:30:00 +0100',
      From: 'Ada Okafor <ada@northwind.example>',
      To: 'sam.carter@example.net',
      'In-Reply-To': '<thanks-0@example.net>',
      Subject: 'Re: Thank you for today',
    });
    read(id, 'scheduling', 'Could you come in for a final round next Tuesday?');

    const status = workspace.status();
    expect(status.obligations.find((o) => o.kind === 'check-in')).toMatchObject({
      state: 'skipped',
      reason:
        'Ada Okafor wrote back on Wed 2 Dec about a next step, so answer that instead of checking in.',
    });
    const json = statusAsJson(status) as { obligations: Record<string, unknown>[] };
    expect(json.obligations.find((o) => o['kind'] === 'respond-promptly')).toMatchObject({
      state: 'due',
      person: 'Ada Okafor',
      dueAt: '2026-12-02T23:59:59.999+01:00',
      rule: { id: 'respond-promptly.next-step' },
      reply: {
        messageId: id,
        class: 'scheduling',
        sentence: 'Could you come in for a final round next Tuesday?',
        sure: true,
      },
    });
  });
});
