import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { connectImap } from '../../../src/main/mail/imap-account';
import { fetchInvitationParts } from '../../../src/main/mail/invitation-fetch';
import { createServices } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';
import { untrustedParserScript } from '../../support/untrusted-parser-script';

// Tuesday 24 November 2026, 10:00 in Berlin.
const NOW = Date.parse('2026-11-24T09:00:00Z');
const ZONE = 'Europe/Berlin';
const ME = 'sam.carter@example.net';
const ics = (name: string) => readFileSync(join(__dirname, '../../fixtures/ics', name), 'utf8');

const base64 = (text: string | Buffer) =>
  (typeof text === 'string' ? Buffer.from(text, 'utf8') : text)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');

/** Quoted-printable for a calendar body: `=XX` for bytes outside ASCII and for `=`, soft breaks at 76. */
function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  for (const line of bytes.toString('latin1').split(/\r?\n/)) {
    let out = '';
    let width = 0;
    for (const char of line) {
      const code = char.charCodeAt(0);
      const piece =
        code > 126 || char === '=' ? `=${code.toString(16).toUpperCase().padStart(2, '0')}` : char;
      if (width + piece.length > 75) {
        out += '=\r\n';
        width = 0;
      }
      out += piece;
      width += piece.length;
    }
    lines.push(out);
  }
  return lines.join('\r\n');
}

function headers(
  subject: string,
  id: string,
  contentType: string,
  from = 'Lena Vogel <lena.vogel.recruiting@acme-robotics.example>',
): string[] {
  return [
    `Message-ID: <${id}@mail.example>`,
    'Date: Mon, 23 Nov 2026 09:15:00 +0100',
    `From: ${from}`,
    `To: Sam Carter <${ME}>`,
    `Subject: ${subject}`,
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
  ];
}

const plain = [
  ...headers(
    'Your application',
    'plain-1',
    'text/plain; charset=utf-8',
    'Jobs <jobs@globex.example>',
  ),
  '',
  'Thanks for applying. This body must never be fetched.',
  '',
].join('\r\n');

const newsletter = [
  ...headers(
    'Weekly digest',
    'news-1',
    'multipart/alternative; boundary="n1"',
    'News <news@example.org>',
  ),
  '',
  '--n1',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Digest text that must never be fetched.',
  '--n1',
  'Content-Type: text/html; charset=utf-8',
  '',
  '<p>Digest html that must never be fetched.</p>',
  '--n1--',
  '',
].join('\r\n');

/** Google Calendar: mixed → alternative (plain, html, calendar) + the same event as invite.ics. */
function googleMessage(id: string, calendar: string): string {
  const crlf = calendar.replace(/\r?\n/g, '\r\n');
  return [
    ...headers(
      'Invitation: Panel interview: Sam Carter – Senior Data Engineer @ Tue 1 Dec 2026 14:00 - 15:30 (CET)',
      id,
      'multipart/mixed; boundary="g0"',
    ),
    '',
    '--g0',
    'Content-Type: multipart/alternative; boundary="g1"',
    '',
    '--g1',
    'Content-Type: text/plain; charset="UTF-8"; format=flowed; delsp=yes',
    'Content-Transfer-Encoding: base64',
    '',
    base64('You have been invited to the following event.'),
    '--g1',
    'Content-Type: text/html; charset="UTF-8"',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    '<p>You have been invited</p>',
    '--g1',
    'Content-Type: text/calendar; charset="UTF-8"; method=REQUEST',
    'Content-Transfer-Encoding: 7bit',
    '',
    crlf,
    '--g1--',
    '',
    '--g0',
    'Content-Type: application/ics; name="invite.ics"',
    'Content-Disposition: attachment; filename="invite.ics"',
    'Content-Transfer-Encoding: base64',
    '',
    base64(crlf),
    '--g0--',
    '',
  ].join('\r\n');
}
const google = googleMessage('google-1', ics('google-panel.ics'));

/** Outlook: alternative (plain, calendar in quoted-printable, umlauts in names). */
const outlook = [
  ...headers(
    'On-site interview: Analytics Engineer (Northwind)',
    'outlook-1',
    'multipart/alternative; boundary="_000_OUTLOOK_"',
    '"Becker, Tom" <Tom.Becker@northwind-analytics.example>',
  ),
  '',
  '--_000_OUTLOOK_',
  'Content-Type: text/plain; charset="iso-8859-1"',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  'Hello Sam',
  '--_000_OUTLOOK_',
  'Content-Type: text/calendar; charset="utf-8"; method=REQUEST',
  'Content-Transfer-Encoding: quoted-printable',
  '',
  quotedPrintable(Buffer.from(ics('outlook-onsite.ics'), 'utf8')),
  '--_000_OUTLOOK_--',
  '',
].join('\r\n');

