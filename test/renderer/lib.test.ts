import { describe, expect, test } from 'vitest';
import {
  activeCounts,
  groupObligations,
  isSnoozed,
  matchingIds,
  searchIndex,
  isTooLate,
  mostUrgent,
} from '../../src/renderer/src/lib/pure/obligation-groups';
import { chipText, proofText, shortMoment } from '../../src/renderer/src/lib/pure/home-words';
import {
  countWords,
  parseRecipients,
  segmentText,
  sortFindings,
} from '../../src/renderer/src/lib/pure/note-text';
import { nextWeekMorning, tomorrowMorning } from '../../src/renderer/src/lib/pure/snooze';
import { formatRelative, formatTime } from '../../src/renderer/src/lib/pure/format';
import { fromInstant, toInstant } from '../../src/renderer/src/lib/pure/time';
import { errorFor, generalErrors } from '../../src/renderer/src/lib/pure/form-errors';
import { noteMenu } from '../../src/renderer/src/lib/pure/menu';
import type { ObligationView } from '../../src/shared/contract';
import type { NoteFinding } from '../../src/shared/model';

describe('local date and time to an instant', () => {
  test('uses the offset the zone has on that day', () => {
    expect(toInstant('2026-07-01', '09:00', 'Europe/Berlin')).toBe(
      Date.parse('2026-07-01T07:00:00Z'),
    );
    expect(toInstant('2026-12-01', '09:00', 'Europe/Berlin')).toBe(
      Date.parse('2026-12-01T08:00:00Z'),
    );
    expect(toInstant('2026-12-01', '09:00', 'America/New_York')).toBe(
      Date.parse('2026-12-01T14:00:00Z'),
    );
  });

  test('a time skipped by the spring change moves forward by the gap', () => {
    // Berlin jumps from 02:00 to 03:00 on 29 March 2026.
    expect(toInstant('2026-03-29', '02:30', 'Europe/Berlin')).toBe(
      Date.parse('2026-03-29T01:30:00Z'),
    );
  });

  test('round-trips through the wall clock of the zone', () => {
    const at = Date.parse('2026-10-25T00:30:00Z'); // 02:30 CEST, before the autumn change
    expect(fromInstant(at, 'Europe/Berlin')).toEqual({ date: '2026-10-25', time: '02:30' });
    expect(toInstant('2026-10-25', '02:30', 'Europe/Berlin')).toBe(at);
  });

  test('rejects what is not a date', () => {
    expect(toInstant('', '10:00', 'Europe/Berlin')).toBeNull();
    expect(toInstant('2026-02-30', '10:00', 'Europe/Berlin')).toBeNull();
  });
});

describe('relative times', () => {
  const now = Date.parse('2026-11-24T09:00:00Z'); // Tuesday 10:00 in Berlin
  test('count calendar days in the zone beyond a day', () => {
    expect(formatRelative(Date.parse('2026-11-25T22:59:00Z'), now, 'Europe/Berlin')).toBe(
      'tomorrow',
    );
    expect(formatRelative(Date.parse('2026-11-20T17:00:00Z'), now, 'Europe/Berlin')).toBe(
      '4 days ago',
    );
  });
  test('count hours within a day', () => {
    expect(formatRelative(Date.parse('2026-11-24T22:59:00Z'), now, 'Europe/Berlin')).toBe(
      'in 14 hours',
    );
  });
});

function obligation(over: Partial<ObligationView>): ObligationView {
  return {
    id: over.id ?? 'x',
    kind: 'thank-you',
    state: 'due',
    applicationId: 'a',
    interviewId: 'i',
    personId: 'p',
    openFrom: null,
    dueAt: null,
    rule: { id: 'r', text: 'rule' },
    reason: null,
    evidence: null,
    warnings: [],
    personName: 'Someone',
    company: 'Acme',
    roleTitle: 'Engineer',
    interviewKind: 'video',
    interviewStartsAt: null,
    snoozedUntil: null,
    ...over,
  };
}

