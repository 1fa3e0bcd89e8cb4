import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readLocalMailbox } from '../../../src/main/mail/local-mailbox';
import { openDatabase } from '../../../src/main/store/database';
import { runCliOn } from '../../support/cli';
import { startDovecot, type Dovecot } from '../../support/dovecot';

// Tuesday 24 November 2026, 10:00 in Berlin: the sample's panel with Ada Okafor was before.
const NOW = Date.parse('2026-11-24T09:00:00Z');
const FIXTURES = join(__dirname, '../../fixtures/mail/bounces');
const fixture = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const SHAPES = [
  'postfix.eml',
  'exim.eml',
  'gmail.eml',
  'microsoft-365.eml',
  'qmail.eml',
  'delayed.eml',
  'empty-sender.eml',
  'bare-mailer-daemon.eml',
  'arf-feedback.eml',
  'dmarc-aggregate.eml',
  'out-of-office-subject.eml',
];

let dovecot: Dovecot;
let dir: string;
let db: string;

const cli = (args: string[], now = NOW) => runCliOn(db, args, { env: { PW: 's3cret-pass' }, now });

/** The user's thank-you to Ada Okafor (a person of the sample workspace). */
const NOTE = [
  'Message-ID: <note-ada@example.com>',
  'Date: Mon, 23 Nov 2026 18:00:00 +0100',
  'From: Sam Rivera <sam.rivera@example.com>',
  'To: Ada Okafor <ada.okafor@northwind.example>',
  'Subject: Thank you for the panel',
  '',
  'Hi Ada, thank you for today.',
  '',
].join('\r\n');

/** A fixture report made about that note: Ada's address, the note's id, the day after it. */
function aboutTheNote(name: string): string {
  return fixture(name)
    .replaceAll('alex.chen@northwind.example', 'ada.okafor@northwind.example')
    .replaceAll('Alex.Chen@northwind.example', 'Ada.Okafor@northwind.example')
    .replaceAll('dana.fox@litware.example', 'ada.okafor@northwind.example')
    .replaceAll('<note-1110@mail.example.net>', '<note-ada@example.com>')
    .replaceAll('<note-qmail-1@mail.example.net>', '<note-ada@example.com>')
    .replaceAll('sam.carter@example.net', 'sam.rivera@example.com')
    .replaceAll('10 Nov 2026', '23 Nov 2026')
    .replaceAll('Tue, 23 Nov', 'Mon, 23 Nov')
    .replace(/\b(1[5-9]|20):(\d\d):(\d\d)/g, (_m, h: string, m: string, s: string) => {
      return `${String(Number(h) + 3).padStart(2, '0')}:${m}:${s}`;
    });
}

async function addAccount(user: string): Promise<void> {
  await cli(['sample']);
  const added = await cli([
    'account',
    'add',
    '--email',
    'sam.rivera@example.com',
    '--user',
    user,
    '--imap-host',
    '127.0.0.1',
    '--imap-port',
    String(dovecot.port),
    '--security',
    'plaintext',
    '--password-env',
    'PW',
  ]);
  expect(added.code).toBe(0);
}

interface StatusJson {
  obligations: Array<{
    person: string;
    kind: string;
    state: string;
    evidence: unknown;
    warnings: Array<{
      code: string;
      message: string;
      bounce?: { at: string; address: string; status: string | null; diagnostic: string | null };
    }>;
  }>;
}

async function adaObligations(): Promise<StatusJson['obligations']> {
  const status = JSON.parse((await cli(['status', '--json'])).stdout) as StatusJson;
  return status.obligations.filter((o) => o.person === 'Ada Okafor');
}