/** A bare text/calendar message in Latin-1: the whole body is the calendar. */
const latin1Calendar = ics('zoom-call.ics').replace(
  'SUMMARY:Halcyon Maps – Phone screen with Sam Carter',
  'SUMMARY:Halcyon Maps - Telefongespräch mit Sam Carter',
);
const bare = [
  ...headers(
    'Telefongespräch',
    'bare-1',
    'text/calendar; charset=ISO-8859-1; method=PUBLISH',
    'Rosa Delgado <rosa@halcyonmaps.example>',
  ),
  'Content-Transfer-Encoding: quoted-printable',
  '',
  quotedPrintable(Buffer.from(latin1Calendar, 'latin1')),
  '',
].join('\r\n');

/** UIDs named in a `UID FETCH` command line: "3,5:7" → [3, 5, 6, 7]. */
function fetchedUids(line: string): number[] {
  const set = /UID FETCH ([\d:,]+) /.exec(line)?.[1] ?? '';
  return set.split(',').flatMap((range) => {
    const [a, b] = range.split(':').map(Number);
    return Array.from({ length: (b ?? a!) - a! + 1 }, (_, i) => a! + i);
  });
}

let dovecot: Dovecot;
let proxy: TcpProxy;

beforeAll(async () => {
  dovecot = await startDovecot({
    users: [
      { user: 'sam', password: 'correct horse' },
      { user: 'robin', password: 'battery staple' },
      { user: 'kim', password: 'tide pool' },
    ],
  });
  proxy = await startTcpProxy(dovecot.port);
  await dovecot.appendMessages('sam', 'INBOX', [plain, newsletter, google, outlook, bare]);
});
afterAll(async () => {
  await proxy.close();
  await dovecot.stop();
});

