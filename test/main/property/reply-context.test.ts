/**
 * The replies a sync reads are chosen without every message in memory (domain/reply-context.ts):
 * the rules run on the received mail, the linked messages and only the sent messages they refer
 * to, and on the received messages that answer something, were linked, or come from a tracked
 * domain. This checks, on random mailboxes (fast-check), that they find exactly the sure replies
 * the rules find on every message: copies of one message in two folders, Message-IDs spelled
 * differently, threads through References alone, the user writing from an address only the
 * Sent folder knows, links and unlinks by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareStatus } from '../../../src/main/domain/obligations';
import {
  receivedForReplies,
  replyContext,
  replyDomains,
  type SentHeader,
} from '../../../src/main/domain/reply-context';
import { messageOrder } from '../../../src/main/domain/row-order';
import type { KnownMessage, MailAddress, MessageLink } from '../../../src/shared/model';
import { application, interview, participant, person, rulesInput } from '../domain/factory';

const T0 = Date.UTC(2026, 10, 16, 9, 0, 0);
const HOUR = 3_600_000;
const ME = 'me@home.example';
/** The user's second address: known to the rules only as a sender found in Sent. */
const ALIAS = 'me.too@elsewhere.example';
const RUNS = Number(process.env['PROP_RUNS'] ?? 300);

const PEOPLE = [
  person('ada', { name: 'Ada Okafor', emails: ['ada@acme.com'] }),
  person('lin', { name: 'Lin Wu', emails: ['lin@acme.com'] }),
  person('kim', { name: 'Kim Park', emails: ['kim@globex.example'] }),
];
const APPLICATIONS = [
  application({ id: 'acme', company: 'acme', companyDomains: ['acme.com'] }),
  application({ id: 'globex', company: 'globex', companyDomains: ['globex.example'] }),
];
const INTERVIEWS = [
  interview({ id: 'iv-acme', applicationId: 'acme', startsAt: T0, endsAt: T0 + HOUR }),
  interview({
    id: 'iv-globex',
    applicationId: 'globex',
    startsAt: T0 + HOUR,
    endsAt: T0 + 2 * HOUR,
  }),
];
const PARTICIPANTS = [
  participant('ada', 'iv-acme'),
  participant('lin', 'iv-acme'),
  participant('kim', 'iv-globex'),
];
const APPLICATION_OF: Record<string, string> = { ada: 'acme', lin: 'acme', kim: 'globex' };

const mailbox = (address: string): MailAddress => ({ name: null, address });
const someone = fc.constantFrom(
  'ada@acme.com',
  'lin@acme.com',
  'kim@globex.example',
  'recruiting@acme.com',
  'talent@globex.example',
  'friend@other.example',
  ALIAS,
);
/** One of a few Message-IDs, spelled as mail programs do: copies and threads happen often. */
const headerId = fc
  .tuple(fc.nat(9), fc.constantFrom('<x>', ' <x> ', 'x', '<<x>>'))
  .map(([n, spelling]) => spelling.replace('x', `m${n}@mail.example`));

const messageArb = fc.record({
  sent: fc.boolean(),
  messageId: fc.option(headerId, { freq: 5 }),
  inReplyTo: fc.option(headerId, { freq: 2 }),
  references: fc.array(headerId, { maxLength: 3 }),
  from: someone,
  fromAlias: fc.boolean(),
  to: fc.array(someone, { minLength: 1, maxLength: 3 }),
  hours: fc.integer({ min: -24, max: 96 }),
  bounce: fc.boolean(),
});

type Draft = typeof messageArb extends fc.Arbitrary<infer T> ? T : never;

function toMessages(drafts: Draft[]): KnownMessage[] {
  return drafts
    .map((d, n) => ({
      id: `acct:${d.sent ? 'Sent' : 'INBOX'}:${n}`,
      folderRole: d.sent ? ('sent' as const) : ('inbox' as const),
      messageId: d.messageId,
      inReplyTo: d.inReplyTo,
      references: d.references,
      date: T0 + d.hours * HOUR,
      from: [mailbox(d.sent ? (d.fromAlias ? ALIAS : ME) : d.from)],
      to: d.sent ? d.to.map(mailbox) : [mailbox(ME)],
      cc: [],
      bcc: [],
      subject: `Message ${n}`,
      autoReply: false,
      bounce: !d.sent && d.bounce && d.hours % 7 === 0,
    }))
    .sort(messageOrder);
}

