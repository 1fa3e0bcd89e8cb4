/**
 * The rules' work kept between runs (`createRulesCache`) gives exactly what a computation from
 * scratch gives, after any sequence of edits (fast-check): people renamed, re-addressed or
 * moved in the list, interviews moved or cancelled, participants, links, marks by hand,
 * settings, the user's addresses and the messages changed, rows read again as new objects.
 * Edits replace rows the way the workspace service does: new lists for what changed only.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createRulesCache,
  prepareStatus,
  type StatusInput,
} from '../../../src/main/domain/obligations';
import type {
  Application,
  Interview,
  KnownMessage,
  MessageLink,
  Participant,
  Person,
} from '../../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../../src/shared/model';
import {
  application,
  at,
  interview,
  manual,
  participant,
  person,
  received,
  sent,
  USER_ZONE,
} from './factory';

const RUNS = Number(process.env['PROP_RUNS'] ?? 150);
const T0 = at('2025-03-04T10:00');
const HOUR = 3_600_000;
const ME = 'me@home.example';

const APP_IDS = ['acme', 'globex', 'initech', 'x:y'];
const NAMES = ['Ada Okafor', 'Grace Hopper', 'Okafor, Ada', 'Alan Turing', ''];
const ADDRESSES = [
  'ada@acme.com',
  'grace@acme.com',
  'shared@globex.example',
  'alan@initech.example',
  'stranger@elsewhere.example',
  'recruiting@initech.example',
];
const DOMAINS = ['acme.com', 'globex.example', 'initech.example'];

/** True once in `n` times or so. */
const rarely = (n: number) => fc.nat(n - 1).map((k) => k === 0);
type Of<A> = A extends fc.Arbitrary<infer T> ? T : never;

const address = fc.constantFrom(...ADDRESSES);
const name = fc.constantFrom(...NAMES);
const hours = fc.integer({ min: -24, max: 120 });

const personArb = fc.record({
  name,
  emails: fc.uniqueArray(address, { maxLength: 2 }),
  doNotContact: rarely(5),
});

const interviewArb = fc.record({
  app: fc.nat(),
  start: fc.integer({ min: 0, max: 72 }),
  cancelled: rarely(5),
  decisionBy: fc.constantFrom(null, '2025-03-10'),
});

const participantArb = fc.record({
  interview: fc.nat(),
  person: fc.nat(),
  role: fc.constantFrom<Participant['role']>('interviewer', 'interviewer', 'arranger'),
});

const messageArb = fc.record({
  sent: fc.boolean(),
  to: fc.array(fc.record({ address, name: fc.option(name, { nil: null }) }), {
    minLength: 1,
    maxLength: 3,
  }),
  at: hours,
  replyTo: fc.option(fc.nat(), { nil: null }),
  bounce: rarely(8),
});

const linkArb = fc.record({
  message: fc.nat(),
  person: fc.nat(),
  app: fc.nat(),
  unlink: fc.boolean(),
  at: fc.nat(3),
});

interface Spec {
  people: Of<typeof personArb>[];
  domains: string[][];
  interviews: Of<typeof interviewArb>[];
  participants: Of<typeof participantArb>[];
  messages: Of<typeof messageArb>[];
  links: Of<typeof linkArb>[];
  /** Whether an application id holds a colon (obligation ids of two applications may meet). */
  colon: boolean;
}

const specArb: fc.Arbitrary<Spec> = fc.record({
  people: fc.array(personArb, { minLength: 2, maxLength: 7 }),
  domains: fc.array(fc.uniqueArray(fc.constantFrom(...DOMAINS), { maxLength: 1 }), {
    minLength: APP_IDS.length,
    maxLength: APP_IDS.length,
  }),
  interviews: fc.array(interviewArb, { minLength: 2, maxLength: 6 }),
  participants: fc.array(participantArb, { minLength: 2, maxLength: 12 }),
  messages: fc.array(messageArb, { minLength: 1, maxLength: 16 }),
  links: fc.array(linkArb, { maxLength: 3 }),
  colon: fc.boolean(),
});

function appId(i: number, colon: boolean): string {
  const id = APP_IDS[i % APP_IDS.length]!;
  return colon || !id.includes(':') ? id : 'xy';
}

/** Message `i` of `count`: a note to the recipients, or a reply from the first; perhaps in a thread. */
function message(spec: Spec['messages'][number], i: number, count: number): KnownMessage {
  const base = spec.sent
    ? sent(`m${i}`, [], '2025-03-04T10:00')
    : received(`m${i}`, spec.to[0]!.address, '2025-03-04T10:00');
  const replyTo = spec.replyTo === null ? null : spec.replyTo % count;
  const referenced = replyTo === null ? null : `<m${replyTo}@mail.${spec.sent ? 'them' : 'me'}>`;
  return {
    ...base,
    date: T0 + spec.at * HOUR,
    to: spec.sent ? spec.to : [{ name: null, address: ME }],
    from: spec.sent ? [{ name: 'Me', address: ME }] : spec.to.slice(0, 1),
    inReplyTo: referenced,
    references: referenced === null ? [] : [referenced],
    bounce: !spec.sent && spec.bounce,
  };
}

