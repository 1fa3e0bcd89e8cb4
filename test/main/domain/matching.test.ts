import { describe, expect, it } from 'vitest';
import type { KnownMessage, MessageLink } from '../../../src/shared/model';
import type { MessageMatch } from '../../../src/main/domain/matching';
import { matchMessages, nameKey, reviewList } from '../../../src/main/domain/matching';
import type { Scenario } from './factory';
import {
  interview,
  link,
  participant,
  person,
  pick,
  received,
  rulesInput,
  sent,
  status,
  warningCodes,
} from './factory';

const ADA = 'thank-you:app1:iv1:ada';
const BEN = 'thank-you:app1:iv1:ben';
const CARLA = 'arranger-thanks:app1:iv1:carla';
const LATE = '2025-03-20T12:00';

const ada = person('ada', { name: 'Ada Okafor', emails: ['ada@acme.com'] });
const ben = person('ben', { name: 'Ben Lund', emails: ['ben@acme.com'] });
const carla = person('carla', { name: 'Carla Diaz', emails: ['carla@acme.com'] });

/** Ada interviews alone (default), or a panel with Ben and Carla arranging. */
const one: Scenario = { people: [ada], participants: [participant('ada')], now: LATE };
const panel: Scenario = {
  people: [ada, ben, carla],
  participants: [participant('ada'), participant('ben'), participant('carla', 'iv1', 'arranger')],
  now: LATE,
};

const to = (name: string | null, address: string): KnownMessage['to'] => [{ name, address }];

function matches(scenario: Scenario): MessageMatch[] {
  return matchMessages(rulesInput(scenario));
}

/** The matches of one message, without their reasons. */
function of(all: MessageMatch[], messageId: string): Omit<MessageMatch, 'reason'>[] {
  return all.filter((m) => m.messageId === messageId).map(({ reason: _reason, ...rest }) => rest);
}

describe('sent messages matched by address', () => {
  it.each<[string, KnownMessage, string]>([
    [
      'a bare address in To',
      sent('m1', ['ada@acme.com'], '2025-03-04T15:00'),
      "Sent to ada@acme.com, Ada Okafor's address.",
    ],
    [
      'an address with a display name, in another case',
      sent('m1', [], '2025-03-04T15:00', { to: to('Ada', 'ADA@Acme.COM') }),
      "Sent to ada@acme.com, Ada Okafor's address.",
    ],
    [
      'a name-and-address spelling with brackets',
      sent('m1', [], '2025-03-04T15:00', { to: to(null, ' "Okafor, Ada" <Ada@acme.com> ') }),
      "Sent to ada@acme.com, Ada Okafor's address.",
    ],
    [
      'a copy (cc)',
      sent('m1', ['hr@acme.com'], '2025-03-04T15:00', { cc: to('Ada Okafor', 'ada@acme.com') }),
      "Sent to ada@acme.com, Ada Okafor's address.",
    ],
    [
      'a blind copy (bcc)',
      sent('m1', [], '2025-03-04T15:00', { bcc: to(null, 'ada@ACME.com') }),
      "Sent to ada@acme.com, Ada Okafor's address.",
    ],
  ])('%s is a sure match', (_name, message, reason) => {
    const all = matches({ ...one, messages: [message] });
    expect(all).toEqual([
      {
        messageId: 'm1',
        personId: 'ada',
        applicationId: 'app1',
        interviewId: 'iv1',
        direction: 'sent',
        confidence: 'sure',
        reason,
        source: 'address',
      },
    ]);
    expect(reviewList(all)).toEqual([]);
  });

  it('names the address among several of the person', () => {
    const [match] = matches({
      ...one,
      people: [{ ...ada, emails: ['ada@acme.com', 'Ada@Home.example'] }],
      messages: [sent('m1', ['ada@home.example'], '2025-03-04T15:00')],
    });
    expect(match?.reason).toBe("Sent to ada@home.example, one of Ada Okafor's addresses.");
  });

  it.each<[string, string, string | null]>([
    ['before the interview', '2025-03-03T09:00', null],
    ['the moment it starts', '2025-03-04T10:00', 'iv1'],
    ['after the first round', '2025-03-05T09:00', 'iv1'],
    ['after the second round started', '2025-03-11T10:30', 'iv2'],
  ])('a message sent %s (%s) belongs to %s', (_name, when, interviewId) => {
    const all = matches({
      ...one,
      interviews: [
        interview(),
        interview({ id: 'iv2', start: '2025-03-11T10:00', end: '2025-03-11T11:00' }),
      ],
      participants: [participant('ada'), participant('ada', 'iv2')],
      messages: [sent('m1', ['ada@acme.com'], when)],
    });
    expect(all.map((m) => m.interviewId)).toEqual(interviewId === null ? [] : [interviewId]);
  });

  it('a message before the interview does not complete the note', () => {
    const { obligations, matches: all } = status({
      ...one,
      messages: [sent('m0', ['ada@acme.com'], '2025-03-03T09:00')],
    });
    expect(all).toEqual([]);
    expect(pick(obligations, ADA).state).toBe('overdue');
  });

  it('the same message seen in two folders is matched once', () => {
    const copy = sent('m1', ['ada@acme.com'], '2025-03-04T15:00');
    const all = matches({ ...one, messages: [copy, { ...copy, id: 'm1-copy' }] });
    expect(all.map((m) => m.messageId)).toEqual(['m1']);
  });

  it("ignores the user's own address among the recipients", () => {
    const all = matches({
      ...one,
      people: [{ ...ada, emails: ['ada@acme.com', 'me@work.example'] }],
      userAddresses: ['Me@Work.example'],
      messages: [sent('m1', ['me@work.example'], '2025-03-04T15:00')],
    });
    expect(all).toEqual([]);
  });
});