/** A message of the hand-written cases: received, answering nothing, unless said otherwise. */
function draft(over: Partial<Draft> & Pick<Draft, 'hours'>): Draft {
  return {
    sent: false,
    messageId: null,
    inReplyTo: null,
    references: [],
    from: 'friend@other.example',
    fromAlias: false,
    to: [],
    bounce: false,
    ...over,
  };
}

/** Reads messages by id from `messages`, as the store would. */
const readFrom = (messages: readonly KnownMessage[]) => {
  const byId = new Map(messages.map((m) => [m.id, m]));
  return (ids: string[]) => ids.map((id) => byId.get(id)!);
};

function sureReplies(messages: readonly KnownMessage[], links: MessageLink[], own: string[]) {
  const { matches } = prepareStatus(
    rulesInput({
      applications: APPLICATIONS,
      interviews: INTERVIEWS,
      people: PEOPLE,
      participants: PARTICIPANTS,
      messages: [...messages],
      links,
      userAddresses: [ME, ...own],
      userTimeZone: 'UTC',
    }),
  );
  return matches
    .filter((m) => m.direction === 'reply' && m.confidence === 'sure')
    .map((m) => [m.messageId, m.personId, m.applicationId, m.interviewId, m.source, m.reason]);
}

describe('choosing the replies to read without every message', () => {
  it('finds the same sure replies as the rules over every message', () => {
    fc.assert(
      fc.property(
        fc.array(messageArb, { minLength: 1, maxLength: 16 }),
        fc.array(
          fc.record({
            message: fc.nat(),
            personId: fc.constantFrom('ada', 'lin', 'kim'),
            link: fc.boolean(),
          }),
          { maxLength: 3 },
        ),
        (drafts, linkDrafts) => {
          const messages = toMessages(drafts);
          const links: MessageLink[] = linkDrafts.map((l, i) => ({
            messageId: messages[l.message % messages.length]!.id,
            personId: l.personId,
            applicationId: APPLICATION_OF[l.personId]!,
            action: l.link ? 'link' : 'unlink',
            at: i,
          }));
          const sentHeaders: SentHeader[] = messages
            .filter((m) => m.folderRole === 'sent')
            .map(({ id, messageId, from }) => ({ id, messageId, from }));
          const read = readFrom(messages);
          const received = receivedForReplies(
            messages.filter((m) => m.folderRole === 'inbox'),
            replyDomains(PEOPLE, APPLICATIONS),
            new Set(links.map((l) => l.messageId)),
            read,
          );
          const context = replyContext(
            received,
            read(links.map((l) => l.messageId)),
            sentHeaders,
            read,
          );
          expect(sureReplies(context.messages, links, context.sentSenders)).toEqual(
            sureReplies(messages, links, []),
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('leaves out the sent messages no reply refers to, and keeps the user\u2019s addresses', () => {
    const messages = toMessages([
      // A note to Ada, a note to a friend, and Ada's answer to the first.
      draft({ sent: true, messageId: '<note@x>', fromAlias: true, to: ['ada@acme.com'], hours: 2 }),
      draft({ sent: true, messageId: '<other@x>', to: ['friend@other.example'], hours: 3 }),
      draft({ messageId: '<answer@x>', inReplyTo: '<note@x>', from: 'ada@acme.com', hours: 4 }),
    ]);
    const context = replyContext(
      messages.filter((m) => m.folderRole === 'inbox'),
      [],
      messages.filter((m) => m.folderRole === 'sent'),
      readFrom(messages),
    );
    expect(context.messages.map((m) => m.subject)).toEqual(['Message 0', 'Message 2']);
    expect(context.sentSenders.sort()).toEqual([ME, ALIAS].sort());
  });

  it('leaves out received mail that answers nothing and comes from no tracked domain', () => {
    const messages = toMessages([
      draft({ messageId: '<news@x>', hours: 3 }),
      draft({ messageId: '<hello@x>', from: 'recruiting@acme.com', hours: 4 }),
      draft({ messageId: '<re@x>', inReplyTo: '<note@x>', hours: 5 }),
      // Another copy of the company's message (its Message-ID), as found in a second folder.
      draft({ messageId: '<hello@x>', hours: 6 }),
    ]);
    const kept = receivedForReplies(
      messages,
      replyDomains(PEOPLE, APPLICATIONS),
      new Set(),
      readFrom(messages),
    );
    expect(kept.map((m) => m.subject)).toEqual(['Message 1', 'Message 2', 'Message 3']);
  });
});
