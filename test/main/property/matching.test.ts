/**
 * Matching never names the wrong person (fast-check). Messages go through the real header
 * parser: their To, Cc, Bcc and From are random hostile text, look-alike addresses, display
 * names that hold someone's address or name, and sometimes one tracked person's address.
 * A sure match to a person always has one of that person's addresses written as a mailbox in
 * the message; a person whose address is written properly is always found.
 */
import fc from 'fast-check';
import libmime from 'libmime';
import { describe, expect, it } from 'vitest';
import { normalizeAddress } from '../../../src/main/domain/addresses';
import { matchMessages, type MessageMatch } from '../../../src/main/domain/matching';
import { toKnownMessage } from '../../../src/main/mail/headers';
import type {
  Application,
  Interview,
  KnownMessage,
  Participant,
  Person,
} from '../../../src/shared/model';

const T0 = Date.UTC(2026, 10, 16, 9, 0, 0);
const HOUR = 3_600_000;
const ME = 'me@home.example';
const RUNS = Number(process.env['PROP_RUNS'] ?? 300);

function person(id: string, name: string, emails: string[]): Person {
  return {
    id,
    name,
    title: '',
    company: '',
    emails,
    phone: '',
    firstNameOk: false,
    doNotContact: false,
    notApplicable: false,
    notes: '',
  };
}

/** Six people with distinct addresses, some sharing a domain, one with two addresses. */
const PEOPLE: Person[] = [
  person('ada', 'Ada Okafor', ['ada@acme.com']),
  person('grace', 'Grace Hopper', ['grace@acme.com', 'g.hopper@gmail.example']),
  person('alan', 'Alan Turing', ['alan@globex.example']),
  person('kim', 'Kim Park', ['Kim.Park@Globex.example']),
  person('jo', 'Jo', ['jo@initech.example']),
  person('ada2', 'Ada Okafor', ['ada.okafor@initech.example']),
];

function application(id: string, domains: string[]): Application {
  return {
    id,
    company: id,
    roleTitle: 'Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: null,
    decidedOn: null,
    companyDomains: domains,
    notes: '',
    createdAt: 0,
    updatedAt: 0,
  };
}

const APPLICATIONS = [
  application('acme', ['acme.com']),
  application('globex', ['globex.example']),
  application('initech', ['initech.example']),
];

function interview(id: string, applicationId: string, startsAt: number): Interview {
  return {
    id,
    applicationId,
    kind: 'video',
    startsAt,
    endsAt: startsAt + HOUR,
    timeZone: 'UTC',
    location: null,
    decisionBy: null,
    contactPlan: '',
    contactPersonId: null,
    outcome: 'unknown',
    notes: '',
    cancelled: false,
  };
}

const INTERVIEWS = [
  interview('iv-acme', 'acme', T0),
  interview('iv-globex', 'globex', T0 + 24 * HOUR),
  interview('iv-initech', 'initech', T0 + 48 * HOUR),
];

const take = (personId: string, interviewId: string): Participant => ({
  interviewId,
  personId,
  role: 'interviewer',
  topics: '',
  notes: '',
});
const PARTICIPANTS: Participant[] = [
  take('ada', 'iv-acme'),
  take('grace', 'iv-acme'),
  take('alan', 'iv-globex'),
  take('kim', 'iv-globex'),
  take('kim', 'iv-initech'),
  take('jo', 'iv-initech'),
  take('ada2', 'iv-initech'),
];

const ALL_ADDRESSES = PEOPLE.flatMap((p) => p.emails);

/** Addresses that are not anybody's but look like someone's. */
const lookalike = fc
  .tuple(fc.constantFrom(...ALL_ADDRESSES.map((a) => a.toLowerCase())), fc.nat(9))
  .map(([address, how]) => {
    const [local, domain] = address.split('@') as [string, string];
    return [
      `x${address}`,
      `${address}.evil.example`,
      `${local}@${domain.replace(/\.[a-z]+$/, '.co')}`,
      `${local}+tag@${domain}`,
      `${local}@sub.${domain}`,
      `${local}.@${domain}`,
      `"${local}"@${domain}x`,
      `${local}@${domain}@evil.example`,
      `${local}%${domain}@evil.example`,
      `${local.slice(1)}@${domain}`,
    ][how]!;
  });

/** Raw text that may break an address list: brackets, quotes, groups, encoded words. */
const garbage = fc
  .array(
    fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('"', '<', '>', ',', ';', ':', '(', ')', '\\', '@', '=?utf-8?q?', '?='),
      fc.constantFrom(...ALL_ADDRESSES),
      lookalike,
    ),
    { maxLength: 6 },
  )
  .map((parts) => parts.join('').replace(/[\r\n]/g, ' '));

