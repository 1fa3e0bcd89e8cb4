import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { buildIcs, IcsError, parseIcs, ianaZoneForTzid } from '../../../src/main/calendar/ics';

const FIXTURES = join(__dirname, '../../fixtures/ics');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
// Tuesday 24 November 2026, 10:00 in Berlin.
const NOW = Date.parse('2026-11-24T09:00:00Z');

function only(name: string, options: Parameters<typeof parseIcs>[1] = { now: NOW }) {
  const invites = parseIcs(read(name), options);
  expect(invites).toHaveLength(1);
  return invites[0]!;
}

/** An instant as the wall clock in a zone, the way a person reads the invitation. */
function local(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).toFormat('ccc d LLL yyyy HH:mm');
}

describe('reading real-world invitations', () => {
  it.each([
    {
      file: 'google-panel.ics',
      zone: 'Europe/Berlin',
      starts: 'Tue 1 Dec 2026 14:00',
      ends: 'Tue 1 Dec 2026 15:30',
      method: 'REQUEST',
      link: 'https://meet.google.com/xkt-uvmw-qpa',
      location: null,
    },
    {
      file: 'outlook-onsite.ics',
      zone: 'Europe/Berlin',
      starts: 'Thu 3 Dec 2026 10:00',
      ends: 'Thu 3 Dec 2026 12:30',
      method: 'REQUEST',
      link: null,
      location: 'Northwind Analytics, Friedrichstraße 68, 10117 Berlin, Room 4.12',
    },
    {
      file: 'teams-pacific.ics',
      zone: 'America/Los_Angeles',
      starts: 'Fri 4 Dec 2026 09:00',
      ends: 'Fri 4 Dec 2026 10:00',
      method: 'REQUEST',
      link: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_NjQ5ZTk0YTQtYzM4Ny00Y2Q1LTk3MGEtMjQ0YmE0ZDEyMzQ1%40thread.v2/0?context=%7b%22Tid%22%3a%2272f988bf%22%7d',
      location: 'Microsoft Teams Meeting',
    },
    {
      file: 'zoom-call.ics',
      zone: 'America/New_York',
      starts: 'Wed 2 Dec 2026 11:00',
      ends: 'Wed 2 Dec 2026 11:45',
      method: 'PUBLISH',
      link: 'https://us02web.zoom.us/j/85512345678?pwd=bGxqZ1hVNlFnRkR3dz09',
      location: 'https://us02web.zoom.us/j/85512345678?pwd=bGxqZ1hVNlFnRkR3dz09',
    },
  ])('$file: time in its own zone, place and meeting link', (row) => {
    const invite = only(row.file);
    expect(invite.timeZone).toBe(row.zone);
    expect(local(invite.startsAt, row.zone)).toBe(row.starts);
    expect(local(invite.endsAt, row.zone)).toBe(row.ends);
    expect(invite.method).toBe(row.method);
    expect(invite.meetingLink).toBe(row.link);
    expect(invite.location).toBe(row.location);
    expect(invite.allDay).toBe(false);
    expect(invite.cancelled).toBe(false);
  });

  it('the same moment for the user in Berlin whatever zone the sender wrote', () => {
    // 09:00 in Los Angeles in December is 18:00 in Berlin.
    expect(local(only('teams-pacific.ics').startsAt, 'Europe/Berlin')).toBe('Fri 4 Dec 2026 18:00');
    // 11:00 in New York is 17:00 in Berlin.
    expect(local(only('zoom-call.ics').startsAt, 'Europe/Berlin')).toBe('Wed 2 Dec 2026 17:00');
  });

  it('reads organiser and guests with names, roles and kinds from Google Calendar', () => {
    const invite = only('google-panel.ics');
    expect(invite.uid).toBe('5q1lvp3k2o8h4m1b7r0t9c6d2e@google.com');
    expect(invite.sequence).toBe(0);
    expect(invite.organizer).toEqual({
      name: 'Lena Vogel',
      email: 'lena.vogel.recruiting@acme-robotics.example',
    });
    expect(invite.attendees.map((a) => [a.email, a.name, a.kind, a.partstat])).toEqual([
      ['lena.vogel.recruiting@acme-robotics.example', 'Lena Vogel', 'individual', 'ACCEPTED'],
      // Google puts the address itself in CN when it knows no name.
      ['sam.carter@example.net', null, 'individual', 'NEEDS-ACTION'],
      ['ada.okafor@acme-robotics.example', 'Ada Okafor', 'individual', 'ACCEPTED'],
      ['mei.tanaka@acme-robotics.example', 'Mei Tanaka', 'individual', 'ACCEPTED'],
      ['jonas.weber@acme-robotics.example', null, 'individual', 'TENTATIVE'],
      [
        'c_188a2b3c4d5e6f@resource.calendar.google.com',
        'Berlin-3-Ada Lovelace (8)',
        'resource',
        'ACCEPTED',
      ],
    ]);
    expect(invite.description).toContain('Ada, Mei and Jonas will each take about 25 minutes.');
    expect(invite.summary).toBe('Panel interview: Sam Carter – Senior Data Engineer');
  });

  it('reads Outlook names with quotes, commas and umlauts, optional guests and rooms', () => {
    const invite = only('outlook-onsite.ics');
    expect(invite.organizer).toEqual({
      name: 'Becker, Tom',
      email: 'tom.becker@northwind-analytics.example',
    });
    expect(invite.attendees.map((a) => [a.name, a.role, a.kind])).toEqual([
      ['Sam Carter', 'REQ-PARTICIPANT', 'individual'],
      ['Müller, Jürgen', 'REQ-PARTICIPANT', 'individual'],
      ['Priya Raman', 'OPT-PARTICIPANT', 'individual'],
      ['BER-Room 4.12', 'NON-PARTICIPANT', 'resource'],
    ]);
  });

  it('maps Windows zone names to IANA zones and reads an unnamed Outlook zone from its VTIMEZONE', () => {
    expect(ianaZoneForTzid('W. Europe Standard Time')).toBe('Europe/Berlin');
    expect(ianaZoneForTzid('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(ianaZoneForTzid('/mozilla.org/20050126_1/Europe/Paris')).toBe('Europe/Paris');
    expect(ianaZoneForTzid('Europe/Berlin')).toBe('Europe/Berlin');
    expect(ianaZoneForTzid('Not A Zone')).toBeNull();

    const custom = only('outlook-custom-zone.ics');
    // "(UTC+01:00) Amsterdam, Berlin, …" maps to no IANA name: the file's own rules apply.
    expect(custom.timeZone).toBeNull();
    expect(local(custom.startsAt, 'Europe/Berlin')).toBe('Mon 7 Dec 2026 09:30');
    // MAILTO in capitals and a mixed-case address are read the same way.
    expect(custom.attendees[0]?.email).toBe('sam.carter@example.net');
  });

  it("reads an all-day event as whole days in the user's zone, with the Apple EMAIL parameter", () => {
    const invite = only('assessment-all-day.ics', { now: NOW, floatingZone: 'Europe/Berlin' });
    expect(invite.allDay).toBe(true);
    expect(invite.timeZone).toBeNull();
    expect(local(invite.startsAt, 'Europe/Berlin')).toBe('Thu 10 Dec 2026 00:00');
    expect(local(invite.endsAt, 'Europe/Berlin')).toBe('Fri 11 Dec 2026 00:00');
    expect(invite.organizer?.email).toBe('careers@globex.example');
    expect(invite.location).toBe('Globex Campus, Building B\nAm Wasserturm 3, Hamburg');
  });

  it('takes the next occurrence of a recurring hold that is not over yet', () => {
    const invite = only('recurring-hold.ics');
    expect(invite.recurrence).toEqual({ rule: 'FREQ=WEEKLY;COUNT=4;BYDAY=TU' });
    // The first one (17 Nov) is over; today's at 15:00 London is still ahead.
    expect(local(invite.startsAt, 'Europe/London')).toBe('Tue 24 Nov 2026 15:00');
    expect(invite.timeZone).toBe('Europe/London');
  });

  it('skips an excluded date and follows a moved occurrence of the hold', () => {
    // After 24 Nov: 1 Dec is excluded (EXDATE), 8 Dec was moved to Thu 10 Dec, 10:00.
    const later = only('recurring-hold.ics', { now: Date.parse('2026-11-25T12:00:00Z') });
    expect(local(later.startsAt, 'Europe/London')).toBe('Thu 10 Dec 2026 10:00');
    expect(local(later.endsAt, 'Europe/London')).toBe('Thu 10 Dec 2026 11:00');
    expect(later.sequence).toBe(1);
    // Without a moment to compare with, the first occurrence.
    const first = only('recurring-hold.ics', {});
    expect(local(first.startsAt, 'Europe/London')).toBe('Tue 17 Nov 2026 15:00');
  });

  it('reads an update as the same event with a higher SEQUENCE, and a cancellation as cancelled', () => {
    const original = only('google-panel.ics');
    const moved = only('google-panel-moved.ics');
    const cancelled = only('google-panel-cancelled.ics');
    expect(moved.uid).toBe(original.uid);
    expect(moved.sequence).toBe(1);
    expect(local(moved.startsAt, 'Europe/Berlin')).toBe('Wed 2 Dec 2026 10:00');
    expect(cancelled).toMatchObject({
      uid: original.uid,
      sequence: 2,
      method: 'CANCEL',
      cancelled: true,
      status: 'cancelled',
    });
  });
});

describe('broken calendar files', () => {
  it.each([
    ['malformed-no-event.ics', 'calendar file: no VEVENT found (the file holds no events)'],
    [
      'malformed-bad-line.ics',
      'line 8: "This line lost its property name" is not a calendar line (NAME:value expected)',
    ],
    [
      'malformed-truncated.ics',
      'calendar file: BEGIN:VEVENT on line 4 is never closed (is the file cut off?)',
    ],
    [
      'not-a-calendar.ics',
      'calendar file: this is not an iCalendar file (it should start with BEGIN:VCALENDAR)',
    ],
  ])('%s is refused with a message naming the problem', (file, message) => {
    expect(() => parseIcs(read(file))).toThrow(new IcsError(message));
  });

  it('names the line and the value of a date it cannot read', () => {
    expect(() => parseIcs(read('malformed-bad-date.ics'))).toThrow(
      /^line 7: the DTSTART value "2026-12-01 10:00" cannot be read/,
    );
  });

  it('refuses an empty file and an END that closes the wrong BEGIN', () => {
    expect(() => parseIcs('')).toThrow('calendar file: the file is empty');
    expect(() =>
      parseIcs('BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nEND:VALARM\nEND:VCALENDAR\n'),
    ).toThrow('line 4: END:VALARM does not close BEGIN:VEVENT from line 2');
  });
});

describe('impossible dates and rules', () => {
  const event = (lines: string) =>
    `BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:odd@example.com\n${lines}\nSUMMARY:Call\nEND:VEVENT\nEND:VCALENDAR\n`;

  it.each([
    [
      'DTSTART:20261301T100000Z',
      'line 5: the DTSTART value "20261301T100000Z" is not a real date (there is no month 13)',
    ],
    [
      'DTSTART:20261232T100000Z',
      'line 5: the DTSTART value "20261232T100000Z" is not a real date (month 12 of 2026 has no day 32)',
    ],
    [
      'DTSTART:20270229',
      'line 5: the DTSTART value "20270229" is not a real date (month 2 of 2027 has no day 29)',
    ],
    [
      'DTSTART:20261203T996100Z',
      'line 5: the DTSTART value "20261203T996100Z" is not a real date (there is no hour 99)',
    ],
    [
      'DTSTART:20261203T106100Z',
      'line 5: the DTSTART value "20261203T106100Z" is not a real date (there is no minute 61)',
    ],
    [
      'DTSTART:20261203T100000Z\nEXDATE:20261210T100000Z,20261310T100000Z',
      'line 6: the EXDATE value "20261310T100000Z" is not a real date (there is no month 13)',
    ],
    [
      'DTSTART:20261203T100000Z\nRRULE:FREQ=WEEKLY;UNTIL=20261340T000000Z',
      'line 6: the RRULE UNTIL value "20261340T000000Z" is not a real date (there is no month 13)',
    ],
    [
      'DTSTART:20261203T100000Z\nRRULE:FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31',
      'line 6: the RRULE "FREQ=YEARLY;BYMONTH=4,6;BYMONTHDAY=31" asks for day 31 of a month too short to have it',
    ],
    [
      'DTSTART:20261203T100000Z\nRRULE:FREQ=YEARLY;BYMONTH=1,2;BYMONTHDAY=31',
      'line 6: the RRULE "FREQ=YEARLY;BYMONTH=1,2;BYMONTHDAY=31" asks for day 31 of a month too short to have it',
    ],
    [
      'DTSTART:20261203T100000Z\nRRULE:FREQ=DAILY;INTERVAL=0',
      'line 6: the RRULE "FREQ=DAILY;INTERVAL=0" has INTERVAL below 1',
    ],
    [
      'DTSTART:20261203T100000Z\nRRULE:FREQ=DAILY;BYMONTH=13',
      'line 6: the RRULE "FREQ=DAILY;BYMONTH=13" names month 13',
    ],
  ])('%s is refused, not rolled over', (lines, message) => {
    expect(() => parseIcs(event(lines))).toThrow(new IcsError(message));
  });

  it('keeps a real leap day and a day that fits one of the months named', () => {
    expect(parseIcs(event('DTSTART:20280229T100000Z'))[0]?.startsAt).toBe(
      Date.parse('2028-02-29T10:00:00Z'),
    );
    const [invite] = parseIcs(
      event('DTSTART:20260131T100000Z\nRRULE:FREQ=DAILY;BYMONTH=1,2;BYMONTHDAY=31;COUNT=2'),
      { now: Date.parse('2026-06-01T00:00:00Z') },
    );
    expect(invite?.startsAt).toBe(Date.parse('2027-01-31T10:00:00Z'));
  });
});

describe('writing due dates as a calendar', () => {
  const text = buildIcs(
    [
      {
        uid: 'obligation-thank-you:app-1:int-1:ada@followthrough',
        summary: 'Thank-you note to Ada Okafor; Acme, Berlin',
        description: `A long line that has to be folded. ${'x'.repeat(120)}`,
        when: { date: '2026-11-25' },
        alarmMinutesBefore: -540,
      },
      {
        uid: 'obligation-respond-promptly:app-1::ada@followthrough',
        summary: 'Reply to Ada Okafor',
        description: '',
        when: {
          start: Date.parse('2026-11-25T16:30:00Z'),
          end: Date.parse('2026-11-25T17:00:00Z'),
        },
        alarmMinutesBefore: 60,
      },
    ],
    { stampedAt: NOW, calendarName: 'Followthrough', timeZone: 'Europe/Berlin' },
  );

  it('folds long lines, escapes text and uses CRLF', () => {
    const lines = text.split('\r\n');
    expect(lines.every((l) => Buffer.byteLength(l) <= 75)).toBe(true);
    expect(text).toContain('SUMMARY:Thank-you note to Ada Okafor\\; Acme\\, Berlin');
    expect(text.replace(/\r\n /g, '')).toContain('x'.repeat(120));
    expect(text.includes('\n') && !/[^\r]\n/.test(text)).toBe(true);
  });

  it('reads back with the same UIDs, days and times (what a calendar app would see)', () => {
    const back = parseIcs(text, { floatingZone: 'Europe/Berlin' });
    expect(back.map((e) => e.uid)).toEqual([
      'obligation-thank-you:app-1:int-1:ada@followthrough',
      'obligation-respond-promptly:app-1::ada@followthrough',
    ]);
    expect(back[0]).toMatchObject({
      allDay: true,
      summary: 'Thank-you note to Ada Okafor; Acme, Berlin',
    });
    expect(local(back[0]!.startsAt, 'Europe/Berlin')).toBe('Wed 25 Nov 2026 00:00');
    expect(back[1]).toMatchObject({ allDay: false, startsAt: Date.parse('2026-11-25T16:30:00Z') });
  });

  it('has reminders and a SEQUENCE that grows with each export', () => {
    const calendar = new ICAL.Component(ICAL.parse(text) as unknown[]);
    const events = calendar.getAllSubcomponents('vevent');
    const triggers = events.map((e) =>
      String(e.getFirstSubcomponent('valarm')?.getFirstPropertyValue('trigger')),
    );
    expect(triggers).toEqual(['PT9H', '-PT1H']);
    const later = buildIcs([], { stampedAt: NOW + 3_600_000, calendarName: 'x', timeZone: 'UTC' });
    const sequenceOf = (ics: string) => Number(/SEQUENCE:(\d+)/.exec(ics)?.[1]);
    const again = buildIcs(
      [{ uid: 'a', summary: 'a', description: '', when: { date: '2026-11-25' } }],
      { stampedAt: NOW + 3_600_000, calendarName: 'x', timeZone: 'UTC' },
    );
    expect(sequenceOf(again)).toBeGreaterThan(sequenceOf(text));
    expect(later).toContain('X-WR-TIMEZONE:UTC');
    expect(text).toContain('METHOD:PUBLISH');
  });
});
