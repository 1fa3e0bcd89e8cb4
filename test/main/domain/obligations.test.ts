import { describe, expect, it } from 'vitest';
import type { KnownMessage, Settings } from '../../../src/shared/model';
import { computeObligations } from '../../../src/main/domain/obligations';
import type { Scenario } from './factory';
import {
  application,
  at,
  interview,
  iso,
  manual,
  participant,
  person,
  pick,
  received,
  rulesInput,
  run,
  sent,
  warningCodes,
} from './factory';

const ANN = 'thank-you:app1:iv1:ann';
const ANN_CHECK_IN = 'check-in:app1:iv1:ann';

describe('thank-you note: when it is due', () => {
  it.each<{
    name: string;
    start: string;
    end: string;
    zone?: string;
    userZone?: string;
    settings?: Partial<Settings>;
    openFrom: string;
    dueAt: string;
  }>([
    {
      name: 'next business day after a Tuesday interview (default)',
      start: '2025-03-04T10:00',
      end: '2025-03-04T11:00',
      openFrom: '2025-03-04T11:00:00.000+01:00',
      dueAt: '2025-03-05T23:59:59.999+01:00',
    },
    {
      name: 'a Friday interview skips the weekend',
      start: '2025-03-07T14:00',
      end: '2025-03-07T15:00',
      openFrom: '2025-03-07T15:00:00.000+01:00',
      dueAt: '2025-03-10T23:59:59.999+01:00',
    },
    {
      name: 'an interview ending at 23:30',
      start: '2025-03-05T23:00',
      end: '2025-03-05T23:30',
      openFrom: '2025-03-05T23:30:00.000+01:00',
      dueAt: '2025-03-06T23:59:59.999+01:00',
    },
    {
      name: 'an interview running past midnight counts from the day it ended',
      start: '2025-03-05T23:30',
      end: '2025-03-06T00:30',
      openFrom: '2025-03-06T00:30:00.000+01:00',
      dueAt: '2025-03-07T23:59:59.999+01:00',
    },
    {
      name: 'before a holiday weekend (Good Friday, Easter Monday)',
      start: '2025-04-17T10:00',
      end: '2025-04-17T11:00',
      settings: { holidays: ['2025-04-18', '2025-04-21'] },
      openFrom: '2025-04-17T11:00:00.000+02:00',
      dueAt: '2025-04-22T23:59:59.999+02:00',
    },
    {
      name: 'New York interview ending on Thursday evening is Friday for a Berlin user',
      start: '2025-03-06T17:30',
      end: '2025-03-06T18:30',
      zone: 'America/New_York',
      openFrom: '2025-03-07T00:30:00.000+01:00',
      dueAt: '2025-03-10T23:59:59.999+01:00',
    },
    {
      name: 'the same interview for a New York user is due on Friday',
      start: '2025-03-06T17:30',
      end: '2025-03-06T18:30',
      zone: 'America/New_York',
      userZone: 'America/New_York',
      openFrom: '2025-03-06T18:30:00.000-05:00',
      dueAt: '2025-03-07T23:59:59.999-05:00',
    },
    {
      name: 'due on the Monday after the spring DST change',
      start: '2025-03-28T10:00',
      end: '2025-03-28T11:00',
      openFrom: '2025-03-28T11:00:00.000+01:00',
      dueAt: '2025-03-31T23:59:59.999+02:00',
    },
    {
      name: 'due on the Monday after the autumn DST change',
      start: '2025-10-24T10:00',
      end: '2025-10-24T11:00',
      openFrom: '2025-10-24T11:00:00.000+02:00',
      dueAt: '2025-10-27T23:59:59.999+01:00',
    },
    {
      name: 'same-day window',
      start: '2025-03-04T10:00',
      end: '2025-03-04T11:00',
      settings: { thankYouWindow: 'same-day' },
      openFrom: '2025-03-04T11:00:00.000+01:00',
      dueAt: '2025-03-04T23:59:59.999+01:00',
    },
    {
      name: 'same-day window on the 23-hour spring DST Sunday',
      start: '2025-03-30T10:00',
      end: '2025-03-30T11:00',
      settings: { thankYouWindow: 'same-day' },
      openFrom: '2025-03-30T11:00:00.000+02:00',
      dueAt: '2025-03-30T23:59:59.999+02:00',
    },
    {
      name: '24h window',
      start: '2025-03-04T10:00',
      end: '2025-03-04T11:00',
      settings: { thankYouWindow: '24h' },
      openFrom: '2025-03-04T11:00:00.000+01:00',
      dueAt: '2025-03-05T11:00:00.000+01:00',
    },
    {
      name: '24h window is 24 real hours across the spring change',
      start: '2025-03-29T11:00',
      end: '2025-03-29T12:00',
      settings: { thankYouWindow: '24h' },
      openFrom: '2025-03-29T12:00:00.000+01:00',
      dueAt: '2025-03-30T13:00:00.000+02:00',
    },
    {
      name: '48h window',
      start: '2025-03-04T10:00',
      end: '2025-03-04T11:00',
      settings: { thankYouWindow: '48h' },
      openFrom: '2025-03-04T11:00:00.000+01:00',
      dueAt: '2025-03-06T11:00:00.000+01:00',
    },
    {
      name: '48h window is 48 real hours across the autumn change',
      start: '2025-10-24T11:00',
      end: '2025-10-24T12:00',
      settings: { thankYouWindow: '48h' },
      openFrom: '2025-10-24T12:00:00.000+02:00',
      dueAt: '2025-10-26T11:00:00.000+01:00',
    },
    {
      name: 'a "not before" delay moves the start but not the deadline',
      start: '2025-03-04T10:00',
      end: '2025-03-04T11:00',
      settings: { notBeforeHours: 3 },
      openFrom: '2025-03-04T14:00:00.000+01:00',
      dueAt: '2025-03-05T23:59:59.999+01:00',
    },
    {
      name: 'a delay ending after a same-day window measures the window from the delay',
      start: '2025-03-04T21:00',
      end: '2025-03-04T22:00',
      settings: { thankYouWindow: 'same-day', notBeforeHours: 4 },
      openFrom: '2025-03-05T02:00:00.000+01:00',
      dueAt: '2025-03-05T23:59:59.999+01:00',
    },
  ])('$name', ({ start, end, zone, userZone, settings, openFrom, dueAt }) => {
    const note = pick(
      run({
        interviews: [interview({ start, end, ...(zone ? { timeZone: zone } : {}) })],
        settings,
        userTimeZone: userZone,
      }),
      ANN,
    );
    expect(iso(note.openFrom, userZone)).toBe(openFrom);
    expect(iso(note.dueAt, userZone)).toBe(dueAt);
    expect(note.rule.id).toBe(`thank-you.${settings?.thankYouWindow ?? 'next-business-day'}`);
    expect(note.rule.text).toMatch(/thank-you note/);
  });

  it('words the rule after the chosen window', () => {
    expect(pick(run(), ANN).rule.text).toMatch(/end of the first working day after/);
    expect(pick(run({ settings: { thankYouWindow: '48h' } }), ANN).rule.text).toMatch(/48 hours/);
    expect(pick(run({ settings: { notBeforeHours: 2 } }), ANN).rule.text).toMatch(/2 hours/);
  });
});