describe('a row\'s "More" menu', () => {
  const all = { onWrite: () => {}, onMarkSent: () => {}, onSnooze: () => {}, onSkip: () => {} };
  const labels = (o: ObligationView, actions = {}) =>
    noteMenu(o, { ...all, onOpenApplication: () => {}, ...actions }).map(
      (i) => i.ariaLabel ?? i.label,
    );

  test('an open note can be marked, snoozed, skipped, and its application opened', () => {
    expect(labels(obligation({ personName: 'Ada Okafor' }))).toEqual([
      'Mark as sent…',
      'Snooze the thank-you note for Ada Okafor',
      'Skip the thank-you note for Ada Okafor',
      'Open the Acme application',
    ]);
  });

  test('a snoozed note offers its writing, not another snooze', () => {
    const snoozed = obligation({ personName: 'Ada Okafor', snoozedUntil: Date.now() + 1 });
    expect(labels(snoozed)).toEqual([
      'Write note: the thank-you note for Ada Okafor',
      'Mark as sent…',
      'Skip the thank-you note for Ada Okafor',
      'Open the Acme application',
    ]);
  });

  test('a missing address is not marked or skipped; a done note is only opened; what is not given is not offered', () => {
    const address = obligation({ kind: 'get-address', personName: 'Ada Okafor' });
    expect(labels(address)).toEqual([
      'Snooze the missing address of Ada Okafor',
      'Open the Acme application',
    ]);
    expect(labels(obligation({ state: 'done' }))).toEqual(['Open the Acme application']);
    expect(noteMenu(obligation({}), { onMarkSent: () => {} }).map((i) => i.label)).toEqual([
      'Mark as sent…',
    ]);
  });
});

