/**
 * One check-in per round, to the right person, and what follows a reply as the app read it
 * (RULES.md, "Check-in about the decision" and "They wrote back").
 */
import { UNSURE_BELOW } from '../../../src/main/domain/reply-classifier';
import { describe, expect, it } from 'vitest';
import { SURE_READING_CONFIDENCE } from '../../../src/main/domain/reply-effects';
import {
  computeStatus,
  createRulesCache,
  prepareStatus,
  statusAt,
} from '../../../src/main/domain/obligations';
import type { KnownMessage, Obligation } from '../../../src/shared/model';
import type { Scenario } from './factory';
import {
  application,
  interview,
  iso,
  link,
  participant,
  person,
  pick,
  reading,
  received,
  rulesInput,
  run,
  sent,
  status,
} from './factory';

// A panel of three and the coordinator who arranged it; every note went out the same day.
const panel: Scenario = {
  applications: [application({ company: 'Northwind', companyDomains: ['northwind.example'] })],
  interviews: [interview({ contactPersonId: 'lars' })],
  people: [
    person('ada', { name: 'Ada Okafor', emails: ['ada@northwind.example'] }),
    person('mei', { name: 'Mei Chen', emails: ['mei@northwind.example'] }),
    person('lars', { name: 'Lars Berg', emails: ['lars@northwind.example'] }),
    person('rosa', { name: 'Rosa Diaz', emails: ['rosa@northwind.example'] }),
  ],
  participants: [
    participant('ada'),
    participant('mei'),
    participant('lars'),
    participant('rosa', 'iv1', 'arranger'),
  ],
  messages: [
    sent('n-ada', ['ada@northwind.example'], '2025-03-04T15:00'),
    sent('n-mei', ['mei@northwind.example'], '2025-03-04T15:10'),
    sent('n-lars', ['lars@northwind.example'], '2025-03-04T15:20'),
    sent('n-rosa', ['rosa@northwind.example'], '2025-03-04T15:30'),
  ],
  now: '2025-03-12T12:00',
};

function withReply(
  scenario: Scenario,
  message: KnownMessage,
  replyClass?: Parameters<typeof reading>[1],
  overrides: Parameters<typeof reading>[2] = {},
): Scenario {
  return {
    ...scenario,
    messages: [...scenario.messages!, message],
    replyReadings:
      replyClass === undefined
        ? (scenario.replyReadings ?? [])
        : [...(scenario.replyReadings ?? []), reading(message.id, replyClass, overrides)],
  };
}

const kinds = (obligations: Obligation[], kind: Obligation['kind']) =>
  obligations.filter((o) => o.kind === kind);

// Thursday 6 March 2025, 10:00 in Berlin.
const courtesy = received('r1', 'mei@northwind.example', '2025-03-06T10:00', {
  inReplyTo: '<n-mei@mail.me>',
  subject: 'Re: Thank you',
});

describe('one check-in per round, to the right person', () => {
  it.each<{ name: string; scenario: Scenario; to: string }>([
    { name: 'the person who said they would be in touch', scenario: panel, to: 'lars' },
    {
      name: 'else whoever arranged it',
      scenario: { ...panel, interviews: [interview({ contactPersonId: null })] },
      to: 'rosa',
    },
    {
      name: 'else the first interviewer',
      scenario: {
        ...panel,
        interviews: [interview({ contactPersonId: null })],
        participants: panel.participants!.slice(0, 3),
      },
      to: 'ada',
    },
    {
      name: 'passing over a contact who asked not to be contacted',
      scenario: {
        ...panel,
        people: panel.people!.map((p) => (p.id === 'lars' ? { ...p, doNotContact: true } : p)),
      },
      to: 'rosa',
    },
    {
      name: 'passing over someone marked as needing no follow-up',
      scenario: {
        ...panel,
        interviews: [interview({ contactPersonId: null })],
        participants: panel.participants!.slice(0, 3),
        people: panel.people!.map((p) => (p.id === 'ada' ? { ...p, notApplicable: true } : p)),
      },
      to: 'mei',
    },
  ])('goes to $name', ({ scenario, to }) => {
    const checkIns = kinds(run(scenario), 'check-in');
    expect(checkIns.map((o) => [o.id, o.personId, o.state])).toEqual([
      [`check-in:app1:iv1:${to}`, to, 'due'],
    ]);
  });

  it('becomes fitting 7 days after the last thank-you note of the round, whoever it went to', () => {
    const checkIn = pick(run(panel), 'check-in:app1:iv1:lars');
    expect(iso(checkIn.openFrom)).toBe('2025-03-11T15:30:00.000+01:00');
  });

  it('with a stated decision date: that date plus 2 business days', () => {
    const checkIn = pick(
      run({
        ...panel,
        interviews: [interview({ contactPersonId: 'lars', decisionBy: '2025-03-14' })],
      }),
      'check-in:app1:iv1:lars',
    );
    expect(iso(checkIn.openFrom)).toBe('2025-03-18T00:00:00.000+01:00');
  });

  it('is done by a message to the contact once fitting, and no one else is asked again', () => {
    const obligations = run({
      ...panel,
      messages: [...panel.messages!, sent('c1', ['lars@northwind.example'], '2025-03-12T09:00')],
    });
    expect(kinds(obligations, 'check-in').map((o) => [o.id, o.state])).toEqual([
      ['check-in:app1:iv1:lars', 'done'],
    ]);
  });
});