describe('thank-you note: state over time', () => {
  it.each<[string, string, string, Partial<Settings>]>([
    ['2025-03-04T10:30', 'upcoming', 'during the interview', {}],
    ['2025-03-04T11:00', 'due', 'the moment it ends', {}],
    ['2025-03-05T23:59:59.999', 'due', 'the last millisecond of the window', {}],
    ['2025-03-06T00:00', 'overdue', 'the next morning', {}],
    ['2025-03-04T12:00', 'upcoming', 'inside a 2-hour "not before" delay', { notBeforeHours: 2 }],
    ['2025-03-04T13:00', 'due', 'once a 2-hour delay is over', { notBeforeHours: 2 }],
  ])('at %s it is %s (%s)', (now, state, _name, settings) => {
    expect(pick(run({ now, settings }), ANN).state).toBe(state);
  });
});

describe('thank-you note: what marks it done', () => {
  const late = '2025-03-20T12:00';

  it.each<[string, KnownMessage]>([
    ['a message to them', sent('m1', ['ann@acme.com'], '2025-03-04T15:00')],
    [
      'a copy (cc)',
      sent('m1', ['hr@acme.com'], '2025-03-04T15:00', {
        cc: [{ name: null, address: 'ann@acme.com' }],
      }),
    ],
    [
      'a blind copy (bcc)',
      sent('m1', [], '2025-03-04T15:00', { bcc: [{ name: 'Ann', address: 'ANN@Acme.com' }] }),
    ],
    ['an address spelled differently', sent('m1', [' Ann@ACME.com '], '2025-03-04T15:00')],
    ['a message sent during the interview', sent('m1', ['ann@acme.com'], '2025-03-04T10:45')],
    ['a late message', sent('m1', ['ann@acme.com'], '2025-03-10T09:00')],
  ])('%s', (_name, message) => {
    const note = pick(run({ messages: [message], now: late }), ANN);
    expect(note.state).toBe('done');
    expect(note.evidence).toMatchObject({ type: 'message', messageId: 'm1', at: message.date });
    expect(note.reason).toContain('Thank you - m1');
  });

  it.each<[string, KnownMessage]>([
    ['a message before the interview', sent('m1', ['ann@acme.com'], '2025-03-03T09:00')],
    ['a message to someone else', sent('m1', ['bob@acme.com'], '2025-03-04T15:00')],
    ['a message they sent to the user', received('m1', 'ann@acme.com', '2025-03-04T15:00')],
  ])('not by %s', (_name, message) => {
    const note = pick(run({ messages: [message], now: late }), ANN);
    expect(note.state).toBe('overdue');
    expect(note.evidence).toBeNull();
  });

  it('by a contact marked by hand (a letter) for any interview of the application', () => {
    const note = pick(
      run({ manualContacts: [manual('c1', 'ann', '2025-03-04T16:00')], now: late }),
      ANN,
    );
    expect(note.state).toBe('done');
    expect(note.evidence).toEqual({
      type: 'manual',
      contactId: 'c1',
      at: at('2025-03-04T16:00'),
      channel: 'letter',
    });
    expect(note.reason).toContain('by letter');
  });

  it('not by a contact marked for another interview', () => {
    const note = pick(
      run({
        interviews: [
          interview(),
          interview({ id: 'iv2', start: '2025-03-11T10:00', end: '2025-03-11T11:00' }),
        ],
        participants: [participant('ann'), participant('ann', 'iv2')],
        manualContacts: [manual('c1', 'ann', '2025-03-04T16:00', { interviewId: 'iv2' })],
        now: late,
      }),
      ANN,
    );
    expect(note.state).toBe('overdue');
  });

  it('not by a contact marked before the interview took place', () => {
    const note = pick(
      run({ manualContacts: [manual('c1', 'ann', '2025-03-01T16:00')], now: late }),
      ANN,
    );
    expect(note.state).toBe('overdue');
  });

  it('counts the same message seen twice (two folders) once', () => {
    const copy = sent('m1', ['ann@acme.com'], '2025-03-04T15:00');
    const obligations = run({ messages: [copy, { ...copy, id: 'm1-copy' }], now: late });
    expect(pick(obligations, ANN).evidence).toMatchObject({ messageId: 'm1' });
  });
});