describe('group notes', () => {
  it('one message to two interviewers is a sure match for each, flagged as a group note', () => {
    const { obligations, matches: all } = status({
      ...panel,
      messages: [sent('m1', ['ada@acme.com', 'ben@acme.com'], '2025-03-04T15:00')],
    });
    expect(of(all, 'm1').map((m) => [m.personId, m.confidence])).toEqual([
      ['ada', 'sure'],
      ['ben', 'sure'],
    ]);
    for (const id of [ADA, BEN]) {
      const note = pick(obligations, id);
      expect(note.state).toBe('done');
      expect(warningCodes(note)).toEqual(['group-note']);
      expect(note.warnings[0]?.message).toMatch(/2 interviewers/);
    }
    expect(pick(obligations, CARLA).state).toBe('overdue');
  });

  it('a message linked by hand to two interviewers is a group note too', () => {
    const { obligations } = status({
      ...panel,
      messages: [sent('m1', ['team@else.example'], '2025-03-04T15:00')],
      links: [link('m1', 'ada'), link('m1', 'ben')],
    });
    expect(warningCodes(pick(obligations, ADA))).toEqual(['group-note']);
    expect(warningCodes(pick(obligations, BEN))).toEqual(['group-note']);
  });
});

describe('unsure matches for the review list', () => {
  it.each<[string, string]>([
    ['the same name', 'Ada Okafor'],
    ['the name surname first', 'Okafor, Ada'],
    ['a title, an initial and no accents', 'Dr. Ada M. Okafor'],
    ['another case and a remark', 'ADA OKAFOR (Acme)'],
  ])('the name in To is hers (%s) but the address is not', (_name, displayName) => {
    const {
      obligations,
      matches: all,
      review,
    } = status({
      ...one,
      people: [{ ...ada, name: 'Adá Okafor' }],
      messages: [sent('m1', [], '2025-03-04T15:00', { to: to(displayName, 'ada.o@mail.example') })],
    });
    expect(of(all, 'm1')).toEqual([
      {
        messageId: 'm1',
        personId: 'ada',
        applicationId: 'app1',
        interviewId: 'iv1',
        direction: 'sent',
        confidence: 'unsure',
        source: 'name',
      },
    ]);
    expect(review).toEqual(all);
    expect(review[0]?.reason).toBe(
      `Sent to "${displayName}" <ada.o@mail.example>: the name is Adá Okafor's, but the address is not one you have for them.`,
    );
    // Unsure matches count for nothing until the user confirms them.
    expect(pick(obligations, ADA)).toMatchObject({ state: 'overdue', evidence: null });
  });

  it.each<[string, KnownMessage]>([
    [
      'the name is someone else’s',
      sent('m1', [], '2025-03-04T15:00', { to: to('Adam Okafor', 'adam@mail.example') }),
    ],
    [
      'the address belongs to another person the user tracks',
      sent('m1', [], '2025-03-04T15:00', { to: to('Ada Okafor', 'ben@acme.com') }),
    ],
    [
      'it went out before the interview',
      sent('m1', [], '2025-03-03T15:00', { to: to('Ada Okafor', 'ada.o@mail.example') }),
    ],
  ])('no name match when %s', (_name, message) => {
    const all = matches({ ...panel, messages: [message] });
    expect(of(all, 'm1').filter((m) => m.personId === 'ada')).toEqual([]);
  });

  it('a note to the coordinator alone, after a panel where an interviewer has no address, may be a forward', () => {
    const {
      obligations,
      matches: all,
      review,
    } = status({
      ...panel,
      people: [ada, { ...ben, emails: [] }, carla],
      messages: [sent('m1', [], '2025-03-04T16:00', { to: to('Carla', 'Carla@acme.com') })],
    });
    expect(of(all, 'm1')).toEqual([
      {
        messageId: 'm1',
        personId: 'carla',
        applicationId: 'app1',
        interviewId: 'iv1',
        direction: 'sent',
        confidence: 'sure',
        source: 'address',
      },
      {
        messageId: 'm1',
        personId: 'ben',
        applicationId: 'app1',
        interviewId: 'iv1',
        direction: 'sent',
        confidence: 'unsure',
        source: 'forward',
      },
    ]);
    expect(review.map((m) => [m.personId, m.source])).toEqual([['ben', 'forward']]);
    expect(review[0]?.reason).toBe(
      'Sent only to Carla Diaz, who arranged the interview, after it began; you have no address for Ben Lund, so it may be a note for them to pass on.',
    );
    expect(pick(obligations, CARLA).state).toBe('done');
    expect(pick(obligations, BEN).state).toBe('overdue');
    expect(pick(obligations, 'get-address:app1:iv1:ben').state).toBe('overdue');
  });

  it.each<[string, Scenario]>([
    [
      'every interviewer has an address',
      { ...panel, messages: [sent('m1', ['carla@acme.com'], '2025-03-04T16:00')] },
    ],
    [
      'someone else is among the recipients',
      {
        ...panel,
        people: [ada, { ...ben, emails: [] }, carla],
        messages: [sent('m1', ['carla@acme.com', 'ada@acme.com'], '2025-03-04T16:00')],
      },
    ],
    [
      'it went to an interviewer, not the coordinator',
      {
        ...panel,
        people: [ada, { ...ben, emails: [] }, carla],
        messages: [sent('m1', ['ada@acme.com'], '2025-03-04T16:00')],
      },
    ],
    [
      'it went out before the interview',
      {
        ...panel,
        people: [ada, { ...ben, emails: [] }, carla],
        messages: [sent('m1', ['carla@acme.com'], '2025-03-03T16:00')],
      },
    ],
  ])('no forward when %s', (_name, scenario) => {
    expect(status(scenario).review).toEqual([]);
  });

  it.each<[string, KnownMessage[]]>([
    [
      'a note of theirs (In-Reply-To)',
      [
        sent('m1', ['ada@acme.com'], '2025-03-04T15:00'),
        sent('m2', ['ada.private@mail.example'], '2025-03-12T09:00', { inReplyTo: '<m1@mail.me>' }),
      ],
    ],
    [
      'a reply of theirs (References)',
      [
        received('r1', 'ada@acme.com', '2025-03-05T09:00'),
        sent('m2', ['ada.private@mail.example'], '2025-03-05T10:00', {
          references: ['<x@y>', '<r1@mail.them>'],
        }),
      ],
    ],
  ])('a message in the thread of %s, but to another address, is unsure', (_name, messages) => {
    const { review } = status({ ...one, messages });
    expect(review.map(({ reason: _r, ...rest }) => rest)).toEqual([
      {
        messageId: 'm2',
        personId: 'ada',
        applicationId: 'app1',
        interviewId: 'iv1',
        direction: 'sent',
        confidence: 'unsure',
        source: 'thread',
      },
    ]);
    expect(review[0]?.reason).toMatch(
      /^Sent in the thread of (your|their) message ".+" with Ada Okafor, but to ada\.private@mail\.example, an address you do not have for them\.$/,
    );
  });

  it('a message in the thread to another person the user tracks is about that person only', () => {
    const { matches: all, review } = status({
      ...panel,
      messages: [
        sent('m1', ['ada@acme.com'], '2025-03-04T15:00'),
        sent('m2', ['ben@acme.com'], '2025-03-04T16:00', { inReplyTo: '<m1@mail.me>' }),
      ],
    });
    expect(review).toEqual([]);
    expect(of(all, 'm2').map((m) => m.personId)).toEqual(['ben']);
  });

  it('lists only unsure matches for review, and computeStatus gives the same list', () => {
    const scenario: Scenario = {
      ...one,
      messages: [
        sent('m1', ['ada@acme.com'], '2025-03-04T15:00'),
        sent('m2', [], '2025-03-05T15:00', { to: to('Ada Okafor', 'ada@else.example') }),
      ],
    };
    const all = matches(scenario);
    expect(all.map((m) => [m.messageId, m.confidence])).toEqual([
      ['m1', 'sure'],
      ['m2', 'unsure'],
    ]);
    expect(reviewList(all)).toEqual([all[1]]);
    expect(status(scenario).review).toEqual([all[1]]);
  });
});

