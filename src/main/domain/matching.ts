/**
 * Which message is about whom: sent messages and replies matched to the people and
 * applications the user tracks, each with how sure the app is and why, in plain words.
 *
 * Sure matches count as evidence for the rules; unsure ones only go to a review list, where
 * the user confirms them (a `link`) or rejects them (an `unlink`). The user's corrections
 * always win over the automatic rules, and because they are inputs, they survive every
 * recomputation.
 *
 * Every match is about one application, so matching runs one application at a time, on its
 * own rows (see ./application-rows), the messages indexed once (see ./mail-index), and a few
 * facts about everyone: whose addresses are known, and who arranged an interview a note may
 * have gone through. What it read of those is kept with its result, so a caller keeping the
 * result knows when it no longer holds. Pure; the work grows with the data, not its product.
 */
import type {
  Interview,
  KnownMessage,
  MailAddress,
  MatchConfidence,
  MatchDirection,
  MatchSource,
  MessageLink,
  MessageMatch,
  Person,
} from '../../shared/model';
import { companyDomain, normalizeAddresses } from './addresses';
import type { ApplicationRows, ForwardTarget, PersonKeys, WorkspaceRows } from './application-rows';
import {
  byStart,
  createPersonKeys,
  forwardArrangers,
  forwardTargets,
  groupByApplication,
} from './application-rows';
import type { MailIndex, MessageFacts } from './mail-index';
import { createMailCache, nameKey } from './mail-index';

export { nameKey };

export type { MatchConfidence, MatchDirection, MatchSource, MessageMatch };

/** What matching looks at. */
export type MatchInput = Omit<WorkspaceRows, 'manualContacts'> & {
  messages: readonly KnownMessage[];
  /** The user's own addresses (the senders found in Sent are added): never a person, never a reply. */
  userAddresses: readonly string[];
};

/** What matching reads besides one application's rows: the same for every application. */
export interface MatchContext {
  readonly mail: MailIndex;
  /** The user's own addresses: the ones given and the senders found in Sent. */
  readonly myAddresses: ReadonlySet<string>;
  /** Every person's addresses: a recipient among them or the user's is not unknown. */
  readonly peopleAddresses: ReadonlySet<string>;
  /** People who arranged an interview, of any application, that is a forward target. */
  readonly forwardArrangers: ReadonlySet<string>;
  readonly keysOf: (person: Person) => PersonKeys;
}

/** A message, once, with its normalised addresses and one application's matches. */
export interface AnalyzedMessage {
  message: KnownMessage;
  /** What the message itself says, normalised. */
  facts: MessageFacts;
  /** Where the message comes in the order of matches (see `MailIndex.sentRank`). */
  rank: number;
  /** To, Cc and Bcc of a sent message without the user's own addresses; From of one received. */
  addresses: readonly string[];
  /** Sure matches, or null when there is none. */
  sure: MessageMatch[] | null;
  /** Unsure matches, or null when there is none. */
  unsure: MessageMatch[] | null;
}

/** One application's matches, and what matching read of the facts about everyone. */
export interface ApplicationMatches {
  /** In the order of all matches (see `compareMatches`). */
  readonly matches: readonly MessageMatch[];
  /** The message of each match, at the same position as in `matches`. */
  readonly records: readonly AnalyzedMessage[];
  /** Addresses looked up among the known ones, with the answer. */
  readonly knownRead: ReadonlyMap<string, boolean>;
  /** People looked up among the forward arrangers, with the answer. */
  readonly arrangersRead: ReadonlyMap<string, boolean>;
}

/** Matches of several applications in the order of all matches, with their messages' ranks. */
export interface MatchList {
  readonly matches: MessageMatch[];
  /** Parallel to `matches`: the rank of each match's message. */
  readonly ranks: number[];
}