describe('panels: one note per interviewer', () => {
  const panel: Scenario = {
    people: [person('ann'), person('bob'), person('cat'), person('rita')],
    participants: [
      participant('ann'),
      participant('bob'),
      participant('cat'),
      participant('rita', 'iv1', 'arranger'),
    ],
    now: '2025-03-05T12:00',
  };
  const ids = ['ann', 'bob', 'cat'].map((p) => `thank-you:app1:iv1:${p}`);

  it('makes one note per interviewer, all due', () => {
    const obligations = run(panel);
    expect(ids.map((id) => pick(obligations, id).state)).toEqual(['due', 'due', 'due']);
  });

  it('one message to all three marks each done and flags it as a group note', () => {
    const obligations = run({
      ...panel,
      messages: [
        sent('m1', ['ann@acme.com', 'bob@acme.com'], '2025-03-04T15:00', {
          cc: [{ name: null, address: 'cat@acme.com' }],
        }),
      ],
    });
    for (const id of ids) {
      const note = pick(obligations, id);
      expect(note.state).toBe('done');
      expect(warningCodes(note)).toEqual(['group-note']);
      expect(note.warnings[0]?.messageIds).toEqual(['m1']);
      expect(note.warnings[0]?.message).toMatch(/3 interviewers/);
    }
  });

  it('separate personal notes carry no warning', () => {
    const obligations = run({
      ...panel,
      messages: ['ann', 'bob', 'cat'].map((p) =>
        sent(`m-${p}`, [`${p}@acme.com`], '2025-03-04T15:00'),
      ),
    });
    for (const id of ids) {
      expect(pick(obligations, id).state).toBe('done');
      expect(pick(obligations, id).warnings).toEqual([]);
    }
  });

  it('a note to one interviewer leaves the others owed', () => {
    const obligations = run({
      ...panel,
      messages: [sent('m1', ['ann@acme.com', 'rita@acme.com'], '2025-03-04T15:00')],
    });
    expect(ids.map((id) => pick(obligations, id).state)).toEqual(['done', 'due', 'due']);
    expect(pick(obligations, ids[0]!).warnings).toEqual([]);
  });
});

describe('thanking the person who arranged the interview', () => {
  const withArranger: Scenario = {
    people: [person('ann'), person('rita')],
    participants: [participant('ann'), participant('rita', 'iv1', 'arranger')],
  };
  const RITA = 'arranger-thanks:app1:iv1:rita';

  it('is owed on the same schedule when the setting is on (default)', () => {
    const thanks = pick(run(withArranger), RITA);
    expect(thanks.state).toBe('due');
    expect(iso(thanks.dueAt)).toBe('2025-03-05T23:59:59.999+01:00');
    expect(thanks.rule.id).toBe('arranger-thanks.next-business-day');
  });

  it('is skipped when the setting is off', () => {
    const thanks = pick(run({ ...withArranger, settings: { thankArranger: false } }), RITA);
    expect(thanks.state).toBe('skipped');
    expect(thanks.reason).toMatch(/turned off in your settings/);
  });

  it('still shows as done when sent with the setting off', () => {
    const thanks = pick(
      run({
        ...withArranger,
        settings: { thankArranger: false },
        messages: [sent('m1', ['rita@acme.com'], '2025-03-04T15:00')],
      }),
      RITA,
    );
    expect(thanks.state).toBe('done');
  });
});

describe('getting a missing address', () => {
  const GET = 'get-address:app1:iv1:ann';

  it('is an alert of its own, due with the note, suggesting the coordinator', () => {
    const obligations = run({ people: [person('ann', { emails: [] })] });
    const alert = pick(obligations, GET);
    expect(alert.state).toBe('due');
    expect(iso(alert.openFrom)).toBe('2025-03-04T11:00:00.000+01:00');
    expect(iso(alert.dueAt)).toBe(iso(pick(obligations, ANN).dueAt));
    expect(alert.rule.text).toMatch(/coordinator/);
    expect(alert.rule.text).toMatch(/pass it on/);
    expect(pick(obligations, ANN).state).toBe('due');
  });

  it('opens at the end of the interview even with a "not before" delay', () => {
    const obligations = run({
      people: [person('ann', { emails: [] })],
      settings: { notBeforeHours: 4 },
    });
    expect(pick(obligations, GET).state).toBe('due');
    expect(pick(obligations, ANN).state).toBe('upcoming');
  });

  it.each<[string, Scenario]>([
    ['the person has an address', {}],
    [
      'an unusable address counts as none, but a real one clears it',
      { people: [person('ann', { emails: ['junk', 'ann@acme.com'] })] },
    ],
    [
      'the note was marked as sent by letter',
      {
        people: [person('ann', { emails: [] })],
        manualContacts: [manual('c1', 'ann', '2025-03-04T11:30')],
      },
    ],
    [
      'the person needs no follow-up',
      { people: [person('ann', { emails: [], notApplicable: true })] },
    ],
    [
      'the person asked not to be contacted',
      { people: [person('ann', { emails: [], doNotContact: true })] },
    ],
  ])('is not made when %s', (_name, scenario) => {
    expect(run(scenario).some((o) => o.kind === 'get-address')).toBe(false);
  });

  it('follows the arranger setting', () => {
    const scenario: Scenario = {
      people: [person('ann'), person('rita', { emails: [] })],
      participants: [participant('ann'), participant('rita', 'iv1', 'arranger')],
    };
    expect(run(scenario).map((o) => o.id)).toContain('get-address:app1:iv1:rita');
    expect(run({ ...scenario, settings: { thankArranger: false } }).map((o) => o.id)).not.toContain(
      'get-address:app1:iv1:rita',
    );
  });
});