describe("the user's corrections", () => {
  it('a link makes a thank-you done even to an address the app does not know', () => {
    const {
      obligations,
      matches: all,
      review,
    } = status({
      ...one,
      messages: [sent('m1', ['someone@else.example'], '2025-03-04T15:00')],
      links: [link('m1', 'ada')],
    });
    expect(all).toEqual([
      {
        messageId: 'm1',
        personId: 'ada',
        applicationId: 'app1',
        interviewId: 'iv1',
        direction: 'sent',
        confidence: 'sure',
        reason: 'You linked this message to Ada Okafor yourself.',
        source: 'manual',
      },
    ]);
    expect(review).toEqual([]);
    expect(pick(obligations, ADA)).toMatchObject({
      state: 'done',
      evidence: { type: 'message', messageId: 'm1' },
    });
  });

  it('a link confirms an unsure match: it leaves the review list and completes the note', () => {
    const message = sent('m1', [], '2025-03-04T15:00', {
      to: to('Ada Okafor', 'ada.o@mail.example'),
    });
    const before = status({ ...one, messages: [message] });
    expect(before.review).toHaveLength(1);
    const after = status({ ...one, messages: [message], links: [link('m1', 'ada')] });
    expect(after.review).toEqual([]);
    expect(of(after.matches, 'm1')).toEqual([
      expect.objectContaining({ personId: 'ada', confidence: 'sure', source: 'manual' }),
    ]);
    expect(pick(after.obligations, ADA).state).toBe('done');
  });

  it.each<[string, string, 'due' | 'overdue']>([
    ['due', '2025-03-05T12:00', 'due'],
    ['overdue', LATE, 'overdue'],
  ])('an unlink undoes an automatic match: the note is %s again', (_name, now, state) => {
    const scenario: Scenario = {
      ...one,
      messages: [sent('m1', ['ada@acme.com'], '2025-03-04T15:00')],
      now,
    };
    expect(pick(status(scenario).obligations, ADA).state).toBe('done');
    const {
      obligations,
      matches: all,
      review,
    } = status({
      ...scenario,
      links: [link('m1', 'ada', 'unlink')],
    });
    expect(all).toEqual([]);
    expect(review).toEqual([]);
    expect(pick(obligations, ADA)).toMatchObject({ state, evidence: null });
  });

  it('an unlink rejects an unsure match, and it does not come back', () => {
    const messages = [
      sent('m1', [], '2025-03-04T15:00', { to: to('Ada Okafor', 'ada.o@mail.example') }),
    ];
    const unlinked = { ...one, messages, links: [link('m1', 'ada', 'unlink')] };
    expect(status(unlinked).review).toEqual([]);
    const later = {
      ...unlinked,
      messages: [...messages, sent('m2', ['bob@else.example'], '2025-03-06T15:00')],
    };
    expect(status(later).matches).toEqual([]);
  });

  it('an unlink only concerns its person: the other interviewer keeps the match', () => {
    const { obligations } = status({
      ...panel,
      messages: [sent('m1', ['ada@acme.com', 'ben@acme.com'], '2025-03-04T15:00')],
      links: [link('m1', 'ada', 'unlink')],
    });
    expect(pick(obligations, ADA).state).toBe('overdue');
    expect(pick(obligations, BEN).state).toBe('done');
    expect(pick(obligations, BEN).warnings).toEqual([]);
  });

  it.each<[string, MessageLink[], boolean]>([
    [
      'link then unlink',
      [link('m1', 'ada', 'link', { at: 1 }), link('m1', 'ada', 'unlink', { at: 2 })],
      false,
    ],
    [
      'unlink then link',
      [link('m1', 'ada', 'unlink', { at: 1 }), link('m1', 'ada', 'link', { at: 2 })],
      true,
    ],
    [
      'the same instant: the later in the list',
      [link('m1', 'ada', 'unlink'), link('m1', 'ada')],
      true,
    ],
  ])('the latest correction wins (%s)', (_name, links, done) => {
    const { obligations } = status({
      ...one,
      messages: [sent('m1', ['ada@acme.com'], '2025-03-04T15:00')],
      links,
    });
    expect(pick(obligations, ADA).state).toBe(done ? 'done' : 'overdue');
  });

  it('links survive recomputation with new messages', () => {
    const links = [link('m1', 'ada'), link('m3', 'ada', 'unlink')];
    const first = status({
      ...one,
      messages: [sent('m1', ['ada.o@mail.example'], '2025-03-04T15:00')],
      links,
    });
    expect(pick(first.obligations, ADA).evidence).toMatchObject({ messageId: 'm1' });

    const second = status({
      ...one,
      messages: [
        sent('m3', ['ada@acme.com'], '2025-03-04T14:00'),
        sent('m1', ['ada.o@mail.example'], '2025-03-04T15:00'),
        sent('m2', ['ada@acme.com'], '2025-03-05T15:00'),
        // A second copy of m1 in another folder, seen first this time.
        { ...sent('m1', ['ada.o@mail.example'], '2025-03-04T15:00'), id: 'm1-other-folder' },
      ],
      links,
    });
    expect(pick(second.obligations, ADA).evidence).toMatchObject({ messageId: 'm1' });
    expect(second.matches.map((m) => [m.messageId, m.source])).toEqual([
      ['m1', 'manual'],
      ['m2', 'address'],
    ]);
  });

  it('a link on a copy of a message applies to the copy that is kept', () => {
    const copy = sent('m1', ['ada.o@mail.example'], '2025-03-04T15:00');
    const { obligations } = status({
      ...one,
      messages: [copy, { ...copy, id: 'm1-copy' }],
      links: [link('m1-copy', 'ada')],
    });
    expect(pick(obligations, ADA).evidence).toMatchObject({ messageId: 'm1' });
  });

  it('a link to a message from before the interview is kept but does not count as the note', () => {
    const { obligations, matches: all } = status({
      ...one,
      messages: [sent('m0', ['ada.o@mail.example'], '2025-03-01T15:00')],
      links: [link('m0', 'ada')],
    });
    expect(all).toEqual([
      expect.objectContaining({ personId: 'ada', interviewId: null, source: 'manual' }),
    ]);
    expect(all[0]?.reason).toMatch(/before their first interview/);
    expect(pick(obligations, ADA).state).toBe('overdue');
  });

  it('a link to someone who took part in no interview of the application is kept but counts for nothing', () => {
    const { obligations, matches: all } = status({
      ...one,
      people: [ada, ben],
      messages: [sent('m1', ['ben.b@mail.example'], '2025-03-04T15:00')],
      links: [link('m1', 'ben')],
    });
    expect(of(all, 'm1')).toEqual([
      expect.objectContaining({ personId: 'ben', interviewId: null, source: 'manual' }),
    ]);
    expect(all[0]?.reason).toMatch(/took part in no interview/);
    expect(obligations.map((o) => o.personId)).toEqual(['ada']);
  });

  it.each<[string, MessageLink]>([
    ['an unknown message', link('nope', 'ada')],
    ['an unknown person', link('m1', 'nobody')],
    ['an unknown application', link('m1', 'ada', 'link', { applicationId: 'nope' })],
  ])('a link to %s is ignored', (_name, stale) => {
    const all = matches({
      ...one,
      messages: [sent('m1', ['x@else.example'], '2025-03-04T15:00')],
      links: [stale],
    });
    expect(all).toEqual([]);
  });
});

