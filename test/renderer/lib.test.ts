import { describe, expect, test } from 'vitest';
import { groupObligations, mostUrgent } from '../../src/renderer/src/lib/obligation-groups';
import { formatRelative } from '../../src/renderer/src/lib/format';
import { fromInstant, toInstant } from '../../src/renderer/src/lib/time';
import type { ObligationView } from '../../src/shared/contract';

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
    const groups = groupObligations(all, now, zone, { applicationId: null, search: '' });
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
    const groups = groupObligations(all, now, zone, { applicationId: null, search: 'kim acme' });
    expect(groups.flatMap((g) => g.items.map((o) => o.id))).toEqual(['skip']);
  });

  test('the next thing to do is the most overdue, thank-you notes first', () => {
    const tie = [
      obligation({ id: 'arranger', kind: 'arranger-thanks', state: 'overdue', dueAt: 5 }),
      obligation({ id: 'thanks', kind: 'thank-you', state: 'overdue', dueAt: 5 }),
      obligation({ id: 'soon', state: 'due', dueAt: 1 }),
    ];
    expect(mostUrgent(tie)?.id).toBe('thanks');
    expect(mostUrgent([obligation({ state: 'done' })])).toBeNull();
  });
});