describe('people and applications that need no note', () => {
  it('someone who asked not to be contacted is skipped, and a message to them is flagged', () => {
    const message = sent('m1', ['ann@acme.com'], '2025-03-04T15:00');
    const note = pick(
      run({
        people: [person('ann', { doNotContact: true })],
        messages: [message],
        now: '2025-03-20T12:00',
      }),
      ANN,
    );
    expect(note.state).toBe('skipped');
    expect(note.reason).toBe('They asked not to be contacted.');
    expect(note.warnings).toEqual([
      expect.objectContaining({ code: 'do-not-contact', messageIds: ['m1'] }),
    ]);
  });

  it('someone who asked not to be contacted gets no check-in', () => {
    const obligations = run({
      people: [person('ann', { doNotContact: true })],
      messages: [sent('m1', ['ann@acme.com'], '2025-03-04T15:00')],
      now: '2025-03-20T12:00',
    });
    expect(obligations.some((o) => o.kind === 'check-in')).toBe(false);
  });

  it('someone marked as needing no follow-up is skipped unless already thanked', () => {
    const scenario: Scenario = { people: [person('ann', { notApplicable: true })] };
    expect(pick(run(scenario), ANN)).toMatchObject({
      state: 'skipped',
      reason: 'You marked this person as needing no follow-up.',
    });
    expect(
      pick(run({ ...scenario, messages: [sent('m1', ['ann@acme.com'], '2025-03-04T15:00')] }), ANN)
        .state,
    ).toBe('done');
  });

  it('a withdrawn application skips open notes but keeps done ones', () => {
    const scenario: Scenario = {
      applications: [application({ status: 'withdrawn' })],
      people: [person('ann'), person('bob')],
      participants: [participant('ann'), participant('bob')],
      messages: [sent('m1', ['ann@acme.com'], '2025-03-04T15:00')],
    };
    const obligations = run(scenario);
    expect(pick(obligations, ANN).state).toBe('done');
    expect(pick(obligations, 'thank-you:app1:iv1:bob')).toMatchObject({
      state: 'skipped',
      reason: 'You withdrew this application.',
    });
  });

  it('after a rejection the thank-you is still owed', () => {
    const note = pick(run({ applications: [application({ status: 'rejected' })] }), ANN);
    expect(note.state).toBe('due');
  });

  it('a cancelled interview owes nothing', () => {
    expect(run({ interviews: [interview({ cancelled: true })] })).toEqual([]);
  });

  it('an interview of an unknown application owes nothing', () => {
    expect(run({ interviews: [interview({ applicationId: 'elsewhere' })] })).toEqual([]);
  });
});

describe('several rounds with the same person', () => {
  const rounds: Scenario = {
    interviews: [
      interview(),
      interview({ id: 'iv2', start: '2025-03-11T10:00', end: '2025-03-11T11:00' }),
    ],
    participants: [participant('ann'), participant('ann', 'iv2')],
    now: '2025-03-12T12:00',
  };
  const ROUND2 = 'thank-you:app1:iv2:ann';

  it('a note after round one belongs to round one; round two is still owed', () => {
    const obligations = run({
      ...rounds,
      messages: [sent('m1', ['ann@acme.com'], '2025-03-05T09:00')],
    });
    expect(pick(obligations, ANN).state).toBe('done');
    expect(pick(obligations, ROUND2).state).toBe('due');
  });

  it('a note after round two does not count for round one', () => {
    const obligations = run({
      ...rounds,
      messages: [sent('m2', ['ann@acme.com'], '2025-03-11T15:00')],
    });
    expect(pick(obligations, ANN).state).toBe('overdue');
    expect(pick(obligations, ROUND2)).toMatchObject({
      state: 'done',
      evidence: { messageId: 'm2' },
    });
  });

  it('each round gets its own note', () => {
    const obligations = run({
      ...rounds,
      messages: [
        sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
        sent('m2', ['ann@acme.com'], '2025-03-11T15:00'),
      ],
    });
    expect(pick(obligations, ANN).evidence).toMatchObject({ messageId: 'm1' });
    expect(pick(obligations, ROUND2).evidence).toMatchObject({ messageId: 'm2' });
    expect(obligations.filter((o) => o.kind === 'check-in').map((o) => o.id)).toEqual([
      'check-in:app1:iv2:ann',
    ]);
  });

  it('a cancelled later round does not take the note away from round one', () => {
    const obligations = run({
      ...rounds,
      interviews: [rounds.interviews![0]!, { ...rounds.interviews![1]!, cancelled: true }],
      messages: [sent('m2', ['ann@acme.com'], '2025-03-11T15:00')],
    });
    expect(pick(obligations, ANN).state).toBe('done');
    expect(obligations.some((o) => o.interviewId === 'iv2')).toBe(false);
  });
});

