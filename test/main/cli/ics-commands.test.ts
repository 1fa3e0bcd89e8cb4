import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/store/database';
import { runCliOn } from '../../support/cli';

// Tuesday 24 November 2026, 10:00 in Berlin.
const NOW = Date.parse('2026-11-24T09:00:00Z');
const FIXTURES = join(__dirname, '../../fixtures/ics');

let dir: string;
let db: string;

const cli = (...args: string[]) => runCliOn(db, args, { now: NOW });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-ics-cli-'));
  db = join(dir, 'workspace.sqlite');
  // The user's own address, so the user is never taken for an interviewer.
  const empty = JSON.parse((await cli('export')).stdout) as { profile: object };
  const start = join(dir, 'start.json');
  writeFileSync(
    start,
    JSON.stringify({
      ...empty,
      profile: { fullName: 'Sam Carter', phone: '', email: 'sam.carter@example.net' },
    }),
  );
  expect((await cli('import', start)).code).toBe(0);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function idIn(text: string): string {
  const id = /followthrough invitations accept (\S+)/.exec(text)?.[1];
  expect(id).toBeDefined();
  return id!;
}

describe('followthrough import-ics and invitations', () => {
  it('prints the proposal with its people and the commands to decide, and adds no interview', async () => {
    const { code, stdout } = await cli('import-ics', join(FIXTURES, 'teams-pacific.ics'));
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^New: Video interview with Contoso Cloud on Fri 4 Dec, 09:00 \(America\/Los_Angeles\), 2 interviewers: Diego Alvarez, Grace Kim$/m,
    );
    expect(stdout).toContain('accepting with --new adds Contoso Cloud, Platform Engineer');
    expect(stdout).toContain('- Talent Acquisition <talent@contoso-cloud.example>: arranged it');
    expect(stdout).toMatch(/followthrough invitations dismiss \S+/);
    const exported = JSON.parse((await cli('export')).stdout) as { interviews: unknown[] };
    expect(exported.interviews).toEqual([]);
  });

  it('accepts into a new application, after which the interview is tracked with its interviewers', async () => {
    const imported = await cli('import-ics', join(FIXTURES, 'teams-pacific.ics'));
    const id = idIn(imported.stdout);
    const accepted = await cli('invitations', 'accept', id, '--new');
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^Accepted: interview \S+ is tracked\.$/m);

    const status = JSON.parse(
      (await cli('status', '--json', '--at', '2026-12-05T09:00')).stdout,
    ) as { obligations: Array<{ kind: string; person: string; company: string }> };
    expect(
      status.obligations
        .filter((o) => o.kind === 'thank-you')
        .map((o) => `${o.person}, ${o.company}`)
        .sort(),
    ).toEqual(['Diego Alvarez, Contoso Cloud', 'Grace Kim, Contoso Cloud']);
    expect((await cli('invitations')).stdout).toMatch(/No invitations waiting/);

    const again = await cli('import-ics', join(FIXTURES, 'teams-pacific.ics'));
    expect(again.stdout).toMatch(
      /^Nothing to do: Already up to date: video interview with Contoso Cloud/,
    );
  });

  it('dismisses, and explains a file that is not a calendar in one line', async () => {
    const imported = await cli('import-ics', join(FIXTURES, 'zoom-call.ics'));
    const dismissed = await cli('invitations', 'dismiss', idIn(imported.stdout));
    expect(dismissed).toMatchObject({ code: 0, stdout: 'Dismissed. Nothing was added.\n' });

    const broken = await cli('import-ics', join(FIXTURES, 'not-a-calendar.ics'));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toBe(
      'followthrough: not-a-calendar.ics: calendar file: this is not an iCalendar file (it should start with BEGIN:VCALENDAR)\n',
    );
    const missing = await cli('import-ics');
    expect(missing.code).toBe(2);
  });

  it.each([
    [
      'hostile-impossible-day.ics',
      'line 10: the RRULE "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30" asks for day 30 of a month too short to have it',
    ],
    [
      'hostile-secondly-zone.ics',
      'line 11: the RRULE "FREQ=SECONDLY" makes a time zone change more often than once a day',
    ],
    ['hostile-daily-zone.ics', 'it took too long to read, so reading it was stopped'],
    [
      'invalid-month.ics',
      'line 7: the DTSTART value "20261301T100000Z" is not a real date (there is no month 13)',
    ],
  ])('ends a hostile file (%s) with one line, and keeps nothing of it', async (file, reason) => {
    const hostile = await cli('import-ics', join(FIXTURES, file));
    expect(hostile).toMatchObject({
      code: 1,
      stdout: '',
      stderr: `followthrough: ${file}: ${reason}\n`,
    });
    expect((await cli('invitations')).stdout).toMatch(/^No invitations waiting/);
  });

  it('lists an inbox invitation that could not be read, with what to do, until dismissed', async () => {
    const opened = await openDatabase(db);
    opened.invitationStore.recordUnreadable({
      id: 'notice-1',
      messageId: 'imap:acc:INBOX:<daily@hostile.example>',
      label: '“Daily check-in” from rhea.bolt@hostile.example',
      reason: 'it took too long to read, so reading it was stopped',
      receivedAt: NOW,
    });
    opened.store.close();
    const listed = await cli('invitations');
    expect(listed.stdout).toContain(
      'This invitation could not be read: it took too long to read, so reading it was stopped\n' +
        '  “Daily check-in” from rhea.bolt@hostile.example. Ask the sender for a new invitation, or add the interview by hand.\n' +
        '  dismiss: followthrough invitations dismiss notice-1\n',
    );
    expect(await cli('invitations', 'dismiss', 'notice-1')).toMatchObject({
      code: 0,
      stdout: 'Dismissed.\n',
    });
    expect((await cli('invitations')).stdout).not.toContain('could not be read');
  });

  it('reads a recurring event with extra dates given as periods', async () => {
    const { code, stdout, stderr } = await cli(
      'import-ics',
      join(FIXTURES, 'recurring-period-dates.ics'),
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^New: .*Vandelay.* on Thu 10 Dec, 10:00/m);
  });
});

describe('followthrough export-ics', () => {
  it('writes due notes and check-ins to a file a calendar can import', async () => {
    await cli('sample');
    const out = join(dir, 'due.ics');
    const { code, stderr } = await cli('export-ics', '--out', out);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^Wrote \d+ events to /);
    const text = readFileSync(out, 'utf8');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('SUMMARY:Thank-you note to Ada Okafor (Northwind Analytics): due today');
    expect(text).toMatch(/UID:obligation-thank-you:/);
  });
});