describe('replies', () => {
  const base: Scenario = {
    ...one,
    messages: [sent('m1', ['ada@acme.com'], '2025-03-04T15:00')],
    now: '2025-03-06T12:00',
  };
  const withReply = (reply: KnownMessage, links: MessageLink[] = []): Scenario => ({
    ...base,
    messages: [...base.messages!, reply],
    links,
  });

  it.each<[string, KnownMessage, string | null, MessageMatch['source'], string]>([
    [
      'from her address',
      received('r1', 'Ada <ADA@acme.com>', '2025-03-06T10:00'),
      'ada',
      'address',
      "From ada@acme.com, Ada Okafor's address.",
    ],
    [
      "from the company's domain by someone unknown",
      received('r1', 'jobs@acme.com', '2025-03-06T10:00'),
      null,
      'domain',
      'From jobs@acme.com, an address at acme.com, the mail domain of Acme.',
    ],
    [
      'in the thread of a note, from a private address',
      received('r1', 'ada.private@mail.example', '2025-03-06T10:00', {
        inReplyTo: '<m1@mail.me>',
      }),
      null,
      'thread',
      'An answer to your message "Thank you - m1" to Ada Okafor.',
    ],
  ])('a message %s is a sure reply', (_name, reply, personId, source, reason) => {
    const { obligations, matches: all } = status(withReply(reply));
    expect(of(all, 'r1')).toEqual([
      {
        messageId: 'r1',
        personId,
        applicationId: 'app1',
        interviewId: 'iv1',
        direction: 'reply',
        confidence: 'sure',
        source,
      },
    ]);
    expect(all.find((m) => m.messageId === 'r1')?.reason).toBe(reason);
    expect(pick(obligations, 'respond-promptly:app1:r1')).toMatchObject({ state: 'due', personId });
  });

  it.each<[string, KnownMessage]>([
    ['an auto-reply', received('r1', 'ada@acme.com', '2025-03-06T10:00', { autoReply: true })],
    [
      'a bounce',
      received('r1', 'mailer-daemon@acme.com', '2025-03-06T10:00', {
        bounce: true,
        inReplyTo: '<m1@mail.me>',
      }),
    ],
    ['a message from before the interview', received('r1', 'ada@acme.com', '2025-03-03T10:00')],
    [
      "the user's own copy",
      received('r1', 'me@home.example', '2025-03-06T10:00', { inReplyTo: '<m1@mail.me>' }),
    ],
    [
      'a message from another address of the user',
      received('r1', 'me@work.example', '2025-03-06T10:00', { inReplyTo: '<m1@mail.me>' }),
    ],
  ])('%s is not a reply', (_name, message) => {
    const { obligations, matches: all } = status({
      ...withReply(message),
      userAddresses: ['me@home.example', 'me@work.example'],
    });
    expect(of(all, 'r1')).toEqual([]);
    expect(obligations.some((o) => o.kind === 'respond-promptly')).toBe(false);
  });

  it('a bounce still flags the note it bounced', () => {
    const { obligations } = status(
      withReply(
        received('b1', 'mailer-daemon@mx.example', '2025-03-04T15:01', {
          bounce: true,
          references: ['<m1@mail.me>'],
        }),
      ),
    );
    expect(warningCodes(pick(obligations, ADA))).toEqual(['address-bounced']);
  });

  it('an unlinked reply raises no alert, not even as a reply from the company', () => {
    const { obligations, matches: all } = status(
      withReply(received('r1', 'ada@acme.com', '2025-03-06T10:00'), [link('r1', 'ada', 'unlink')]),
    );
    expect(of(all, 'r1')).toEqual([]);
    expect(obligations.some((o) => o.kind === 'respond-promptly')).toBe(false);
  });

  it('a message linked by hand as from her is her reply, and answering her counts', () => {
    const { obligations, matches: all } = status({
      ...withReply(received('r1', 'ada.o@mail.example', '2025-03-06T10:00'), [link('r1', 'ada')]),
      messages: [
        ...base.messages!,
        received('r1', 'ada.o@mail.example', '2025-03-06T10:00'),
        sent('a1', ['ada@acme.com'], '2025-03-06T11:00'),
      ],
    });
    expect(of(all, 'r1')).toEqual([
      expect.objectContaining({ personId: 'ada', direction: 'reply', source: 'manual' }),
    ]);
    expect(pick(obligations, 'respond-promptly:app1:r1')).toMatchObject({
      state: 'done',
      personId: 'ada',
      evidence: { messageId: 'a1' },
    });
  });
});

describe('names as compared', () => {
  it.each<[string, string | null]>([
    ['Ada Okafor', 'ada okafor'],
    ['Okafor, Ada', 'ada okafor'],
    ['  Dr. ADA  M. Okafor ', 'ada okafor'],
    ['Adá Økafor', 'ada økafor'],
    ['José Núñez (Recruiting)', 'jose nunez'],
    ['A.', null],
    ['', null],
  ])('%j is %j', (raw, key) => {
    expect(nameKey(raw)).toBe(key);
  });
});