describe('check-in about the decision', () => {
  const thanked: Scenario = {
    messages: [sent('m1', ['ann@acme.com'], '2025-03-04T15:00')],
    now: '2025-03-12T12:00',
  };

  it.each<{
    name: string;
    scenario: Scenario;
    openFrom: string;
    dueAt: string;
    rule: string;
  }>([
    {
      name: 'no decision date: 7 days after the thank-you, due 3 business days later',
      scenario: thanked,
      openFrom: '2025-03-11T15:00:00.000+01:00',
      dueAt: '2025-03-14T23:59:59.999+01:00',
      rule: 'check-in.no-decision-date',
    },
    {
      name: 'no decision date, across the spring DST change (same wall-clock time)',
      scenario: {
        interviews: [interview({ start: '2025-03-26T10:00', end: '2025-03-26T11:00' })],
        messages: [sent('m1', ['ann@acme.com'], '2025-03-27T09:00')],
      },
      openFrom: '2025-04-03T09:00:00.000+02:00',
      dueAt: '2025-04-08T23:59:59.999+02:00',
      rule: 'check-in.no-decision-date',
    },
    {
      name: 'no decision date, with a 10-day setting',
      scenario: { ...thanked, settings: { checkInFallbackDays: 10 } },
      openFrom: '2025-03-14T15:00:00.000+01:00',
      dueAt: '2025-03-19T23:59:59.999+01:00',
      rule: 'check-in.no-decision-date',
    },
    {
      name: 'decision by Friday: from the start of Tuesday (2 business days later)',
      scenario: { ...thanked, interviews: [interview({ decisionBy: '2025-03-14' })] },
      openFrom: '2025-03-18T00:00:00.000+01:00',
      dueAt: '2025-03-21T23:59:59.999+01:00',
      rule: 'check-in.decision-date',
    },
    {
      name: 'decision date before a holiday weekend',
      scenario: {
        interviews: [
          interview({
            start: '2025-04-10T10:00',
            end: '2025-04-10T11:00',
            decisionBy: '2025-04-17',
          }),
        ],
        messages: [sent('m1', ['ann@acme.com'], '2025-04-10T15:00')],
        settings: { holidays: ['2025-04-18', '2025-04-21'] },
      },
      openFrom: '2025-04-23T00:00:00.000+02:00',
      dueAt: '2025-04-28T23:59:59.999+02:00',
      rule: 'check-in.decision-date',
    },
    {
      name: 'decision date in New York with no grace: once that day is over in New York',
      scenario: {
        ...thanked,
        interviews: [
          interview({
            timeZone: 'America/New_York',
            start: '2025-03-04T04:00',
            end: '2025-03-04T05:00',
            decisionBy: '2025-03-14',
          }),
        ],
        settings: { checkInGraceBusinessDays: 0 },
      },
      openFrom: '2025-03-15T04:59:59.999+01:00',
      dueAt: '2025-03-19T23:59:59.999+01:00',
      rule: 'check-in.decision-date',
    },
  ])('$name', ({ scenario, openFrom, dueAt, rule }) => {
    const checkIn = pick(run(scenario), ANN_CHECK_IN);
    expect(iso(checkIn.openFrom)).toBe(openFrom);
    expect(iso(checkIn.dueAt)).toBe(dueAt);
    expect(checkIn.rule.id).toBe(rule);
  });

  it.each([
    ['2025-03-10T12:00', 'upcoming'],
    ['2025-03-11T15:00', 'due'],
    ['2025-03-14T23:00', 'due'],
    ['2025-03-17T09:00', 'overdue'],
  ])('at %s it is %s', (now, state) => {
    expect(pick(run({ ...thanked, now }), ANN_CHECK_IN).state).toBe(state);
  });

  it('is not made until the thank-you went out', () => {
    expect(run({ now: '2025-03-20T12:00' }).some((o) => o.kind === 'check-in')).toBe(false);
  });

  it('is done by the first message once it is fitting', () => {
    const checkIn = pick(
      run({
        ...thanked,
        messages: [...thanked.messages!, sent('m2', ['ann@acme.com'], '2025-03-12T10:00')],
        now: '2025-04-20T12:00',
      }),
      ANN_CHECK_IN,
    );
    expect(checkIn).toMatchObject({ state: 'done', evidence: { messageId: 'm2' } });
  });

  it('is not done by a message sent before it was fitting', () => {
    const checkIn = pick(
      run({
        ...thanked,
        messages: [...thanked.messages!, sent('m2', ['ann@acme.com'], '2025-03-07T10:00')],
      }),
      ANN_CHECK_IN,
    );
    expect(checkIn.state).toBe('due');
  });

  it('is one check-in, not a series', () => {
    const obligations = run({
      ...thanked,
      messages: [...thanked.messages!, sent('m2', ['ann@acme.com'], '2025-03-12T10:00')],
      now: '2025-06-01T12:00',
    });
    const checkIns = obligations.filter((o) => o.kind === 'check-in');
    expect(checkIns.map((o) => [o.id, o.state])).toEqual([[ANN_CHECK_IN, 'done']]);
  });

  it('is owed to an arranger who was thanked', () => {
    const obligations = run({
      people: [person('ann'), person('rita')],
      participants: [participant('ann'), participant('rita', 'iv1', 'arranger')],
      messages: [sent('m1', ['rita@acme.com'], '2025-03-04T15:00')],
      now: '2025-03-12T12:00',
    });
    expect(pick(obligations, 'check-in:app1:iv1:rita').state).toBe('due');
    expect(obligations.some((o) => o.id === ANN_CHECK_IN)).toBe(false);
  });

  it.each([
    ['offer', /offer/],
    ['accepted', /accepted/],
    ['rejected', /made its decision/],
    ['withdrawn', /withdrew/],
  ] as const)('is skipped when the application is %s', (status, reason) => {
    const checkIn = pick(
      run({ ...thanked, applications: [application({ status })] }),
      ANN_CHECK_IN,
    );
    expect(checkIn.state).toBe('skipped');
    expect(checkIn.reason).toMatch(reason);
  });

  it('is due for an application that is only "applied"', () => {
    const checkIn = pick(
      run({ ...thanked, applications: [application({ status: 'applied' })] }),
      ANN_CHECK_IN,
    );
    expect(checkIn.state).toBe('due');
  });

  it.each<[string, KnownMessage]>([
    ['the interviewer', received('r1', 'ann@acme.com', '2025-03-06T10:00')],
    [
      'someone else at the company',
      received('r1', 'Hiring Team <jobs@acme.com>', '2025-03-06T10:00'),
    ],
  ])('is skipped once %s wrote back', (_name, reply) => {
    const obligations = run({ ...thanked, messages: [...thanked.messages!, reply] });
    expect(pick(obligations, ANN_CHECK_IN)).toMatchObject({
      state: 'skipped',
      reason: 'They wrote back after the interview, so answer that instead of checking in.',
    });
    expect(pick(obligations, 'respond-promptly:app1:r1').kind).toBe('respond-promptly');
  });

  it.each<[string, KnownMessage]>([
    ['an auto-reply', received('r1', 'ann@acme.com', '2025-03-04T15:01', { autoReply: true })],
    [
      // Of another message: a bounce of the note itself reopens the note (see "bounced addresses").
      'a bounce',
      received('r1', 'mailer-daemon@acme.com', '2025-03-04T15:01', {
        bounce: true,
        inReplyTo: '<elsewhere@mail.me>',
      }),
    ],
  ])('is still due after %s, which is not a reply', (_name, message) => {
    const obligations = run({ ...thanked, messages: [...thanked.messages!, message] });
    expect(pick(obligations, ANN_CHECK_IN).state).toBe('due');
    expect(obligations.some((o) => o.kind === 'respond-promptly')).toBe(false);
  });

  describe('three strikes', () => {
    const threeSent: KnownMessage[] = [
      sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
      sent('m2', ['ann@acme.com'], '2025-03-05T15:00'),
      sent('m3', ['ann@acme.com'], '2025-03-06T15:00'),
    ];

    it('after three unanswered messages the check-in is skipped: move on', () => {
      const checkIn = pick(run({ ...thanked, messages: threeSent }), ANN_CHECK_IN);
      expect(checkIn.state).toBe('skipped');
      expect(checkIn.reason).toBe(
        'You have written to them 3 times without an answer; it is time to move on.',
      );
      expect(checkIn.warnings).toEqual([]);
    });

    it('a letter marked by hand counts as a strike too', () => {
      const checkIn = pick(
        run({
          ...thanked,
          messages: threeSent.slice(0, 2),
          manualContacts: [manual('c1', 'ann', '2025-03-06T09:00')],
        }),
        ANN_CHECK_IN,
      );
      expect(checkIn.state).toBe('skipped');
    });

    it('follows the setting', () => {
      const checkIn = pick(
        run({ ...thanked, messages: threeSent, settings: { maxUnansweredOutreach: 4 } }),
        ANN_CHECK_IN,
      );
      expect(checkIn.state).toBe('due');
    });

    it('every message past the limit is flagged as pestering', () => {
      const checkIn = pick(
        run({
          ...thanked,
          messages: [
            ...threeSent,
            sent('m4', ['ann@acme.com'], '2025-03-12T09:00'),
            sent('m5', ['ann@acme.com'], '2025-03-13T09:00'),
          ],
          now: '2025-03-14T12:00',
        }),
        ANN_CHECK_IN,
      );
      expect(warningCodes(checkIn)).toEqual(['pestering']);
      expect(checkIn.warnings[0]?.messageIds).toEqual(['m4', 'm5']);
      expect(checkIn.warnings[0]?.message).toMatch(/5 times/);
    });

    it('a reply from them starts the count again', () => {
      const obligations = run({
        ...thanked,
        messages: [
          ...threeSent,
          received('r1', 'ann@acme.com', '2025-03-07T09:00'),
          sent('m4', ['ann@acme.com'], '2025-03-07T12:00'),
          sent('m5', ['ann@acme.com'], '2025-03-08T12:00'),
        ],
      });
      expect(obligations.flatMap((o) => o.warnings)).toEqual([]);
    });

    it('pestering is still flagged when the check-in is skipped', () => {
      const checkIn = pick(
        run({
          applications: [application({ status: 'rejected' })],
          messages: [...threeSent, sent('m4', ['ann@acme.com'], '2025-03-07T12:00')],
          now: '2025-03-08T12:00',
        }),
        ANN_CHECK_IN,
      );
      expect(checkIn.state).toBe('skipped');
      expect(warningCodes(checkIn)).toEqual(['pestering']);
    });
  });
});