function link(spec: Spec['links'][number], input: Omit<StatusInput, 'links'>): MessageLink {
  return {
    messageId: input.messages[spec.message % input.messages.length]!.id,
    personId: input.people[spec.person % input.people.length]!.id,
    applicationId: input.applications[spec.app % input.applications.length]!.id,
    action: spec.unlink ? 'unlink' : 'link',
    at: spec.at,
  };
}

function build(spec: Spec): StatusInput {
  const people = spec.people.map((p, i) => person(`p${i}`, p));
  const applications = spec.domains.map((domains, i) =>
    application({ id: appId(i, spec.colon), company: APP_IDS[i]!, companyDomains: domains }),
  );
  const interviews = spec.interviews.map((v, i) => ({
    ...interview({ id: `iv${i}`, applicationId: appId(v.app, spec.colon) }),
    startsAt: T0 + v.start * HOUR,
    endsAt: T0 + (v.start + 1) * HOUR,
    cancelled: v.cancelled,
    decisionBy: v.decisionBy,
  }));
  const participants = spec.participants.map((p) =>
    participant(`p${p.person % people.length}`, `iv${p.interview % interviews.length}`, p.role),
  );
  const rows = {
    applications,
    interviews,
    people,
    participants,
    manualContacts: [],
    messages: spec.messages.map((m, i) => message(m, i, spec.messages.length)),
    userAddresses: [ME],
    settings: DEFAULT_SETTINGS,
    userTimeZone: USER_ZONE,
  };
  return { ...rows, links: spec.links.map((l) => link(l, rows)) };
}

type Edit = (input: StatusInput) => StatusInput;

function replaceAt<T>(list: readonly T[], i: number, change: (row: T) => T): T[] {
  if (list.length === 0) return [...list];
  const k = i % list.length;
  return list.map((row, j) => (j === k ? change(row) : row));
}

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.tuple(fc.nat(), name).map(([i, n]): Edit => (input) => ({
    ...input,
    people: replaceAt(input.people, i, (p: Person) => ({ ...p, name: n })),
  })),
  fc
    .tuple(fc.nat(), fc.uniqueArray(address, { maxLength: 2 }))
    .map(([i, emails]): Edit => (input) => ({
      ...input,
      people: replaceAt(input.people, i, (p: Person) => ({ ...p, emails })),
    })),
  fc.nat().map((i): Edit => (input) => ({
    ...input,
    people: replaceAt(input.people, i, (p: Person) => ({
      ...p,
      doNotContact: !p.doNotContact,
      notApplicable: p.doNotContact,
    })),
  })),
  fc.nat().map((i): Edit => (input) => {
    // A person moves in the list, as a rename moves them in the store's order by name.
    const k = i % input.people.length;
    return { ...input, people: [input.people[k]!, ...input.people.filter((_, j) => j !== k)] };
  }),
  fc
    .tuple(fc.nat(), fc.uniqueArray(fc.constantFrom(...DOMAINS), { maxLength: 2 }))
    .map(([i, domains]): Edit => (input) => ({
      ...input,
      applications: replaceAt(input.applications, i, (a: Application) => ({
        ...a,
        companyDomains: domains,
        status: a.status === 'offer' ? 'interviewing' : 'offer',
      })),
    })),
  fc
    .tuple(fc.nat(), fc.integer({ min: -24, max: 48 }), fc.boolean())
    .map(([i, shift, cancel]): Edit => (input) => ({
      ...input,
      interviews: replaceAt(input.interviews, i, (v: Interview) => ({
        ...v,
        startsAt: v.startsAt + shift * HOUR,
        endsAt: v.endsAt + shift * HOUR,
        cancelled: cancel ? !v.cancelled : v.cancelled,
      })),
    })),
  participantArb.map((p): Edit => (input) => ({
    ...input,
    participants: [
      ...input.participants,
      participant(
        `p${p.person % input.people.length}`,
        `iv${p.interview % input.interviews.length}`,
        p.role,
      ),
    ],
  })),
  fc.nat().map((i): Edit => (input) => ({
    ...input,
    participants: input.participants.filter((_, j) => j !== i % input.participants.length),
  })),
  linkArb.map((l): Edit => (input) => ({ ...input, links: [...input.links, link(l, input)] })),
  fc.tuple(fc.nat(), fc.nat(), hours).map(([p, v, h]): Edit => (input) => {
    const during = input.interviews[v % input.interviews.length]!;
    const contact = manual(
      `c${input.manualContacts.length}`,
      input.people[p % input.people.length]!.id,
      '2025-03-04T10:00',
      {
        applicationId: during.applicationId,
        interviewId: during.id,
        at: T0 + h * HOUR,
      },
    );
    return { ...input, manualContacts: [...input.manualContacts, contact] };
  }),
  fc.constantFrom(...(['same-day', '24h', '48h'] as const)).map((window): Edit => (input) => ({
    ...input,
    settings: { ...input.settings, thankYouWindow: window },
  })),
  address.map((own): Edit => (input) => ({ ...input, userAddresses: [ME, own] })),
  messageArb.map((m): Edit => (input) => ({
    ...input,
    messages: [...input.messages, message(m, input.messages.length, input.messages.length + 1)],
  })),
  fc.constant<Edit>((input) => ({
    ...input,
    applications: input.applications.map((a) => ({ ...a })),
    interviews: input.interviews.map((v) => ({ ...v })),
    people: input.people.map((p) => ({ ...p })),
    participants: input.participants.map((p) => ({ ...p })),
  })),
  personArb.map((p): Edit => (input) => ({
    ...input,
    people: [...input.people, person(`p${input.people.length}`, p)],
  })),
);