/** A display name that holds someone's name or address, written as a quoted string or encoded word. */
const trickyName = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(...PEOPLE.map((p) => p.name)),
      fc.constantFrom(...ALL_ADDRESSES).map((a) => `<${a}>`),
      fc.constantFrom(...ALL_ADDRESSES),
      fc.string({ maxLength: 20 }),
    ),
    fc.boolean(),
  )
  .map(([name, encoded]) => {
    const clean = name.replace(/\p{Cc}/gu, ' ');
    return encoded ? libmime.encodeWord(clean, 'Q') : `"${clean.replace(/(["\\])/g, '\\$1')}"`;
  });

/** One entry of an address header: garbage, a tricky name on someone else's address, or a person. */
type Entry = { text: string; person: string | null };
const strangerEntry: fc.Arbitrary<Entry> = fc.oneof(
  garbage.map((text) => ({ text, person: null })),
  fc
    .tuple(trickyName, lookalike)
    .map(([name, address]) => ({ text: `${name} <${address}>`, person: null })),
);
const personEntry: fc.Arbitrary<Entry> = fc
  .tuple(fc.constantFrom(...PEOPLE), fc.nat(5), trickyName, fc.boolean())
  .map(([p, i, name, upper]) => {
    const address = p.emails[i % p.emails.length]!;
    const written = upper ? address.toUpperCase() : address.toLowerCase();
    return { text: `${name} <${written}>`, person: p.id };
  });

interface Draft {
  role: 'sent' | 'inbox';
  /** Header name to its entries (To, Cc, Bcc for sent mail; From for received mail). */
  fields: Record<string, Entry[]>;
  date: number;
}

function draft(entry: fc.Arbitrary<Entry>): fc.Arbitrary<Draft> {
  const list = fc.array(entry, { maxLength: 5 });
  return fc.oneof(
    fc.record({
      role: fc.constant<'sent'>('sent'),
      fields: fc.record({ To: list, Cc: list, Bcc: list }),
      date: fc.integer({ min: T0 - 24 * HOUR, max: T0 + 96 * HOUR }),
    }),
    fc.record({
      role: fc.constant<'inbox'>('inbox'),
      fields: fc.record({ From: list }),
      date: fc.integer({ min: T0 - 24 * HOUR, max: T0 + 96 * HOUR }),
    }),
  );
}

/** Writes the message as headers and reads it back as sync would. */
function toMessage(d: Draft, n: number): { message: KnownMessage; raw: Record<string, string> } {
  const raw: Record<string, string> = {};
  const lines = [`Message-ID: <m${n}@mail.example>`, `Subject: Message ${n}`];
  lines.push(`Date: ${new Date(d.date).toUTCString().replace('GMT', '+0000')}`);
  if (d.role === 'sent') lines.push(`From: Me <${ME}>`);
  for (const [name, entries] of Object.entries(d.fields)) {
    raw[name] = entries.map((e) => e.text).join(', ');
    lines.push(`${name}: ${raw[name]}`);
  }
  const message = toKnownMessage(lines.join('\r\n') + '\r\n\r\n', {
    idPrefix: `acct:${d.role}`,
    folderRole: d.role,
    fallbackKey: `uid:1:${n}`,
    fallbackDate: d.date,
  });
  return { message, raw };
}

/**
 * True when `address` is written in `text` as a whole mailbox, not as part of a longer one:
 * no word, dot, plus or hyphen before it, no domain character after it, and no `x@` in front or
 * `@host` behind (`xada@…`, `…com.evil.example`, `…com@evil.example` are other mailboxes).
 * Stray punctuation (`"ada@acme.com`, `ada@acme.com(`, a NUL, a lone `@`) leaves it whole: in
 * garbage such as `?=ada@acme.com@` the parser takes the one plausible address, as mail
 * programs do.
 */
function writtenAsMailbox(text: string, address: string): boolean {
  const escaped = address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = '(?<![\\w.+-])(?<![\\w.-]@)';
  const after = '(?![\\w-]|\\.[\\w-])(?!@[\\w.-])';
  return new RegExp(`${before}${escaped}${after}`, 'i').test(text);
}