describe('they wrote back: respond promptly', () => {
  const base: Scenario = {
    messages: [sent('m1', ['ann@acme.com'], '2025-03-04T15:00')],
    now: '2025-03-06T12:00',
  };
  const with_ = (...messages: KnownMessage[]): Scenario => ({
    ...base,
    messages: [...base.messages!, ...messages],
  });

  it('a reply from the interviewer is due by the end of that business day', () => {
    const alert = pick(
      run(with_(received('r1', 'ann@acme.com', '2025-03-06T10:00'))),
      'respond-promptly:app1:r1',
    );
    expect(alert).toMatchObject({ state: 'due', personId: 'ann', interviewId: 'iv1' });
    expect(iso(alert.openFrom)).toBe('2025-03-06T10:00:00.000+01:00');
    expect(iso(alert.dueAt)).toBe('2025-03-06T23:59:59.999+01:00');
    expect(alert.rule.text).toMatch(/wrote back/);
  });

  it('is overdue the next morning', () => {
    const obligations = run({
      ...with_(received('r1', 'ann@acme.com', '2025-03-06T10:00')),
      now: '2025-03-07T08:00',
    });
    expect(pick(obligations, 'respond-promptly:app1:r1').state).toBe('overdue');
  });

  it('a reply on a Saturday is due by the end of Monday', () => {
    const alert = pick(
      run(with_(received('r1', 'ann@acme.com', '2025-03-08T10:00'))),
      'respond-promptly:app1:r1',
    );
    expect(iso(alert.dueAt)).toBe('2025-03-10T23:59:59.999+01:00');
  });

  it.each<[string, KnownMessage, string | null]>([
    [
      'someone at a company domain the app does not know as a person',
      received('r1', 'Jobs <jobs@ACME.com>', '2025-03-06T10:00'),
      null,
    ],
    [
      'a private address answering in the thread (In-Reply-To)',
      received('r1', 'ann.private@mail.example', '2025-03-06T10:00', { inReplyTo: '<m1@mail.me>' }),
      null,
    ],
    [
      'a private address answering in the thread (References)',
      received('r1', 'ann.private@mail.example', '2025-03-06T10:00', {
        references: ['<x@y>', '<m1@mail.me>'],
      }),
      null,
    ],
    [
      'a second address of the interviewer',
      received('r1', 'ann@home.example', '2025-03-06T10:00'),
      'ann',
    ],
  ])('recognises a reply from %s', (_name, reply, personId) => {
    const obligations = run({
      ...with_(reply),
      people: [person('ann', { emails: ['ann@acme.com', 'ann@home.example'] })],
    });
    expect(pick(obligations, 'respond-promptly:app1:r1')).toMatchObject({ state: 'due', personId });
  });

  it.each<[string, KnownMessage]>([
    ['an auto-reply', received('r1', 'ann@acme.com', '2025-03-06T10:00', { autoReply: true })],
    ['a bounce', received('r1', 'mailer-daemon@acme.com', '2025-03-06T10:00', { bounce: true })],
    ['a message from before the interview', received('r1', 'ann@acme.com', '2025-03-03T10:00')],
    ['a message from another company', received('r1', 'someone@other.example', '2025-03-06T10:00')],
    [
      "the user's own copy in the thread",
      received('r1', 'me@home.example', '2025-03-06T10:00', { inReplyTo: '<m1@mail.me>' }),
    ],
  ])('does not treat %s as a reply', (_name, message) => {
    expect(run(with_(message)).some((o) => o.kind === 'respond-promptly')).toBe(false);
  });

  it.each<[string, KnownMessage]>([
    ['a message to the sender', sent('a1', ['ann@acme.com'], '2025-03-06T11:00')],
    [
      'an answer in the thread to another address',
      sent('a1', ['team@acme.com'], '2025-03-06T11:00', { inReplyTo: '<r1@mail.them>' }),
    ],
  ])('is done by %s after the reply', (_name, answer) => {
    const alert = pick(
      run(with_(received('r1', 'ann@acme.com', '2025-03-06T10:00'), answer)),
      'respond-promptly:app1:r1',
    );
    expect(alert).toMatchObject({ state: 'done', evidence: { messageId: 'a1' } });
  });

  it('is not done by a message sent before the reply', () => {
    const alert = pick(
      run(
        with_(
          sent('a0', ['ann@acme.com'], '2025-03-06T09:00'),
          received('r1', 'ann@acme.com', '2025-03-06T10:00'),
        ),
      ),
      'respond-promptly:app1:r1',
    );
    expect(alert.state).toBe('due');
  });
});