describe('the rules kept between runs', () => {
  it('give after every edit exactly what the rules give from scratch', () => {
    fc.assert(
      fc.property(specArb, fc.array(editArb, { minLength: 1, maxLength: 8 }), (spec, edits) => {
        const cache = createRulesCache();
        let input = build(spec);
        expect(prepareStatus({ ...input, cache })).toEqual(prepareStatus(input));
        for (const edit of edits) {
          input = edit(input);
          expect(prepareStatus({ ...input, cache })).toEqual(prepareStatus(input));
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('work out again only the applications an edit touches', () => {
    const input: StatusInput = {
      ...build({
        people: [
          { name: 'Ada Okafor', emails: ['ada@acme.com'], doNotContact: false },
          { name: 'Alan Turing', emails: ['alan@initech.example'], doNotContact: false },
        ],
        domains: APP_IDS.map(() => []),
        interviews: [
          { app: 0, start: 0, cancelled: false, decisionBy: null },
          { app: 2, start: 0, cancelled: false, decisionBy: null },
        ],
        participants: [
          { interview: 0, person: 0, role: 'interviewer' },
          { interview: 1, person: 1, role: 'interviewer' },
        ],
        messages: [],
        links: [],
        colon: false,
      }),
    };
    const cache = createRulesCache();
    const before = prepareStatus({ ...input, cache });
    const people = replaceAt(input.people, 0, (p) => ({ ...p, name: 'Ada B. Okafor' }));
    const after = prepareStatus({ ...input, people, cache });
    const of = (id: string) => (o: { applicationId: string }) => o.applicationId === id;
    expect(after.obligations.filter(of('initech'))).toEqual(
      before.obligations.filter(of('initech')),
    );
    // The same objects: the untouched application's rules did not run again.
    expect(after.obligations.find(of('initech'))).toBe(before.obligations.find(of('initech')));
    expect(after.obligations.find(of('acme'))).not.toBe(before.obligations.find(of('acme')));
    expect(after).toEqual(prepareStatus({ ...input, people }));
  });

  it('follow the order of people where it shows: which arranger sharing an address a note names', () => {
    const desk = ['desk@acme.com'];
    const input: StatusInput = {
      ...build({
        people: [],
        domains: APP_IDS.map(() => []),
        interviews: [],
        participants: [],
        messages: [],
        links: [],
        colon: false,
      }),
      people: [
        person('x', { name: 'Xena Arranger', emails: desk }),
        person('y', { name: 'Yuri Arranger', emails: desk }),
        person('z', { name: 'Zed Interviewer', emails: [] }),
      ],
      interviews: [interview({ id: 'iv1', applicationId: 'acme' })],
      participants: [
        participant('x', 'iv1', 'arranger'),
        participant('y', 'iv1', 'arranger'),
        participant('z', 'iv1', 'interviewer'),
      ],
      messages: [sent('note', desk, '2025-03-04T13:00')],
    };
    const cache = createRulesCache();
    const forward = (status: ReturnType<typeof prepareStatus>) =>
      status.review.find((m) => m.source === 'forward')?.reason;
    expect(forward(prepareStatus({ ...input, cache }))).toMatch(/^Sent only to Xena Arranger,/);
    const [x, y, z] = input.people as [Person, Person, Person];
    for (const people of [
      [y, x, z],
      [{ ...y, notes: 'edited' }, x, z],
      [x, y, z],
    ]) {
      const moved = { ...input, people };
      expect(prepareStatus({ ...moved, cache })).toEqual(prepareStatus(moved));
      expect(forward(prepareStatus({ ...moved, cache }))).toMatch(
        people[0]!.id === 'y' ? /^Sent only to Yuri Arranger,/ : /^Sent only to Xena Arranger,/,
      );
    }
  });
});