function match(drafts: Draft[]): {
  matches: MessageMatch[];
  byId: Map<string, { draft: Draft; raw: Record<string, string>; message: KnownMessage }>;
} {
  const byId = new Map<
    string,
    { draft: Draft; raw: Record<string, string>; message: KnownMessage }
  >();
  const messages = drafts.map((d, n) => {
    const { message, raw } = toMessage(d, n);
    byId.set(message.id, { draft: d, raw, message });
    return message;
  });
  const matches = matchMessages({
    applications: APPLICATIONS,
    interviews: INTERVIEWS,
    people: PEOPLE,
    participants: PARTICIPANTS,
    messages,
    links: [],
    userAddresses: [ME],
  });
  return { matches, byId };
}

const peopleById = new Map(PEOPLE.map((p) => [p.id, p]));
const appsOf = (personId: string): Set<string> =>
  new Set(
    PARTICIPANTS.filter((p) => p.personId === personId).map(
      (p) => INTERVIEWS.find((i) => i.id === p.interviewId)!.applicationId,
    ),
  );

describe('matching hostile mail to people', () => {
  it('never makes a sure match to a person whose address is not written in the message', () => {
    fc.assert(
      fc.property(
        fc.array(draft(fc.oneof(strangerEntry, strangerEntry, personEntry)), {
          minLength: 1,
          maxLength: 12,
        }),
        (drafts) => {
          const { matches, byId } = match(drafts);
          for (const m of matches) {
            if (m.confidence !== 'sure' || m.personId === null) continue;
            const { draft: d, raw } = byId.get(m.messageId)!;
            const person = peopleById.get(m.personId)!;
            const where = d.role === 'sent' ? [raw['To'], raw['Cc'], raw['Bcc']] : [raw['From']];
            const written = person.emails.some((address) =>
              where.some((text) => writtenAsMailbox(text ?? '', address)),
            );
            expect(written, `${m.personId} matched on ${JSON.stringify(raw)}`).toBe(true);
            expect(m.direction).toBe(d.role === 'sent' ? 'sent' : 'reply');
            expect(appsOf(m.personId).has(m.applicationId)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('never turns a look-alike address or a name alone into a sure match', () => {
    fc.assert(
      fc.property(fc.array(draft(strangerEntry), { minLength: 1, maxLength: 12 }), (drafts) => {
        const { matches, byId } = match(drafts);
        for (const m of matches.filter((x) => x.confidence === 'sure' && x.personId !== null)) {
          // Only garbage that happens to contain a real address as a whole mailbox may match.
          const { raw } = byId.get(m.messageId)!;
          const person = peopleById.get(m.personId!)!;
          expect(
            person.emails.some((a) => Object.values(raw).some((t) => writtenAsMailbox(t, a))),
            JSON.stringify(raw),
          ).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('always finds a person whose address is written properly, after their interview began', () => {
    const wellFormedStranger: fc.Arbitrary<Entry> = fc
      .tuple(trickyName, lookalike)
      .map(([name, address]) => ({ text: `${name} <${address}>`, person: null }));
    fc.assert(
      fc.property(
        fc.array(draft(fc.oneof(wellFormedStranger, personEntry)), { minLength: 1, maxLength: 12 }),
        (drafts) => {
          const { matches, byId } = match(drafts);
          for (const [id, { draft: d, message }] of byId) {
            const named = new Set(
              Object.values(d.fields)
                .flat()
                .flatMap((e) => (e.person ? [e.person] : [])),
            );
            for (const personId of named) {
              for (const appId of appsOf(personId)) {
                const started = INTERVIEWS.some(
                  (i) =>
                    i.applicationId === appId &&
                    PARTICIPANTS.some((p) => p.personId === personId && p.interviewId === i.id) &&
                    i.startsAt <= message.date,
                );
                // A reply counts only after the application's first interview; a note after theirs.
                const firstStart = Math.min(
                  ...INTERVIEWS.filter((i) => i.applicationId === appId).map((i) => i.startsAt),
                );
                const due = d.role === 'sent' ? started : message.date > firstStart;
                if (!due) continue;
                const found = matches.some(
                  (m) =>
                    m.messageId === id &&
                    m.personId === personId &&
                    m.applicationId === appId &&
                    m.confidence === 'sure',
                );
                expect(found, `${personId} in ${appId}: ${JSON.stringify(d.fields)}`).toBe(true);
              }
            }
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('normalises addresses only to themselves: a look-alike never becomes a tracked address', () => {
    const tracked = new Set(ALL_ADDRESSES.map((a) => a.toLowerCase()));
    fc.assert(
      fc.property(lookalike, (address) => {
        const normal = normalizeAddress(address);
        expect(normal === null || !tracked.has(normal)).toBe(true);
      }),
    );
  });
});