describe('an acknowledgement (courtesy reply)', () => {
  const acknowledged = withReply(panel, courtesy, 'acknowledgement');

  it("leaves every other obligation as it was: the others' notes, the round's one check-in", () => {
    const before = run(panel);
    const after = run(acknowledged);
    expect(after).toEqual(before);
    expect(kinds(after, 'check-in').map((o) => [o.personId, o.state])).toEqual([['lars', 'due']]);
  });

  it('needs no answer', () => {
    expect(kinds(run(acknowledged), 'respond-promptly')).toEqual([]);
  });

  it('is still one of the reply matches of the person who wrote (their timeline)', () => {
    const { matches } = status(acknowledged);
    expect(matches.filter((m) => m.messageId === 'r1').map((m) => m.personId)).toEqual(['mei']);
  });
});

describe('scheduling or a next step', () => {
  const scheduling = withReply(panel, courtesy, 'scheduling', {
    sentence: 'Could you do a second round on Tuesday?',
  });

  it('is owed an answer the same business day, carrying the class and sentence', () => {
    const alert = pick(run({ ...scheduling, now: '2025-03-06T12:00' }), 'respond-promptly:app1:r1');
    expect(alert).toMatchObject({
      state: 'due',
      personId: 'mei',
      rule: { id: 'respond-promptly.next-step' },
      reply: {
        messageId: 'r1',
        replyClass: 'scheduling',
        sentence: 'Could you do a second round on Tuesday?',
        sure: true,
      },
    });
    expect(iso(alert.dueAt)).toBe('2025-03-06T23:59:59.999+01:00');
  });

  it("ends the round's check-in, naming who wrote and when", () => {
    expect(pick(run(scheduling), 'check-in:app1:iv1:lars')).toMatchObject({
      state: 'skipped',
      reason:
        'Mei Chen wrote back on Thu 6 Mar about a next step, so answer that instead of checking in.',
    });
  });

  it('the date in a reason is the day in the user zone', () => {
    const late = received('r1', 'mei@northwind.example', '2025-03-07T02:00');
    const obligations = run({
      ...withReply(panel, late, 'scheduling'),
      userTimeZone: 'America/New_York',
    });
    expect(pick(obligations, 'check-in:app1:iv1:lars').reason).toMatch(
      /^Mei Chen wrote back on Thu 6 Mar /,
    );
  });

  it("from a round before the latest does not end the latest round's check-in", () => {
    const twoRounds: Scenario = {
      ...panel,
      interviews: [
        interview({ contactPersonId: 'lars' }),
        interview({ id: 'iv2', start: '2025-03-10T10:00', end: '2025-03-10T11:00' }),
      ],
      participants: [...panel.participants!, participant('ada', 'iv2')],
      messages: [...panel.messages!, sent('n2', ['ada@northwind.example'], '2025-03-10T15:00')],
      now: '2025-03-18T12:00',
    };
    const obligations = run(withReply(twoRounds, courtesy, 'scheduling'));
    expect(kinds(obligations, 'check-in').map((o) => [o.id, o.state])).toEqual([
      ['check-in:app1:iv2:ada', 'due'],
    ]);
  });
});