describe('home groups', () => {
  const now = Date.parse('2026-11-24T09:00:00Z');
  const zone = 'Europe/Berlin';
  const all = [
    obligation({ id: 'late', state: 'overdue', dueAt: now - 1 }),
    obligation({ id: 'today', state: 'due', dueAt: Date.parse('2026-11-24T22:59:59Z') }),
    obligation({ id: 'tomorrow', state: 'due', dueAt: Date.parse('2026-11-25T22:59:59Z') }),
    obligation({ id: 'later', state: 'upcoming', openFrom: now + 1, dueAt: now + 2 }),
    obligation({ id: 'check', kind: 'check-in', state: 'upcoming', openFrom: now + 5 }),
    obligation({
      id: 'sent',
      state: 'done',
      evidence: { type: 'manual', contactId: 'c', at: now - 86_400_000, channel: 'letter' },
    }),
    obligation({
      id: 'old',
      state: 'done',
      evidence: { type: 'manual', contactId: 'd', at: now - 90 * 86_400_000, channel: 'letter' },
    }),
    obligation({ id: 'skip', state: 'skipped', personName: 'Kim' }),
  ];

  test('sorts each obligation into the group the user looks for', () => {
    const groups = groupObligations(all, now, zone);
    const ids = Object.fromEntries(groups.map((g) => [g.id, g.items.map((o) => o.id)]));
    expect(ids).toEqual({
      overdue: ['late'],
      today: ['today'],
      upcoming: ['later', 'tomorrow'],
      waiting: ['check'],
      done: ['sent'],
      skipped: ['skip'],
    });
  });

  test('search matches every word against person, company and role', () => {
    const found = matchingIds(searchIndex(all), { applicationId: null, search: 'kim acme' });
    expect([...(found ?? [])]).toEqual(['skip']);
  });

  test('the ids a filter keeps: every word, any case, within the application; none left out without one', () => {
    const index = searchIndex(all);
    expect(matchingIds(index, { applicationId: null, search: '  ' })).toBeNull();
    expect([...(matchingIds(index, { applicationId: null, search: 'KIM  Acme' }) ?? [])]).toEqual([
      'skip',
    ]);
    expect(matchingIds(index, { applicationId: 'elsewhere', search: '' })?.size).toBe(0);
    expect(matchingIds(index, { applicationId: 'a', search: 'kim' })).toEqual(new Set(['skip']));
    // The index is what is searched: worked out once per list, not per keystroke.
    const stale = index.map((e) => (e.id === 'late' ? { ...e, text: 'someone new' } : e));
    expect([...(matchingIds(stale, { applicationId: null, search: 'new' }) ?? [])]).toEqual([
      'late',
    ]);
  });

  test('overdue lists the most recently due first: what can still be saved', () => {
    const late = [
      obligation({ id: 'weeks', state: 'overdue', dueAt: now - 20 * 86_400_000 }),
      obligation({ id: 'hours', state: 'overdue', dueAt: now - 3_600_000 }),
      obligation({ id: 'days', state: 'overdue', dueAt: now - 3 * 86_400_000 }),
    ];
    const [overdue] = groupObligations(late, now, zone);
    expect(overdue?.items.map((o) => o.id)).toEqual(['hours', 'days', 'weeks']);
  });

  test('a thank-you note more than a week overdue is too late; a check-in never is', () => {
    const thanks = (days: number) =>
      obligation({ kind: 'thank-you', state: 'overdue', dueAt: now - days * 86_400_000 });
    expect(isTooLate(thanks(8), now)).toBe(true);
    expect(isTooLate(thanks(6), now)).toBe(false);
    expect(
      isTooLate(
        obligation({ kind: 'check-in', state: 'overdue', dueAt: now - 30 * 86_400_000 }),
        now,
      ),
    ).toBe(false);
  });

  test('chips use the group words; a done row names where its proof came from', () => {
    const [late, today] = all;
    expect(chipText(late!, 'overdue', now, zone)).toBe('Overdue · just now');
    // Times in the user's locale (23:59 or 11:59 PM).
    expect(chipText(today!, 'today', now, zone)).toBe(`Today · ${formatTime(today!.dueAt!, zone)}`);
    const at = Date.parse('2026-11-23T17:10:00Z');
    const monday = `Mon ${formatTime(at, zone)}`;
    expect(shortMoment(at, now, zone)).toBe(monday);
    expect(
      proofText(
        obligation({
          state: 'done',
          evidence: { type: 'message', messageId: 'm', at, subject: 'Thanks', to: ['a@x.example'] },
        }),
        now,
        zone,
      ),
    ).toBe(`Found in Sent, ${monday}`);
    expect(
      proofText(
        obligation({
          state: 'done',
          evidence: {
            type: 'manual',
            contactId: 'c',
            at: now - 30 * 86_400_000,
            channel: 'letter',
          },
        }),
        now,
        zone,
      ),
    ).toMatch(/^Marked by hand: sent by letter, Sun (25 Oct|Oct 25)$/);
  });

  test('the next thing to do is the most overdue, thank-you notes first', () => {
    const tie = [
      obligation({ id: 'arranger', kind: 'arranger-thanks', state: 'overdue', dueAt: 5 }),
      obligation({ id: 'thanks', kind: 'thank-you', state: 'overdue', dueAt: 5 }),
      obligation({ id: 'soon', state: 'due', dueAt: 1 }),
    ];
    expect(mostUrgent(tie)?.id).toBe('thanks');
    // The same moment and kind: the one whose row comes first, by name, whatever the ids.
    const panel = [
      obligation({
        id: 'a',
        kind: 'thank-you',
        state: 'overdue',
        dueAt: 5,
        personName: 'Sami Haddad',
      }),
      obligation({
        id: 'b',
        kind: 'thank-you',
        state: 'overdue',
        dueAt: 5,
        personName: 'Nora Lindqvist',
      }),
    ];
    expect(mostUrgent(panel)?.personName).toBe('Nora Lindqvist');
    expect(mostUrgent([...panel].reverse())?.personName).toBe('Nora Lindqvist');
    expect(mostUrgent([obligation({ state: 'done' })])).toBeNull();
  });
});