beforeAll(async () => {
  const users = ['bounced', 'delayed', 'shapes'].map((user) => ({ user, password: 's3cret-pass' }));
  dovecot = await startDovecot({ users });
  for (const { user } of users) await dovecot.appendMessages(user, 'Sent', [NOTE]);
  await dovecot.appendMessages('bounced', 'INBOX', [aboutTheNote('postfix.eml')]);
  await dovecot.appendMessages('delayed', 'INBOX', [aboutTheNote('delayed.eml')]);
  await dovecot.appendMessages('shapes', 'INBOX', SHAPES.map(fixture));
});
afterAll(async () => {
  await dovecot.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-bounces-'));
  db = join(dir, 'db.sqlite');
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('a bounce found by the sync', () => {
  it('reopens the thank-you when a Postfix report without In-Reply-To comes back', async () => {
    expect(aboutTheNote('postfix.eml')).not.toMatch(/^(In-Reply-To|References):/im);
    await addAccount('bounced');
    const synced = await cli(['sync', '--password-env', 'PW']);
    expect(synced.code).toBe(0);

    const ada = await adaObligations();
    const note = ada.find((o) => o.kind === 'thank-you')!;
    expect(['due', 'overdue']).toContain(note.state);
    expect(note.evidence).toBeNull();
    expect(note.warnings).toEqual([
      {
        code: 'address-bounced',
        message:
          'Your note to Ada Okafor bounced on Mon 23 Nov (the address does not exist: 550 5.1.1 <ada.okafor@northwind.example>: Recipient address rejected: User unknown in virtual mailbox table); check the address (ada.okafor@northwind.example) and send it again.',
        bounce: {
          at: '2026-11-23T19:05:12+01:00',
          address: 'ada.okafor@northwind.example',
          status: '5.1.1',
          diagnostic:
            '550 5.1.1 <ada.okafor@northwind.example>: Recipient address rejected: User unknown in virtual mailbox table',
        },
      },
    ]);
    // No check-in for a note that never arrived; every open obligation of hers says it.
    expect(ada.some((o) => o.kind === 'check-in')).toBe(false);
    for (const o of ada.filter((o) => ['upcoming', 'due', 'overdue'].includes(o.state))) {
      expect(o.warnings.map((w) => w.code)).toContain('address-bounced');
    }

    // The text view says it as well, and a second sync does not fetch the report again.
    expect((await cli(['status'])).stdout).toContain(
      '! Your note to Ada Okafor bounced on Mon 23 Nov',
    );
    const again = await cli(['sync', '--password-env', 'PW']);
    expect(again.code).toBe(0);
    const { db: file, mailStore } = await openDatabase(db);
    try {
      expect(mailStore.unreadDeliveryReports('bounced', 'INBOX')).toEqual([]);
    } finally {
      file.close();
    }
  });

  it('leaves the thank-you done after a delayed report', async () => {
    await addAccount('delayed');
    expect((await cli(['sync', '--password-env', 'PW'])).code).toBe(0);
    const note = (await adaObligations()).find((o) => o.kind === 'thank-you')!;
    expect(note.state).toBe('done');
    expect(note.warnings).toEqual([]);
  });

  it('recognises every shape of report, and reads what each one said', async () => {
    await addAccount('shapes');
    // The fixtures are from 10 November: a sync on the 12th reads them.
    expect(
      (await cli(['sync', '--password-env', 'PW'], Date.parse('2026-11-12T09:00:00Z'))).code,
    ).toBe(0);
    const { db: file, mailStore } = await openDatabase(db);
    try {
      const inbox = mailStore.listMessages().filter((m) => m.folderRole === 'inbox');
      const bySubject = new Map(inbox.map((m) => [m.subject, m]));
      const read = (subject: string) => {
        const m = bySubject.get(subject);
        expect(m, subject).toBeDefined();
        return {
          bounce: m!.bounce,
          outcome: m!.deliveryReport?.outcome ?? null,
          failed: m!.deliveryReport?.failedRecipients ?? [],
        };
      };
      expect(inbox).toHaveLength(SHAPES.length);
      expect(read('Undelivered Mail Returned to Sender')).toEqual({
        bounce: true,
        outcome: 'failed',
        failed: ['alex.chen@northwind.example'],
      });
      expect(read('Mail delivery failed: returning message to sender')).toEqual({
        bounce: true,
        outcome: 'failed',
        failed: ['jo.ward@fabrikam.example'],
      });
      expect(read('Delivery Status Notification (Failure)')).toEqual({
        bounce: true,
        outcome: 'failed',
        failed: ['riya.patel@contoso.example'],
      });
      expect(read('Undeliverable: Following up on our interview')).toEqual({
        bounce: true,
        outcome: 'failed',
        failed: ['morgan.lee@tailspin.example'],
      });
      expect(read('failure notice')).toEqual({
        bounce: true,
        outcome: 'failed',
        failed: ['dana.fox@litware.example'],
      });
      expect(read('Delayed Mail (still being retried)')).toEqual({
        bounce: true,
        outcome: 'delayed',
        failed: [],
      });
      expect(read('Delivery failure')).toEqual({
        bounce: true,
        outcome: 'failed',
        failed: ['kim.berg@adatum.example'],
      });
      expect(read('Returned mail: see transcript for details')).toEqual({
        bounce: true,
        outcome: 'failed',
        failed: ['pat.quinn@woodgrove.example'],
      });
      for (const subject of [
        'Complaint about a message from your address',
        'Report domain: example.net Submitter: reports.mailbox.example Report-ID: <8830017744120055>',
        'Automatic reply: Thank you for today',
      ]) {
        expect(read(subject)).toEqual({ bounce: false, outcome: null, failed: [] });
        expect(bySubject.get(subject)?.autoReply, subject).toBe(true);
      }
    } finally {
      file.close();
    }
  });
});

describe('a bounce in a local mailbox', () => {
  it('reopens the thank-you from an mbox holding the note and a qmail report', async () => {
    await cli(['sample']);
    const mbox = join(dir, 'mail.mbox');
    const entry = (from: string, raw: string) =>
      `From ${from} Mon Nov 23 18:00:00 2026\n${raw.replace(/\r\n/g, '\n')}\n`;
    writeFileSync(
      mbox,
      entry('sam.rivera@example.com', NOTE) + entry('MAILER-DAEMON', aboutTheNote('qmail.eml')),
    );
    const imported = await cli(['import-mailbox', mbox]);
    expect(imported).toMatchObject({ code: 0, stdout: 'Read 2 messages (1 sent by you).\n' });

    const note = (await adaObligations()).find((o) => o.kind === 'thank-you')!;
    expect(['due', 'overdue']).toContain(note.state);
    expect(note.warnings).toEqual([
      expect.objectContaining({
        code: 'address-bounced',
        message:
          'Your note to Ada Okafor bounced on Mon 23 Nov (the address does not exist: 550 5.1.1 <ada.okafor@northwind.example>: mailbox does not exist); check the address (ada.okafor@northwind.example) and send it again.',
      }),
    ]);
  });

  it('reads the report of each bounce in a folder of .eml files', async () => {
    const messages = await readLocalMailbox(FIXTURES, {
      sourceId: 'local:test',
      userAddresses: ['sam.carter@example.net'],
    });
    const outcomes = Object.fromEntries(
      messages.map((m) => [m.subject, m.deliveryReport?.outcome ?? null]),
    );
    expect(outcomes).toMatchObject({
      'Undelivered Mail Returned to Sender': 'failed',
      'failure notice': 'failed',
      'Delayed Mail (still being retried)': 'delayed',
      'Returned mail: see transcript for details': 'failed',
      'Automatic reply: Thank you for today': null,
    });
  });
});