describe('finding calendar parts in the inbox', () => {
  it('reads only Content-Type, then structure of multipart and calendar messages, then only calendar parts', async () => {
    const client = await connectImap({
      host: '127.0.0.1',
      port: proxy.port,
      security: 'plaintext',
      user: 'sam',
      password: 'correct horse',
    });
    const mark = proxy.clientLines.length;
    try {
      const result = await fetchInvitationParts(client, 'INBOX', [1, 2, 3, 4, 5]);
      expect(result.candidates).toEqual([2, 3, 4, 5]);
      // One calendar part per invitation message; Google's invite.ics copy is not fetched twice.
      expect(result.parts.map((p) => [p.uid, p.part])).toEqual([
        [3, '1.3'],
        [4, '2'],
        [5, '1'],
      ]);
      expect(result.parts[0]?.text).toBe(ics('google-panel.ics').replace(/\r?\n/g, '\r\n'));
      expect(result.parts[1]?.text).toContain('CN="Müller, J\r\n ürgen"');
      expect(result.parts[2]?.text).toContain(
        'SUMMARY:Halcyon Maps - Telefongespräch mit Sam Carter',
      );
    } finally {
      await client.logout();
    }
    const fetches = proxy.clientLines.slice(mark).filter((l) => / UID FETCH /.test(l));
    const bodyFetches = fetches.filter(
      (l) => /BODY(\.PEEK)?\[(?!HEADER\.FIELDS)/.test(l) || /RFC822/.test(l),
    );
    expect(fetches[0]).toMatch(
      /UID FETCH 1:5 \(UID (MODSEQ )?BODY\.PEEK\[HEADER\.FIELDS \(CONTENT-TYPE\)\]\)/i,
    );
    expect(fetches.filter((l) => l.includes('BODYSTRUCTURE')).flatMap(fetchedUids)).not.toContain(
      1,
    );
    // No body of the plain message or the newsletter ever crosses the wire.
    expect(bodyFetches.flatMap(fetchedUids).filter((uid) => uid === 1 || uid === 2)).toEqual([]);
    expect(bodyFetches.length).toBeGreaterThan(0);
  });
});

describe('a sync turns invitations in the inbox into proposals', () => {
  let dir: string;
  let opened: OpenedDatabase;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'followthrough-invite-sync-'));
    opened = await openDatabase(join(dir, 'db.sqlite'));
  });
  afterEach(() => {
    opened.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('proposes each invitation once, creates no interview, and reads nothing again next time', async () => {
    const services = createServices({
      database: opened,
      vault: createMemoryVault(),
      now: () => NOW,
      systemTimeZone: () => ZONE,
      connectionTimeout: 3000,
    });
    services.workspace.saveApplication({
      company: 'Acme Robotics',
      roleTitle: 'Senior Data Engineer',
      postingUrl: null,
      status: 'interviewing',
      appliedOn: null,
      decidedOn: null,
      companyDomains: ['acme-robotics.example'],
      notes: '',
    });
    const { account } = services.accounts.save({
      label: 'Test mailbox',
      provider: 'other',
      email: ME,
      username: 'sam',
      imap: { host: '127.0.0.1', port: proxy.port, security: 'plaintext' },
      smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
      providerFilesSent: false,
      sentFolder: null,
      draftsFolder: null,
      password: 'correct horse',
    });

    const mark = proxy.clientLines.length;
    const first = await services.sync.syncAccount(account.id);
    expect(first).toMatchObject({ ok: true, error: null, added: 5 });
    const lines = proxy.clientLines.slice(mark);
    const bodyFetches = lines.filter(
      (l) => / UID FETCH /.test(l) && /BODY(\.PEEK)?\[(?!HEADER\.FIELDS)/.test(l),
    );
    expect(bodyFetches.flatMap(fetchedUids).every((uid) => uid >= 3)).toBe(true);

    const waiting = services.invitations.list();
    expect(waiting.map((w) => w.proposal.headline)).toEqual([
      'Panel interview with Acme Robotics on Tue 1 Dec, 14:00 (Europe/Berlin), 3 interviewers: Ada Okafor, Mei Tanaka, Jonas Weber',
      'Video interview with Halcyonmaps on Wed 2 Dec, 11:00 (America/New_York), 1 interviewer: Rosa Delgado',
      'On-site interview with Northwind Analytics on Thu 3 Dec, 10:00 (Europe/Berlin), 2 interviewers: Tom Becker, Jürgen Müller',
    ]);
    expect(waiting.every((w) => w.source === 'mail')).toBe(true);
    expect(waiting[0]?.sourceRef).toBe(`${account.id}:inbox:<google-1@mail.example>`);
    expect(
      DateTime.fromMillis(waiting[1]!.proposal.invite.startsAt, { zone: ZONE }).toFormat('HH:mm'),
    ).toBe('17:00');
    expect(opened.store.listInterviews()).toEqual([]);

    // Nothing new: no FETCH at all, and no second proposal.
    const mark2 = proxy.clientLines.length;
    const second = await services.sync.syncAccount(account.id);
    expect(second).toMatchObject({ ok: true, added: 0 });
    expect(proxy.clientLines.slice(mark2).filter((l) => / FETCH /.test(l))).toEqual([]);
    expect(services.invitations.list()).toHaveLength(3);

    // A rescheduled copy arriving later replaces the waiting proposal.
    await dovecot.appendMessages('sam', 'INBOX', [
      googleMessage('google-2', ics('google-panel-moved.ics')),
    ]);
    const third = await services.sync.syncAccount(account.id);
    expect(third).toMatchObject({ ok: true, added: 1 });
    const panel = services.invitations
      .list()
      .filter((w) => w.proposal.invite.uid.endsWith('@google.com'));
    expect(panel).toHaveLength(1);
    expect(panel[0]?.proposal.invite.sequence).toBe(1);
    expect(panel[0]?.sourceRef).toBe(`${account.id}:inbox:<google-2@mail.example>`);
  });
});

/** A message whose whole body is a calendar, as some calendar servers send them. */
function calendarOnly(id: string, subject: string, calendar: string): string {
  return [
    ...headers(
      subject,
      id,
      'text/calendar; charset=utf-8; method=REQUEST',
      'Rhea Bolt <rhea.bolt@hostile.example>',
    ),
    'Content-Transfer-Encoding: base64',
    '',
    base64(calendar.replace(/\r?\n/g, '\r\n')),
    '',
  ].join('\r\n');
}

describe('a sync with hostile invitations in the inbox', () => {
  let dir: string;
  let opened: OpenedDatabase;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'followthrough-hostile-sync-'));
    opened = await openDatabase(join(dir, 'db.sqlite'));
  });
  afterEach(() => {
    opened.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records each unreadable invitation once, keeps the rest, and reads none of them again', async () => {
    await dovecot.appendMessages('robin', 'INBOX', [
      calendarOnly('hostile-day', 'Daily check-in', ics('hostile-impossible-day.ics')),
      calendarOnly('hostile-zone', 'Interview', ics('hostile-daily-zone.ics')),
      calendarOnly('hostile-long', 'Technical interview', ics('hostile-long-duration.ics')),
      calendarOnly('fine', 'Video call', ics('zoom-call.ics')),
    ]);
    const services = createServices({
      database: opened,
      vault: createMemoryVault(),
      now: () => NOW,
      systemTimeZone: () => ZONE,
      untrustedParser: { script: await untrustedParserScript() },
      connectionTimeout: 3000,
    });
    const { account } = services.accounts.save({
      label: 'Robin',
      provider: 'other',
      email: 'robin@example.net',
      username: 'robin',
      imap: { host: '127.0.0.1', port: proxy.port, security: 'plaintext' },
      smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
      providerFilesSent: false,
      sentFolder: null,
      draftsFolder: null,
      password: 'battery staple',
    });

    const first = await services.sync.syncAccount(account.id);
    expect(first).toMatchObject({ ok: true, error: null, added: 4 });
    const unreadable = services.invitations.unreadable();
    expect(
      unreadable.map((u) => [u.label, u.reason]).sort((a, b) => a[0]!.localeCompare(b[0]!)),
    ).toEqual([
      [
        '“Daily check-in” from Rhea Bolt <rhea.bolt@hostile.example>',
        'line 10: the RRULE "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30" asks for day 30 of a month too short to have it',
      ],
      [
        '“Interview” from Rhea Bolt <rhea.bolt@hostile.example>',
        'it took too long to read, so reading it was stopped',
      ],
      [
        '“Technical interview” from Rhea Bolt <rhea.bolt@hostile.example>',
        'line 9: the event "Technical interview" ends after the year 9999',
      ],
    ]);
    expect(services.invitations.list()).toHaveLength(1);
    expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(() => services.workspace.status()).not.toThrow();
    expect(opened.invitationStore.listChecks(account.id, 'INBOX')).toEqual([]);

    // The next sync reads none of them again, and records nothing twice.
    const mark = proxy.clientLines.length;
    const second = await services.sync.syncAccount(account.id);
    expect(second).toMatchObject({ ok: true, added: 0 });
    expect(proxy.clientLines.slice(mark).filter((l) => / FETCH /.test(l))).toEqual([]);
    expect(services.invitations.unreadable()).toEqual(unreadable);

    // Dismissed, a notice is gone for good.
    services.invitations.dismissUnreadable(unreadable[0]!.id);
    expect(services.invitations.unreadable()).toHaveLength(2);
    await services.parser.close();
  });

  it('leaves the queue for the next sync when the reader cannot start at all', async () => {
    await dovecot.appendMessages('kim', 'INBOX', [
      calendarOnly('kim-day', 'Daily check-in', ics('hostile-impossible-day.ics')),
      calendarOnly('kim-fine', 'Video call', ics('zoom-call.ics')),
    ]);
    const account = {
      label: 'Kim',
      provider: 'other' as const,
      email: 'kim@example.net',
      username: 'kim',
      imap: { host: '127.0.0.1', port: proxy.port, security: 'plaintext' as const },
      smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' as const },
      providerFilesSent: false,
      sentFolder: null,
      draftsFolder: null,
      password: 'tide pool',
    };
    // One vault for both: the second start of the app knows the password.
    const vault = createMemoryVault();
    const broken = createServices({
      database: opened,
      vault,
      now: () => NOW,
      systemTimeZone: () => ZONE,
      untrustedParser: { script: join(dir, 'missing-worker.js') },
      connectionTimeout: 3000,
    });
    const { account: saved } = broken.accounts.save(account);
    expect(await broken.sync.syncAccount(saved.id)).toMatchObject({ ok: true, added: 2 });
    expect(broken.invitations.unreadable()).toEqual([]);
    expect(opened.invitationStore.listChecks(saved.id, 'INBOX')).toHaveLength(2);

    const working = createServices({
      database: opened,
      vault,
      now: () => NOW,
      systemTimeZone: () => ZONE,
      untrustedParser: { script: await untrustedParserScript() },
      connectionTimeout: 3000,
    });
    expect(await working.sync.syncAccount(saved.id)).toMatchObject({ ok: true, added: 0 });
    expect(working.invitations.unreadable().map((u) => u.label)).toEqual([
      '“Daily check-in” from Rhea Bolt <rhea.bolt@hostile.example>',
    ]);
    expect(working.invitations.list()).toHaveLength(1);
    expect(opened.invitationStore.listChecks(saved.id, 'INBOX')).toEqual([]);
    await working.parser.close();
  });
});