describe('a rejection from the talent team, in a new thread', () => {
  const rejection = received('r9', 'talent@northwind.example', '2025-03-06T10:00', {
    from: [{ name: 'Sam Lee', address: 'talent@northwind.example' }],
    subject: 'Your application at Northwind',
  });
  const rejected = withReply(panel, rejection, 'rejection', {
    sentence: 'We have decided to move forward with other candidates.',
  });

  it('ends the check-in, naming the sender at the company', () => {
    expect(pick(run(rejected), 'check-in:app1:iv1:lars')).toMatchObject({
      state: 'skipped',
      reason:
        "Sam Lee at Northwind wrote back on Thu 6 Mar with the company's decision, so there is nothing to check in about.",
    });
  });

  it('suggests marking the application as rejected', () => {
    expect(status(rejected).suggestions).toEqual([
      {
        applicationId: 'app1',
        status: 'rejected',
        messageId: 'r9',
        reason:
          'Sam Lee at Northwind wrote back on Thu 6 Mar to say the company decided against you; mark the application as rejected?',
      },
    ]);
  });

  it.each<[string, Scenario]>([
    [
      'the application is already rejected',
      { ...rejected, applications: [application({ status: 'rejected' })] },
    ],
    [
      'the user dismissed it',
      { ...rejected, dismissedSuggestions: [{ applicationId: 'app1', messageId: 'r9' }] },
    ],
  ])('suggests nothing when %s', (_name, scenario) => {
    expect(status(scenario).suggestions).toEqual([]);
  });

  it('offers a thank-you to the round contact, never overdue, and asks for no answer', () => {
    const obligations = run({ ...rejected, now: '2026-01-01T12:00' });
    const note = pick(obligations, 'after-rejection:app1:iv1:lars');
    expect(note).toMatchObject({
      kind: 'after-rejection',
      state: 'due',
      personId: 'lars',
      dueAt: null,
      rule: { id: 'after-rejection' },
      reply: { messageId: 'r9', replyClass: 'rejection' },
    });
    expect(iso(note.openFrom)).toBe('2025-03-06T10:00:00.000+01:00');
    expect(kinds(obligations, 'respond-promptly')).toEqual([]);
  });

  it('offers the thank-you to the person who wrote when they are tracked', () => {
    const fromRosa = received('r9', 'rosa@northwind.example', '2025-03-06T10:00');
    const obligations = run(withReply(panel, fromRosa, 'rejection'));
    expect(kinds(obligations, 'after-rejection').map((o) => o.id)).toEqual([
      'after-rejection:app1:iv1:rosa',
    ]);
    expect(pick(obligations, 'check-in:app1:iv1:lars').reason).toMatch(/^Rosa Diaz wrote back/);
  });

  it('the thank-you is done by a message to them after the rejection', () => {
    const obligations = run({
      ...rejected,
      messages: [...rejected.messages!, sent('t1', ['lars@northwind.example'], '2025-03-07T09:00')],
    });
    expect(pick(obligations, 'after-rejection:app1:iv1:lars')).toMatchObject({
      state: 'done',
      evidence: { messageId: 't1' },
    });
  });
});

describe('an offer', () => {
  const offer = received('r5', 'rosa@northwind.example', '2025-03-06T10:00');
  const offered = withReply(panel, offer, 'offer', {
    sentence: 'We are delighted to offer you the role.',
  });

  it('is owed a prompt answer, saying it is an offer', () => {
    const alert = pick(run({ ...offered, now: '2025-03-06T12:00' }), 'respond-promptly:app1:r5');
    expect(alert).toMatchObject({
      state: 'due',
      personId: 'rosa',
      rule: { id: 'respond-promptly.offer', text: expect.stringMatching(/offer/) as string },
      reply: { replyClass: 'offer', sentence: 'We are delighted to offer you the role.' },
    });
  });

  it('ends the check-in and suggests marking the application as an offer', () => {
    const result = status(offered);
    expect(pick(result.obligations, 'check-in:app1:iv1:lars')).toMatchObject({
      state: 'skipped',
      reason:
        'Rosa Diaz wrote back on Thu 6 Mar with an offer, so there is nothing to check in about.',
    });
    expect(result.suggestions).toMatchObject([
      { applicationId: 'app1', status: 'offer', messageId: 'r5' },
    ]);
  });

  it('suggests nothing once the application says offer', () => {
    expect(
      status({ ...offered, applications: [application({ status: 'offer' })] }).suggestions,
    ).toEqual([]);
  });
});