/** Every match of every message, sure and unsure, by message date. */
export function matchMessages(input: MatchInput): MessageMatch[] {
  const mail = createMailCache().indexOf(input.messages);
  const keysOf = createPersonKeys();
  const { addresses, applications } = groupByApplication(
    { ...input, manualContacts: [] },
    keysOf,
    null,
  );
  const arrangers = new Set<string>();
  for (const rows of applications.values()) {
    for (const id of forwardArrangers(rows, keysOf)) arrangers.add(id);
  }
  const context = matchContext(mail, input.userAddresses, addresses, arrangers, keysOf);
  const each = [...applications.values()].map((rows) => matchApplication(rows, context));
  return sortMatches(each).matches;
}

/** The facts about everyone that matching reads (see `MatchContext`). */
export function matchContext(
  mail: MailIndex,
  userAddresses: readonly string[],
  peopleAddresses: ReadonlySet<string>,
  forwardArrangers: ReadonlySet<string>,
  keysOf: (person: Person) => PersonKeys,
): MatchContext {
  const myAddresses = new Set(normalizeAddresses(userAddresses));
  for (const address of mail.sentSenders) myAddresses.add(address);
  return { mail, myAddresses, peopleAddresses, forwardArrangers, keysOf };
}

function known(context: MatchContext, address: string): boolean {
  return context.myAddresses.has(address) || context.peopleAddresses.has(address);
}

/** Whether what `matched` read of the facts about everyone is still so in `context`. */
export function stillHolds(matched: ApplicationMatches, context: MatchContext): boolean {
  for (const [address, wasKnown] of matched.knownRead) {
    if (known(context, address) !== wasKnown) return false;
  }
  for (const [personId, arranger] of matched.arrangersRead) {
    if (context.forwardArrangers.has(personId) !== arranger) return false;
  }
  return true;
}

/** The unsure matches the user should confirm (link) or reject (unlink). */
export function reviewList(matches: readonly MessageMatch[]): MessageMatch[] {
  return matches.filter((m) => m.confidence === 'unsure');
}

/** A key made of two ids. */
export function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [v]);
  else list.push(v);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The order of all matches: by message date (messages of the same instant sent before
 * received, each in input order), within a message sure before unsure, then by application
 * and person.
 */
export function compareMatches(
  rankA: number,
  a: MessageMatch,
  rankB: number,
  b: MessageMatch,
): number {
  return (
    rankA - rankB ||
    (a.confidence === b.confidence ? 0 : a.confidence === 'sure' ? -1 : 1) ||
    compareIds(a.applicationId, b.applicationId) ||
    compareIds(a.personId ?? '', b.personId ?? '')
  );
}

/** The matches of several applications, in the order of all matches. */
export function sortMatches(each: readonly ApplicationMatches[]): MatchList {
  const entries: { rank: number; match: MessageMatch }[] = [];
  for (const { matches, records } of each) {
    matches.forEach((match, i) => entries.push({ rank: records[i]!.rank, match }));
  }
  entries.sort((a, b) => compareMatches(a.rank, a.match, b.rank, b.match));
  return { matches: entries.map((e) => e.match), ranks: entries.map((e) => e.rank) };
}

/** The last of `sorted` (by start) that started at or before `at`. */
function latestStartedBy(sorted: readonly Interview[] | undefined, at: number): Interview | null {
  if (sorted === undefined) return null;
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.startsAt <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : sorted[lo - 1]!;
}

function displayName(person: Person): string {
  const name = person.name.trim();
  return name === '' ? 'this person' : name;
}

function possessive(person: Person): string {
  const name = person.name.trim();
  return name === '' ? "this person's" : `${name}'s`;
}

function addressWords(person: Person, count: number): string {
  return count > 1 ? `one of ${possessive(person)} addresses` : `${possessive(person)} address`;
}

function yourMessage(subject: string): string {
  const text = subject.trim();
  return text === '' ? 'your message' : `your message "${text}"`;
}

function theirMessage(subject: string): string {
  const text = subject.trim();
  return text === '' ? 'their message' : `their message "${text}"`;
}