describe('note text', () => {
  const finding = (over: Partial<NoteFinding>): NoteFinding => ({
    id: 'placeholder',
    severity: 'error',
    message: '',
    field: 'body',
    range: null,
    ...over,
  });

  test('recipients are split into valid and invalid addresses', () => {
    expect(parseRecipients('ada@northwind.example, <lars@x.org>; bad@ ')).toEqual({
      valid: ['ada@northwind.example', 'lars@x.org'],
      invalid: ['bad@'],
    });
    expect(parseRecipients('  ')).toEqual({ valid: [], invalid: [] });
  });

  test('the text is cut at every range, the worst finding winning where they overlap', () => {
    const text = 'Dear Ada, thanks [[x]] :)';
    const segments = segmentText(
      text,
      [
        finding({ range: { start: 17, end: 22 }, id: 'placeholder' }),
        finding({ range: { start: 10, end: 22 }, severity: 'info', id: 'thanks-missing' }),
        finding({ range: { start: 23, end: 99 }, severity: 'warning', id: 'emoji' }),
        finding({ field: 'subject', range: { start: 0, end: 4 } }),
        finding({ range: null, id: 'too-long' }),
      ],
      'body',
    );
    expect(segments.map((s) => [s.text, s.severity])).toEqual([
      ['Dear Ada, ', null],
      ['thanks ', 'info'],
      ['[[x]]', 'error'],
      [' ', null],
      [':)', 'warning'],
    ]);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments[2]?.findingIds).toEqual(['placeholder', 'thanks-missing']);
  });

  test('findings are listed errors first, then by field and place', () => {
    const sorted = sortFindings([
      finding({ severity: 'info', id: 'a' }),
      finding({ severity: 'error', range: { start: 9, end: 10 }, id: 'b' }),
      finding({ severity: 'error', field: 'subject', id: 'c' }),
      finding({ severity: 'error', range: { start: 2, end: 3 }, id: 'd' }),
    ]);
    expect(sorted.map((f) => f.id)).toEqual(['c', 'd', 'b', 'a']);
  });

  test('words are counted the way a reader counts them', () => {
    expect(countWords('Dear Ada,\n\nThank you — truly!\n+1 555')).toBe(7);
  });
});

describe('snooze moments', () => {
  const zone = 'Europe/Berlin';
  test('tomorrow morning is 08:00 on the next day in the user’s zone', () => {
    // Tuesday 24 November 2026, 23:30 in Berlin.
    const now = Date.parse('2026-11-24T22:30:00Z');
    expect(new Date(tomorrowMorning(now, zone)).toISOString()).toBe('2026-11-25T07:00:00.000Z');
  });

  test('next week is the coming Monday at 08:00, a week on from a Monday', () => {
    const tuesday = Date.parse('2026-11-24T09:00:00Z');
    expect(new Date(nextWeekMorning(tuesday, zone)).toISOString()).toBe('2026-11-30T07:00:00.000Z');
    const monday = Date.parse('2026-11-30T09:00:00Z');
    expect(new Date(nextWeekMorning(monday, zone)).toISOString()).toBe('2026-12-07T07:00:00.000Z');
  });

  test('snoozed items stay out of the counts; the awake one is the most urgent', () => {
    const now = Date.parse('2026-11-24T09:00:00Z');
    const quiet = obligation({ id: 'q', state: 'overdue', dueAt: 1, snoozedUntil: now + 1 });
    const loud = obligation({ id: 'l', state: 'due', dueAt: now + 5 });
    const done = obligation({ id: 'd', state: 'done', snoozedUntil: now + 1 });
    expect(activeCounts([quiet, loud, done])).toEqual({
      upcoming: 0,
      due: 1,
      overdue: 0,
      done: 1,
      skipped: 0,
    });
    expect(isSnoozed(quiet)).toBe(true);
    expect(isSnoozed(done)).toBe(false);
    expect(mostUrgent([quiet, loud])?.id).toBe('l');
  });
});

describe('form errors', () => {
  const errors = {
    'companyDomains[1]': 'Not a mail domain',
    'interview.startsAt': 'Pick a start time',
    '': 'The application no longer exists.',
  };

  test('an error about one entry of a field is shown at that field', () => {
    expect(errorFor(errors, 'companyDomains')).toBe('Not a mail domain');
    expect(errorFor(errors, 'interview')).toBe('Pick a start time');
    expect(errorFor(errors, 'company')).toBeUndefined();
  });

  test('errors no field shows are kept for the banner under the form', () => {
    expect(generalErrors(errors, ['companyDomains', 'interview.startsAt'])).toEqual([
      'The application no longer exists.',
    ]);
    expect(generalErrors(errors, ['company'])).toEqual([
      'Not a mail domain',
      'Pick a start time',
      'The application no longer exists.',
    ]);
  });
});