describe('a reply the app cannot tell', () => {
  it.each<[string, Scenario]>([
    ['with no reading yet', withReply(panel, courtesy)],
    ['read as other', withReply(panel, courtesy, 'other')],
    [
      'read below the sure threshold',
      withReply(panel, courtesy, 'scheduling', { confidence: SURE_READING_CONFIDENCE - 0.01 }),
    ],
  ])('%s: an answer is owed as before, and the check-in stays', (_name, scenario) => {
    const obligations = run(scenario);
    expect(pick(obligations, 'respond-promptly:app1:r1').rule.id).toBe('respond-promptly');
    expect(pick(obligations, 'check-in:app1:iv1:lars').state).toBe('due');
    expect(status(scenario).suggestions).toEqual([]);
  });

  it('a reading the user set counts whatever its confidence', () => {
    const obligations = run(
      withReply(panel, courtesy, 'acknowledgement', { confidence: 0, source: 'user' }),
    );
    expect(kinds(obligations, 'respond-promptly')).toEqual([]);
  });

  it("the threshold is the classifier's own, so 'sure' means one thing everywhere", () => {
    expect(SURE_READING_CONFIDENCE).toBe(UNSURE_BELOW);
  });
});

describe('auto-replies are never replies', () => {
  const outOfOffice = received('r2', 'lars@northwind.example', '2025-03-06T10:00', {
    autoReply: true,
    subject: 'Out of office',
  });

  it.each<[string, Scenario]>([
    ['as they come', withReply(panel, outOfOffice)],
    ['even with a reading', withReply(panel, outOfOffice, 'scheduling')],
    [
      'even linked to the person by hand',
      { ...withReply(panel, outOfOffice, 'rejection'), links: [link('r2', 'lars')] },
    ],
  ])('%s: no answer owed, the check-in stays, nothing suggested', (_name, scenario) => {
    const result = computeStatus(rulesInput(scenario));
    expect(kinds(result.obligations, 'respond-promptly')).toEqual([]);
    expect(kinds(result.obligations, 'after-rejection')).toEqual([]);
    expect(pick(result.obligations, 'check-in:app1:iv1:lars').state).toBe('due');
    expect(result.suggestions).toEqual([]);
  });
});

describe('the rules kept between runs', () => {
  it('work out again the application whose reply was read, and keep it while the reading is the same', () => {
    const cache = createRulesCache();
    const { now, ...input } = rulesInput(withReply(panel, courtesy));
    const unread = prepareStatus({ ...input, cache });
    expect(pick([...unread.obligations], 'check-in:app1:iv1:lars').state).toBe('upcoming');

    const readings = [reading('r1', 'scheduling')];
    const read = prepareStatus({ ...input, replyReadings: readings, cache });
    expect(statusAt(read, now)).toEqual(computeStatus({ ...input, replyReadings: readings, now }));
    expect(pick([...read.obligations], 'check-in:app1:iv1:lars').state).toBe('skipped');

    // The same reading read again from the store: a new object with the same values.
    const again = prepareStatus({ ...input, replyReadings: [{ ...readings[0]! }], cache });
    expect(again.obligations).toHaveLength(read.obligations.length);
    again.obligations.forEach((o, i) => expect(o).toBe(read.obligations[i]));

    const dismissed = prepareStatus({
      ...input,
      replyReadings: [reading('r1', 'rejection')],
      dismissedSuggestions: [{ applicationId: 'app1', messageId: 'r1' }],
      cache,
    });
    expect(dismissed.suggestions).toEqual([]);
    expect(
      prepareStatus({ ...input, replyReadings: [reading('r1', 'rejection')], cache }).suggestions,
    ).toHaveLength(1);
  });
});