describe('bounced addresses', () => {
  const report = (
    overrides: Partial<NonNullable<KnownMessage['deliveryReport']>> = {},
  ): KnownMessage['deliveryReport'] => ({
    outcome: 'failed',
    originalMessageId: null,
    failedRecipients: ['ann@acme.com'],
    status: '5.1.1',
    diagnostic: '550 5.1.1 <ann@acme.com>: Recipient address rejected: User unknown',
    ...overrides,
  });
  const daemon = (when: string, overrides: Partial<KnownMessage> = {}) =>
    received('b1', 'mailer-daemon@mx.example', when, { bounce: true, ...overrides });

  it('keeps the note open when its message bounced, and says so', () => {
    const note = pick(
      run({
        messages: [
          sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
          daemon('2025-03-04T15:01', { references: ['<m1@mail.me>'] }),
        ],
        now: '2025-03-04T16:00',
      }),
      ANN,
    );
    expect(note.state).toBe('due');
    expect(note.evidence).toBeNull();
    expect(note.warnings).toEqual([
      expect.objectContaining({ code: 'address-bounced', messageIds: ['m1', 'b1'] }),
    ]);
  });

  it('links a report without In-Reply-To by its failed recipient and time, and names the date and reason', () => {
    const obligations = run({
      messages: [
        sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
        daemon('2025-03-04T15:01', { deliveryReport: report() }),
      ],
      now: '2025-03-04T16:00',
    });
    const note = pick(obligations, ANN);
    expect(note.state).toBe('due');
    expect(note.warnings).toHaveLength(1);
    expect(note.warnings[0]).toMatchObject({
      code: 'address-bounced',
      message:
        'Your note to ann bounced on Tue 4 Mar (the address does not exist: 550 5.1.1 <ann@acme.com>: Recipient address rejected: User unknown); check the address (ann@acme.com) and send it again.',
      messageIds: ['m1', 'b1'],
      bounce: {
        at: at('2025-03-04T15:01'),
        address: 'ann@acme.com',
        status: '5.1.1',
        diagnostic: '550 5.1.1 <ann@acme.com>: Recipient address rejected: User unknown',
      },
    });
    // No check-in is owed for a note that never arrived.
    expect(obligations.find((o) => o.id === ANN_CHECK_IN)).toBeUndefined();
  });

  it('links a report by the Message-ID it names', () => {
    const note = pick(
      run({
        messages: [
          sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
          sent('m2', ['ann@acme.com'], '2025-03-04T15:30'),
          daemon('2025-03-04T15:40', {
            deliveryReport: report({ originalMessageId: '<m1@mail.me>', failedRecipients: [] }),
          }),
        ],
      }),
      ANN,
    );
    // m1 bounced, m2 got through: done by m2, and nothing to warn about.
    expect(note.state).toBe('done');
    expect(note.evidence).toMatchObject({ messageId: 'm2' });
    expect(note.warnings).toEqual([]);
  });

  it('says nothing more once they were reached another way', () => {
    const obligations = run({
      messages: [
        sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
        daemon('2025-03-04T15:01', { deliveryReport: report() }),
      ],
      manualContacts: [manual('c1', 'ann', '2025-03-04T17:00', { channel: 'phone' })],
      now: '2025-03-04T18:00',
    });
    const note = pick(obligations, ANN);
    expect(note.state).toBe('done');
    expect(note.evidence).toMatchObject({ type: 'manual' });
    expect(obligations.flatMap((o) => o.warnings)).toEqual([]);
  });

  it('leaves the note done after a delayed report', () => {
    const note = pick(
      run({
        messages: [
          sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
          daemon('2025-03-04T19:00', {
            references: ['<m1@mail.me>'],
            deliveryReport: report({ outcome: 'delayed', failedRecipients: [], status: '4.4.1' }),
          }),
        ],
      }),
      ANN,
    );
    expect(note.state).toBe('done');
    expect(note.warnings).toEqual([]);
  });

  it('does not link a report to a message sent to that address days before', () => {
    const note = pick(
      run({
        messages: [
          sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
          daemon('2025-03-10T09:00', { deliveryReport: report() }),
        ],
        now: '2025-03-10T10:00',
      }),
      ANN,
    );
    expect(note.state).toBe('done');
  });

  it('counts a report about someone else on the same message as no bounce for them', () => {
    const note = pick(
      run({
        messages: [
          sent('m1', ['ann@acme.com', 'bob@acme.com'], '2025-03-04T15:00'),
          daemon('2025-03-04T15:01', {
            deliveryReport: report({ failedRecipients: ['bob@acme.com'] }),
          }),
        ],
      }),
      ANN,
    );
    expect(note.state).toBe('done');
    expect(note.warnings).toEqual([]);
  });

  it('ignores a bounce that points at nothing the user sent to them', () => {
    const note = pick(
      run({
        messages: [
          sent('m1', ['ann@acme.com'], '2025-03-04T15:00'),
          daemon('2025-03-04T15:01', { inReplyTo: '<other@mail.me>' }),
        ],
      }),
      ANN,
    );
    expect(note.warnings).toEqual([]);
  });
});