function list(words: readonly string[]): string {
  return words.length <= 1
    ? (words[0] ?? '')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]!}`;
}

/** Entry `i` of To, Cc and Bcc taken as one list. */
function entryAt(message: KnownMessage, i: number): MailAddress {
  const { to, cc, bcc } = message;
  if (i < to.length) return to[i]!;
  if (i < to.length + cc.length) return cc[i - to.length]!;
  return bcc[i - to.length - cc.length]!;
}

/** Positions found under any of `keys` in `positions`, each once. */
function gather(
  keys: Iterable<string>,
  positions: ReadonlyMap<string, readonly number[]>,
  into: Set<number> = new Set<number>(),
): Set<number> {
  for (const key of keys) {
    const found = positions.get(key);
    if (found !== undefined) for (const position of found) into.add(position);
  }
  return into;
}

function ascending(set: Set<number>): number[] {
  return [...set].sort((a, b) => a - b);
}

/** Matching one application: its rows keyed, the messages it looked at, what it read. */
interface Matcher {
  readonly appId: string;
  readonly company: string;
  readonly context: MatchContext;
  readonly mail: MailIndex;
  /** Interviews that count, by start. */
  readonly interviews: readonly Interview[];
  /** The application's people: who took part, and who a link is about. */
  readonly people: ReadonlyMap<string, Person>;
  /** Each person who took part: their interviews here, by start. */
  readonly own: ReadonlyMap<string, Interview[]>;
  /** Who took part, by normalised address and by name key, in input order. */
  readonly byAddress: ReadonlyMap<string, string[]>;
  readonly byName: ReadonlyMap<string, string[]>;
  readonly domains: ReadonlySet<string>;
  readonly forward: ReadonlyMap<string, ForwardTarget>;
  /** The user's corrections in effect, by message and person: the latest one wins. */
  readonly links: ReadonlyMap<string, MessageLink>;
  /** Messages with an unlink: no automatic match to the company alone there. */
  readonly unlinked: ReadonlySet<string>;
  readonly sentRecords: Map<number, AnalyzedMessage>;
  readonly inboxRecords: Map<number, AnalyzedMessage>;
  readonly knownRead: Map<string, boolean>;
  readonly arrangersRead: Map<string, boolean>;
  /** The same address and person give the same words each time: made once. */
  readonly reasons: Map<string, { sentTo: string; from: string }>;
}

/** One application's matches; see `ApplicationMatches`. */
export function matchApplication(rows: ApplicationRows, context: MatchContext): ApplicationMatches {
  const matcher = createMatcher(rows, context);
  matchLinks(matcher);
  matchSent(matcher);
  matchReplies(matcher);
  matchUnsure(matcher);
  return collect(matcher);
}

function createMatcher(rows: ApplicationRows, context: MatchContext): Matcher {
  const { mail, keysOf } = context;
  const people = new Map(rows.people.map((person) => [person.id, person]));
  const interviewsById = new Map(rows.interviews.map((interview) => [interview.id, interview]));
  const own = new Map<string, Interview[]>();
  for (const participant of rows.participants) {
    const interview = interviewsById.get(participant.interviewId)!;
    const list = own.get(participant.personId);
    if (list === undefined) own.set(participant.personId, [interview]);
    else if (!list.includes(interview)) list.push(interview);
  }
  for (const list of own.values()) list.sort(byStart);
  const byAddress = new Map<string, string[]>();
  const byName = new Map<string, string[]>();
  for (const person of rows.people) {
    if (!own.has(person.id)) continue;
    const keys = keysOf(person);
    for (const address of keys.addresses) push(byAddress, address, person.id);
    if (keys.name !== null) push(byName, keys.name, person.id);
  }
  const domains = new Set<string>();
  for (const raw of rows.application.companyDomains) {
    const domain = companyDomain(raw);
    if (domain !== null) domains.add(domain);
  }
  const links = new Map<string, MessageLink>();
  for (const link of rows.links) {
    const messageId = mail.aliasOf.get(link.messageId) ?? link.messageId;
    if (!mail.positionById.has(messageId)) continue;
    const k = pairKey(messageId, link.personId);
    const before = links.get(k);
    if (before === undefined || link.at >= before.at) links.set(k, { ...link, messageId });
  }
  const unlinked = new Set<string>();
  for (const link of links.values()) if (link.action === 'unlink') unlinked.add(link.messageId);
  return {
    appId: rows.application.id,
    company: rows.application.company.trim(),
    context,
    mail,
    interviews: rows.interviews,
    people,
    own,
    byAddress,
    byName,
    domains,
    forward: forwardTargets(rows, keysOf),
    links,
    unlinked,
    sentRecords: new Map(),
    inboxRecords: new Map(),
    knownRead: new Map(),
    arrangersRead: new Map(),
    reasons: new Map(),
  };
}

function sentRecord(m: Matcher, i: number): AnalyzedMessage {
  let record = m.sentRecords.get(i);
  if (record === undefined) {
    const facts = m.mail.sentFacts[i]!;
    const { recipients } = facts;
    const mine = m.context.myAddresses;
    record = {
      message: m.mail.sent[i]!,
      facts,
      rank: m.mail.sentRank[i]!,
      addresses: recipients.some((a) => mine.has(a))
        ? recipients.filter((a) => !mine.has(a))
        : recipients,
      sure: null,
      unsure: null,
    };
    m.sentRecords.set(i, record);
  }
  return record;
}

function inboxRecord(m: Matcher, j: number): AnalyzedMessage {
  let record = m.inboxRecords.get(j);
  if (record === undefined) {
    const facts = m.mail.inboxFacts[j]!;
    record = {
      message: m.mail.inbox[j]!,
      facts,
      rank: m.mail.inboxRank[j]!,
      addresses: facts.senders,
      sure: null,
      unsure: null,
    };
    m.inboxRecords.set(j, record);
  }
  return record;
}

function isKnown(m: Matcher, address: string): boolean {
  const answer = known(m.context, address);
  m.knownRead.set(address, answer);
  return answer;
}

function isForwardArranger(m: Matcher, personId: string): boolean {
  const arranger = m.context.forwardArrangers.has(personId);
  m.arrangersRead.set(personId, arranger);
  return arranger;
}

/** Whether the user linked or unlinked this message and person here: matching leaves it to them. */
function decided(m: Matcher, messageId: string, personId: string): boolean {
  return m.links.size > 0 && m.links.has(pairKey(messageId, personId));
}

function reasonsFor(m: Matcher, address: string, personId: string) {
  const k = pairKey(address, personId);
  let words = m.reasons.get(k);
  if (words === undefined) {
    const person = m.people.get(personId)!;
    const whose = addressWords(person, m.context.keysOf(person).addresses.length);
    words = { sentTo: `Sent to ${address}, ${whose}.`, from: `From ${address}, ${whose}.` };
    m.reasons.set(k, words);
  }
  return words;
}

function findIn(
  matches: readonly MessageMatch[] | null,
  personId: string | null,
): MessageMatch | undefined {
  return matches?.find((match) => match.personId === personId);
}

function addSure(record: AnalyzedMessage, match: MessageMatch): void {
  if (record.sure === null) record.sure = [match];
  else if (findIn(record.sure, match.personId) === undefined) record.sure.push(match);
}

/** 1. The user's links. */
function matchLinks(m: Matcher): void {
  for (const link of m.links.values()) {
    if (link.action !== 'link') continue;
    const position = m.mail.positionById.get(link.messageId)!;
    const record = position >= 0 ? sentRecord(m, position) : inboxRecord(m, -1 - position);
    const { message } = record;
    const person = m.people.get(link.personId);
    if (person === undefined) continue;
    const direction = message.folderRole === 'sent' ? 'sent' : 'reply';
    const own = m.own.get(person.id);
    let interview = latestStartedBy(own, message.date);
    let caveat = '';
    if (interview === null && direction === 'sent') {
      caveat =
        own === undefined
          ? ', but they took part in no interview of this application, so it does not count as a note'
          : ', but it went out before their first interview for this application, so it does not count as a note';
    }
    if (interview === null && direction === 'reply') {
      interview = latestStartedBy(m.interviews, message.date);
    }
    addSure(record, {
      messageId: message.id,
      personId: person.id,
      applicationId: m.appId,
      interviewId: interview?.id ?? null,
      direction,
      confidence: 'sure',
      reason: `You linked this message to ${displayName(person)} yourself${caveat}.`,
      source: 'manual',
    });
  }
}

/** 2. Sent messages to one of a person's addresses, from their first interview on. */
function matchSent(m: Matcher): void {
  for (const i of ascending(gather(m.byAddress.keys(), m.mail.sentByRecipient))) {
    const record = sentRecord(m, i);
    const { message } = record;
    for (const address of record.addresses) {
      for (const personId of m.byAddress.get(address) ?? []) {
        if (decided(m, message.id, personId)) continue;
        const interview = latestStartedBy(m.own.get(personId), message.date);
        if (interview === null) continue;
        addSure(record, {
          messageId: message.id,
          personId,
          applicationId: m.appId,
          interviewId: interview.id,
          direction: 'sent',
          confidence: 'sure',
          reason: reasonsFor(m, address, personId).sentTo,
          source: 'address',
        });
      }
    }
  }
}

/** 3. Replies: from a person's address, from the company's domain, or in the thread of a note. */
function matchReplies(m: Matcher): void {
  const candidates = gather(m.byAddress.keys(), m.mail.inboxBySender);
  gather(m.domains, m.mail.inboxByDomain, candidates);
  for (const record of m.sentRecords.values()) {
    const { headerId } = record.facts;
    if (record.sure !== null && headerId !== null) {
      gather([headerId], m.mail.inboxByReferenced, candidates);
    }
  }
  for (const j of ascending(candidates)) {
    const record = inboxRecord(m, j);
    const { message } = record;
    if (message.bounce || message.autoReply) continue;
    const senders = record.addresses;
    // A copy of the user's own mail (cc to self) is not a reply from the company.
    if (senders.length === 0 || senders.some((a) => m.context.myAddresses.has(a))) continue;
    const fromPerson = matchReplyFromPerson(m, record);
    if (fromPerson || message.date <= firstStart(m)) continue;
    const other = replyFromCompany(m, record);
    if (other === null || m.unlinked.has(message.id)) continue;
    // A reply linked to a person by hand needs no match to the company alone as well.
    if (record.sure !== null) continue;
    addSure(record, {
      messageId: message.id,
      personId: null,
      applicationId: m.appId,
      interviewId: replyInterview(m, null, message.date),
      direction: 'reply',
      confidence: 'sure',
      reason: other.reason,
      source: other.source,
    });
  }
}

function firstStart(m: Matcher): number {
  return m.interviews[0]?.startsAt ?? Number.POSITIVE_INFINITY;
}

function replyInterview(m: Matcher, personId: string | null, at: number): string | null {
  const own = personId === null ? null : latestStartedBy(m.own.get(personId), at - 1);
  return (own ?? latestStartedBy(m.interviews, at - 1))?.id ?? null;
}

/** Sure matches of a reply from someone who took part; whether the sender is one of them. */
function matchReplyFromPerson(m: Matcher, record: AnalyzedMessage): boolean {
  const { message } = record;
  if (message.date <= firstStart(m)) return false;
  let found = false;
  for (const address of record.addresses) {
    for (const personId of m.byAddress.get(address) ?? []) {
      found = true;
      if (decided(m, message.id, personId)) continue;
      addSure(record, {
        messageId: message.id,
        personId,
        applicationId: m.appId,
        interviewId: replyInterview(m, personId, message.date),
        direction: 'reply',
        confidence: 'sure',
        reason: reasonsFor(m, address, personId).from,
        source: 'address',
      });
    }
  }
  return found;
}

/** Why a reply is from the company without being from someone who took part, if it is. */
function replyFromCompany(
  m: Matcher,
  record: AnalyzedMessage,
): { reason: string; source: MatchSource } | null {
  const senders = record.addresses;
  const domains = record.facts.senderDomains;
  for (let i = 0; i < senders.length; i++) {
    const domain = domains[i] ?? null;
    if (domain === null || !m.domains.has(domain)) continue;
    return {
      reason: `From ${senders[i]!}, an address at ${domain}, the mail domain of ${m.company === '' ? 'the company' : m.company}.`,
      source: 'domain',
    };
  }
  for (const headerId of record.facts.referenced) {
    const position = m.mail.sentByHeaderId.get(headerId);
    const original = position === undefined ? undefined : m.sentRecords.get(position);
    for (const match of original?.sure ?? []) {
      if (match.personId === null || match.interviewId === null) continue;
      return {
        reason: `An answer to ${yourMessage(original!.message.subject)} to ${displayName(m.people.get(match.personId)!)}.`,
        source: 'thread',
      };
    }
  }
  return null;
}

/**
 * 4. Unsure matches of sent messages, for the review list: to a recipient with the name of
 * someone who took part, in the thread of a message matched to someone, or only to whoever
 * arranged an interview. Only those messages can give one.
 */
function matchUnsure(m: Matcher): void {
  const byName = gather(m.byName.keys(), m.mail.sentByName);
  const inThread = new Set<number>();
  for (const records of [m.sentRecords, m.inboxRecords]) {
    for (const record of records.values()) {
      const { headerId } = record.facts;
      if (headerId === null || record.sure === null) continue;
      if (!record.sure.some((match) => match.personId !== null)) continue;
      gather([headerId], m.mail.sentByReferenced, inThread);
    }
  }
  const toArrangers = gather(arrangerAddresses(m), m.mail.sentByRecipient);
  const candidates = new Set([...byName, ...inThread, ...toArrangers]);
  for (const i of ascending(candidates)) {
    const record = sentRecord(m, i);
    if (!inThread.has(i) && !toArrangers.has(i)) {
      // A recipient named like someone here at an unknown address is itself an unknown recipient.
      unsureByName(m, record);
      continue;
    }
    const unknown = record.addresses.filter((address) => !isKnown(m, address));
    if (unknown.length > 0) {
      unsureByName(m, record);
      if (inThread.has(i)) unsureInThread(m, record, unknown);
    } else if (toArrangers.has(i)) {
      unsureForward(m, record);
    }
  }
}

/** The addresses of whoever arranged an interview here that is a forward target. */
function arrangerAddresses(m: Matcher): Set<string> {
  const out = new Set<string>();
  for (const target of m.forward.values()) {
    for (const id of target.arrangers) {
      for (const address of m.context.keysOf(m.people.get(id)!).addresses) out.add(address);
    }
  }
  return out;
}

function addUnsure(
  m: Matcher,
  record: AnalyzedMessage,
  personId: string,
  interviewId: string,
  source: MatchSource,
  reason: string,
): void {
  const { message } = record;
  if (findIn(record.sure, personId) !== undefined) return;
  if (decided(m, message.id, personId)) return;
  const match: MessageMatch = {
    messageId: message.id,
    personId,
    applicationId: m.appId,
    interviewId,
    direction: 'sent',
    confidence: 'unsure',
    reason,
    source,
  };
  if (record.unsure === null) record.unsure = [match];
  else if (findIn(record.unsure, personId) === undefined) record.unsure.push(match);
}

/** The name is the person's, the address is not one the user has for them. */
function unsureByName(m: Matcher, record: AnalyzedMessage): void {
  const { message } = record;
  const { entryAddresses, entryNames } = record.facts;
  for (let i = 0; i < entryNames.length; i++) {
    const name = entryNames[i] ?? null;
    const namesakes = name === null ? undefined : m.byName.get(name);
    if (namesakes === undefined) continue;
    const address = entryAddresses[i] ?? null;
    if (address === null || isKnown(m, address)) continue;
    const entryName = (entryAt(message, i).name ?? '').trim();
    for (const personId of namesakes) {
      const interview = latestStartedBy(m.own.get(personId), message.date);
      if (interview === null) continue;
      addUnsure(
        m,
        record,
        personId,
        interview.id,
        'name',
        `Sent to "${entryName}" <${address}>: the name is ${possessive(m.people.get(personId)!)}, but the address is not one you have for them.`,
      );
    }
  }
}

/** A message in a thread with the person, but to an address the user does not have for them. */
function unsureInThread(m: Matcher, record: AnalyzedMessage, unknown: readonly string[]): void {
  const { message } = record;
  for (const headerId of record.facts.referenced) {
    const inSent = m.mail.sentByHeaderId.get(headerId);
    const inInbox = m.mail.inboxByHeaderId.get(headerId);
    for (const original of [
      inSent === undefined ? undefined : m.sentRecords.get(inSent),
      inInbox === undefined ? undefined : m.inboxRecords.get(inInbox),
    ]) {
      if (original === undefined) continue;
      for (const match of original.sure ?? []) {
        if (match.personId === null) continue;
        const interview = latestStartedBy(m.own.get(match.personId), message.date);
        if (interview === null) continue;
        const what =
          original.message.folderRole === 'sent'
            ? yourMessage(original.message.subject)
            : theirMessage(original.message.subject);
        addUnsure(
          m,
          record,
          match.personId,
          interview.id,
          'thread',
          `Sent in the thread of ${what} with ${displayName(m.people.get(match.personId)!)}, but to ${list(unknown)}, ${unknown.length === 1 ? 'an address' : 'addresses'} you do not have for them.`,
        );
      }
    }
  }
}

/**
 * Sent only to whoever arranged an interview, once it had begun, while some interviewer of it
 * has no address: perhaps a note for the arranger to pass on.
 */
function unsureForward(m: Matcher, record: AnalyzedMessage): void {
  const { message } = record;
  const recipients = record.addresses;
  const arrangerIds: string[] = [];
  for (const address of recipients) {
    for (const id of m.byAddress.get(address) ?? []) {
      if (isForwardArranger(m, id)) arrangerIds.push(id);
    }
  }
  const seen = new Set<Interview>();
  for (const arrangerId of arrangerIds) {
    const interview = latestStartedBy(m.own.get(arrangerId), message.date);
    if (interview === null || seen.has(interview)) continue;
    seen.add(interview);
    const target = m.forward.get(interview.id);
    if (target === undefined) continue;
    const allArrangers = recipients.every((address) =>
      (m.byAddress.get(address) ?? []).some((id) => target.arrangers.has(id)),
    );
    if (!allArrangers) continue;
    const arranger = m.people.get(arrangerIds.find((id) => target.arrangers.has(id))!)!;
    for (const person of target.interviewers) {
      addUnsure(
        m,
        record,
        person.id,
        interview.id,
        'forward',
        `Sent only to ${displayName(arranger)}, who arranged the interview, after it began; you have no address for ${displayName(person)}, so it may be a note for them to pass on.`,
      );
    }
  }
}

/** The matches in the order of all matches, each with its message. */
function collect(m: Matcher): ApplicationMatches {
  const matched: AnalyzedMessage[] = [];
  for (const records of [m.sentRecords, m.inboxRecords]) {
    for (const record of records.values()) {
      if (record.sure !== null || record.unsure !== null) matched.push(record);
    }
  }
  matched.sort((a, b) => a.rank - b.rank);
  const byPerson = (a: MessageMatch, b: MessageMatch): number =>
    compareIds(a.personId ?? '', b.personId ?? '');
  const matches: MessageMatch[] = [];
  const records: AnalyzedMessage[] = [];
  for (const record of matched) {
    for (const own of [record.sure, record.unsure]) {
      if (own === null) continue;
      if (own.length > 1) own.sort(byPerson);
      for (const match of own) {
        matches.push(match);
        records.push(record);
      }
    }
  }
  return { matches, records, knownRead: m.knownRead, arrangersRead: m.arrangersRead };
}