describe('the list as a whole', () => {
  it('sorts overdue, due, upcoming, done, skipped, and by due time within each', () => {
    const obligations = run({
      applications: [application(), application({ id: 'app2', status: 'withdrawn' })],
      interviews: [
        interview({ id: 'old', start: '2025-02-24T10:00', end: '2025-02-24T11:00' }),
        interview({ id: 'older', start: '2025-02-17T10:00', end: '2025-02-17T11:00' }),
        interview({ id: 'today', start: '2025-03-04T09:00', end: '2025-03-04T10:00' }),
        interview({ id: 'yesterday', start: '2025-03-03T09:00', end: '2025-03-03T10:00' }),
        interview({ id: 'later', start: '2025-03-10T09:00', end: '2025-03-10T10:00' }),
        interview({
          id: 'w',
          applicationId: 'app2',
          start: '2025-03-03T09:00',
          end: '2025-03-03T10:00',
        }),
      ],
      people: [
        person('ann'),
        person('bob'),
        person('cat'),
        person('dan'),
        person('eve'),
        person('fay'),
      ],
      participants: [
        participant('ann', 'old'),
        participant('bob', 'older'),
        participant('cat', 'today'),
        participant('dan', 'yesterday'),
        participant('eve', 'later'),
        participant('fay', 'w'),
      ],
      now: '2025-03-04T12:00',
    });
    expect(obligations.map((o) => [o.state, o.interviewId])).toEqual([
      ['overdue', 'older'],
      ['overdue', 'old'],
      ['due', 'yesterday'],
      ['due', 'today'],
      ['upcoming', 'later'],
      ['skipped', 'w'],
    ]);
  });

  it('gives stable ids of the form kind:application:interview:person', () => {
    expect(run().map((o) => o.id)).toEqual(['thank-you:app1:iv1:ann']);
  });

  it('gives each of 8,000 interviewers in a large workspace exactly one thank-you (2,000 applications, 100,000 messages)', () => {
    const input = rulesInput({ now: '2025-06-01T12:00' });
    const apps = [];
    const interviews = [];
    const people = [];
    const participants = [];
    const messages: KnownMessage[] = [];
    const day0 = at('2025-01-06T10:00');
    for (let a = 0; a < 2000; a++) {
      apps.push(application({ id: `a${a}`, companyDomains: [`c${a}.example`] }));
      for (let r = 0; r < 2; r++) {
        const startsAt = day0 + (a % 100) * 86_400_000 + r * 7 * 86_400_000;
        interviews.push({
          ...interview({ id: `a${a}i${r}`, applicationId: `a${a}` }),
          startsAt,
          endsAt: startsAt + 3_600_000,
        });
      }
      for (let p = 0; p < 5; p++) {
        const id = `a${a}p${p}`;
        people.push(person(id, { emails: [`${id}@c${a}.example`] }));
        participants.push(participant(id, `a${a}i${p % 2}`, p === 4 ? 'arranger' : 'interviewer'));
      }
    }
    const inboxTemplate = received('t', 'x@x.example', '2025-01-01T00:00');
    const sentTemplate = sent('t', [], '2025-01-01T00:00');
    for (let m = 0; m < 100_000; m++) {
      const a = m % 2000;
      const address = [{ name: null, address: `a${a}p${(m >> 3) % 5}@c${a}.example` }];
      const common = {
        id: `x${m}`,
        messageId: `<x${m}@mail>`,
        date: day0 + (m % 150) * 86_400_000,
      };
      messages.push(
        m % 4 === 0
          ? { ...inboxTemplate, ...common, from: address }
          : { ...sentTemplate, ...common, to: address },
      );
    }
    const obligations = computeObligations({
      ...input,
      applications: apps,
      interviews,
      people,
      participants,
      messages,
    });
    const thankYous = obligations.filter((o) => o.kind === 'thank-you');
    expect(thankYous).toHaveLength(8000);
    expect(new Set(obligations.map((o) => o.id)).size).toBe(obligations.length);
  });
});
