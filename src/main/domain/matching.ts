/**
 * Which message is about whom: sent messages and replies matched to the people and
 * applications the user tracks, each with how sure the app is and why, in plain words.
 *
 * Sure matches count as evidence for the rules; unsure ones only go to a review list, where
 * the user confirms them (a `link`) or rejects them (an `unlink`). The user's corrections
 * always win over the automatic rules, and because they are inputs, they survive every
 * recomputation.
 *
 * Pure, and indexed once by normalised address, by name and by Message-ID, so the work grows
 * with the data, not with its product.
 */
import type {
  Application,
  Interview,
  KnownMessage,
  MailAddress,
  MatchConfidence,
  MatchDirection,
  MatchSource,
  MessageLink,
  MessageMatch,
  Participant,
  Person,
} from '../../shared/model';
import { normalizeAddresses } from './addresses';
import type { MailCache, MailIndex, MessageFacts } from './mail-index';
import { createMailCache, nameKey } from './mail-index';

export type { MailCache, MessageFacts };
export { createMailCache, nameKey };

export type { MatchConfidence, MatchDirection, MatchSource, MessageMatch };

/** What matching looks at. */
export interface MatchInput {
  applications: readonly Application[];
  interviews: readonly Interview[];
  people: readonly Person[];
  participants: readonly Participant[];
  messages: readonly KnownMessage[];
  /** The user's corrections; for one message, person and application the latest one wins. */
  links: readonly MessageLink[];
  /** The user's own addresses (the senders found in Sent are added): never a person, never a reply. */
  userAddresses: readonly string[];
  /**
   * Keeps what depends on the messages alone across runs (see `createMailCache`); without
   * one, everything about every message is worked out afresh. Results are the same either way.
   */
  mailCache?: MailCache;
}

/** A message, once, with its normalised addresses and its matches. */
export interface AnalyzedMessage {
  message: KnownMessage;
  /** What the message itself says, normalised. */
  facts: MessageFacts;
  /** To, Cc and Bcc of a sent message without the user's own addresses; From of one received. */
  addresses: readonly string[];
  /** Sure matches, or null when there is none. */
  sure: MessageMatch[] | null;
  /** Unsure matches, or null when there is none. */
  unsure: MessageMatch[] | null;
}

/**
 * What matching worked out, with the indexes behind it, for the rules engine so that it does
 * not index the same data twice. Outside the domain, use `matchMessages`.
 */
export interface MailAnalysis {
  /** Every match, by message date; for one message: sure before unsure, then by application and person. */
  matches: MessageMatch[];
  /** The message of each match, at the same position as in `matches`. */
  matchedMessages: AnalyzedMessage[];
  peopleById: Map<string, Person>;
  addressesByPerson: Map<string, string[]>;
  /** Interviews that count (not cancelled, of a known application), by application, by start. */
  interviewsByApp: Map<string, Interview[]>;
  /** Participants of those interviews, without duplicates or unknown people. */
  participantsByInterview: Map<string, Participant[]>;
  /** The messages once each, indexed (see `MailIndex`). */
  mail: MailIndex;
  /** The user's own addresses: the ones given and the senders found in Sent. */
  myAddresses: ReadonlySet<string>;
  /** Sent messages with more than one sure match, in input order. */
  sharedSent: AnalyzedMessage[];
}

/** Every match of every message, sure and unsure, by message date. */
export function matchMessages(input: MatchInput): MessageMatch[] {
  return analyzeMail(input).matches;
}

/** The unsure matches the user should confirm (link) or reject (unlink). */
export function reviewList(matches: readonly MessageMatch[]): MessageMatch[] {
  return matches.filter((m) => m.confidence === 'unsure');
}

/** A key made of two ids. */
export function pairKey(a: string, b: string): string {
  return `${a}\u0000${b}`;
}

function tripleKey(messageId: string, personId: string, applicationId: string): string {
  return `${messageId}\u0000${personId}\u0000${applicationId}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [v]);
  else list.push(v);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
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

/** Matches and the indexes behind them; see `MailAnalysis`. */
export function analyzeMail(input: MatchInput): MailAnalysis {
  // People, applications, interviews and who took part in which.
  const peopleById = new Map<string, Person>();
  const addressesByPerson = new Map<string, string[]>();
  const personIdsByAddress = new Map<string, string[]>();
  const personIdsByName = new Map<string, string[]>();
  for (const person of input.people) {
    if (peopleById.has(person.id)) continue;
    peopleById.set(person.id, person);
    const addresses = normalizeAddresses(person.emails);
    addressesByPerson.set(person.id, addresses);
    for (const address of addresses) push(personIdsByAddress, address, person.id);
    const name = nameKey(person.name);
    if (name !== null) push(personIdsByName, name, person.id);
  }

  const applicationsById = new Map<string, Application>();
  const appIdsByDomain = new Map<string, string[]>();
  for (const application of input.applications) {
    if (applicationsById.has(application.id)) continue;
    applicationsById.set(application.id, application);
    const domains = new Set<string>();
    for (const raw of application.companyDomains) {
      const domain = raw.trim().replace(/^@/, '').toLowerCase();
      if (domain !== '') domains.add(domain);
    }
    for (const domain of domains) push(appIdsByDomain, domain, application.id);
  }

  const interviewsById = new Map<string, Interview>();
  const interviewsByApp = new Map<string, Interview[]>();
  for (const interview of input.interviews) {
    if (interview.cancelled || !applicationsById.has(interview.applicationId)) continue;
    if (interviewsById.has(interview.id)) continue;
    interviewsById.set(interview.id, interview);
    push(interviewsByApp, interview.applicationId, interview);
  }
  const byStart = (a: Interview, b: Interview): number =>
    a.startsAt - b.startsAt || compareIds(a.id, b.id);
  for (const interviews of interviewsByApp.values()) interviews.sort(byStart);

  const participantsByInterview = new Map<string, Participant[]>();
  /** Person → application → the person's interviews there, by start. */
  const appsOfPerson = new Map<string, Map<string, Interview[]>>();
  const seenParticipants = new Set<string>();
  for (const participant of input.participants) {
    const interview = interviewsById.get(participant.interviewId);
    if (interview === undefined || !peopleById.has(participant.personId)) continue;
    const participantKey = tripleKey(
      participant.interviewId,
      participant.personId,
      participant.role,
    );
    if (seenParticipants.has(participantKey)) continue;
    seenParticipants.add(participantKey);
    push(participantsByInterview, participant.interviewId, participant);
    let apps = appsOfPerson.get(participant.personId);
    if (apps === undefined)
      appsOfPerson.set(participant.personId, (apps = new Map<string, Interview[]>()));
    const own = apps.get(interview.applicationId);
    if (own === undefined) apps.set(interview.applicationId, [interview]);
    else if (!own.includes(interview)) own.push(interview);
  }
  for (const apps of appsOfPerson.values()) {
    for (const own of apps.values()) own.sort(byStart);
  }
  const ownInterviews = (appId: string, personId: string): Interview[] | undefined =>
    appsOfPerson.get(personId)?.get(appId);

  // Interviews where a note may have gone to whoever arranged it, to pass on to an interviewer
  // the user has no address for.
  const forwardTargets = new Map<string, { arrangers: Set<string>; interviewers: Person[] }>();
  const forwardArrangers = new Set<string>();
  for (const [interviewId, participants] of participantsByInterview) {
    const arrangers = new Set<string>();
    for (const p of participants) if (p.role === 'arranger') arrangers.add(p.personId);
    const interviewers: Person[] = [];
    for (const p of participants) {
      if (p.role !== 'interviewer' || arrangers.has(p.personId)) continue;
      if (addressesByPerson.get(p.personId)!.length > 0) continue;
      const person = peopleById.get(p.personId)!;
      if (!interviewers.includes(person)) interviewers.push(person);
    }
    if (arrangers.size === 0 || interviewers.length === 0) continue;
    forwardTargets.set(interviewId, { arrangers, interviewers });
    for (const id of arrangers) forwardArrangers.add(id);
  }

  // Messages, once each, indexed by what they say (kept between runs with a cache).
  const mail = (input.mailCache ?? createMailCache()).indexOf(input.messages);
  const myAddresses = new Set(normalizeAddresses(input.userAddresses));
  for (const address of mail.sentSenders) myAddresses.add(address);

  // Only messages that concern someone tracked get a record; every other message would
  // come out of every step below without a match, so it is never looked at.
  const sentRecords = new Map<number, AnalyzedMessage>();
  const inboxRecords = new Map<number, AnalyzedMessage>();
  const sentRecord = (i: number): AnalyzedMessage => {
    let record = sentRecords.get(i);
    if (record === undefined) {
      const facts = mail.sentFacts[i]!;
      const { recipients } = facts;
      record = {
        message: mail.sent[i]!,
        facts,
        addresses: recipients.some((a) => myAddresses.has(a))
          ? recipients.filter((a) => !myAddresses.has(a))
          : recipients,
        sure: null,
        unsure: null,
      };
      sentRecords.set(i, record);
    }
    return record;
  };
  const inboxRecord = (j: number): AnalyzedMessage => {
    let record = inboxRecords.get(j);
    if (record === undefined) {
      const facts = mail.inboxFacts[j]!;
      record = {
        message: mail.inbox[j]!,
        facts,
        addresses: facts.senders,
        sure: null,
        unsure: null,
      };
      inboxRecords.set(j, record);
    }
    return record;
  };
  const recordAt = (position: number): AnalyzedMessage =>
    position >= 0 ? sentRecord(position) : inboxRecord(-1 - position);
  /** Positions found under any of `keys` in `positions`, ascending, each once. */
  const gather = (
    keys: Iterable<string>,
    positions: ReadonlyMap<string, readonly number[]>,
    into: Set<number> = new Set<number>(),
  ): Set<number> => {
    for (const key of keys) {
      const found = positions.get(key);
      if (found !== undefined) for (const position of found) into.add(position);
    }
    return into;
  };
  const ascending = (set: Set<number>): number[] => [...set].sort((a, b) => a - b);

  // The user's corrections: for a message, person and application the latest one wins.
  const { aliasOf } = mail;
  const effective = new Map<string, MessageLink>();
  for (const link of input.links) {
    const messageId = aliasOf.get(link.messageId) ?? link.messageId;
    if (!mail.positionById.has(messageId)) continue;
    const k = tripleKey(messageId, link.personId, link.applicationId);
    const before = effective.get(k);
    if (before === undefined || link.at >= before.at) effective.set(k, { ...link, messageId });
  }
  /** Message and application pairs with an unlink: no automatic match to the company alone there. */
  const unlinkedPairs = new Set<string>();
  for (const link of effective.values()) {
    if (link.action === 'unlink') unlinkedPairs.add(pairKey(link.messageId, link.applicationId));
  }
  const anyLinks = effective.size > 0;
  const linkedMessageIds = new Set<string>();
  for (const link of effective.values()) linkedMessageIds.add(link.messageId);
  const decided = (messageId: string, personId: string, applicationId: string): boolean =>
    anyLinks &&
    linkedMessageIds.has(messageId) &&
    effective.has(tripleKey(messageId, personId, applicationId));

  // The same address and person give the same words each time: make them once.
  const reasonCache = new Map<string, Map<string, { sentTo: string; from: string }>>();
  const reasonsFor = (address: string, personId: string): { sentTo: string; from: string } => {
    let byPerson = reasonCache.get(address);
    if (byPerson === undefined)
      reasonCache.set(address, (byPerson = new Map<string, { sentTo: string; from: string }>()));
    let words = byPerson.get(personId);
    if (words === undefined) {
      const person = peopleById.get(personId)!;
      const whose = addressWords(person, addressesByPerson.get(personId)!.length);
      words = { sentTo: `Sent to ${address}, ${whose}.`, from: `From ${address}, ${whose}.` };
      byPerson.set(personId, words);
    }
    return words;
  };
  const reasons = {
    sentTo: (address: string, personId: string): string => reasonsFor(address, personId).sentTo,
    from: (address: string, personId: string): string => reasonsFor(address, personId).from,
  };

  const findIn = (
    matches: readonly MessageMatch[] | null,
    personId: string | null,
    appId: string,
  ): MessageMatch | undefined =>
    matches?.find((m) => m.personId === personId && m.applicationId === appId);
  const addSure = (record: AnalyzedMessage, match: MessageMatch): void => {
    if (record.sure === null) record.sure = [match];
    else if (findIn(record.sure, match.personId, match.applicationId) === undefined) {
      record.sure.push(match);
    }
  };

  // 1. The user's links.
  for (const link of effective.values()) {
    if (link.action !== 'link') continue;
    const record = recordAt(mail.positionById.get(link.messageId)!);
    const { message } = record;
    const person = peopleById.get(link.personId);
    if (person === undefined || !applicationsById.has(link.applicationId)) continue;
    const direction = message.folderRole === 'sent' ? 'sent' : 'reply';
    const own = ownInterviews(link.applicationId, person.id);
    let interview = latestStartedBy(own, message.date);
    let caveat = '';
    if (interview === null && direction === 'sent') {
      caveat =
        own === undefined
          ? ', but they took part in no interview of this application, so it does not count as a note'
          : ', but it went out before their first interview for this application, so it does not count as a note';
    }
    if (interview === null && direction === 'reply') {
      interview = latestStartedBy(interviewsByApp.get(link.applicationId), message.date);
    }
    addSure(record, {
      messageId: message.id,
      personId: person.id,
      applicationId: link.applicationId,
      interviewId: interview?.id ?? null,
      direction,
      confidence: 'sure',
      reason: `You linked this message to ${displayName(person)} yourself${caveat}.`,
      source: 'manual',
    });
  }

  // 2. Sent messages to one of a person's addresses, from their first interview on.
  /** Sent messages the addresses may not tell all about: to an unknown address, or to an arranger. */
  const toReview = new Set<number>();
  const addressed = gather(personIdsByAddress.keys(), mail.sentByRecipient);
  for (const i of ascending(addressed)) {
    const record = sentRecord(i);
    const { message } = record;
    let review = false;
    for (const address of record.addresses) {
      const personIds = personIdsByAddress.get(address);
      if (personIds === undefined) {
        review = true;
        continue;
      }
      for (const personId of personIds) {
        if (forwardArrangers.has(personId)) review = true;
        const apps = appsOfPerson.get(personId);
        if (apps === undefined) continue;
        for (const [appId, own] of apps) {
          if (decided(message.id, personId, appId)) continue;
          const interview = latestStartedBy(own, message.date);
          if (interview === null) continue;
          addSure(record, {
            messageId: message.id,
            personId,
            applicationId: appId,
            interviewId: interview.id,
            direction: 'sent',
            confidence: 'sure',
            reason: reasons.sentTo(address, personId),
            source: 'address',
          });
        }
      }
    }
    if (review) toReview.add(i);
  }

  // 3. Replies: from a person's address, from the company's domain, or in the thread of a note.
  const firstStart = (appId: string): number =>
    interviewsByApp.get(appId)?.[0]?.startsAt ?? Number.POSITIVE_INFINITY;
  const replyInterview = (appId: string, personId: string | null, at: number): string | null => {
    const own = personId === null ? null : latestStartedBy(ownInterviews(appId, personId), at - 1);
    return (own ?? latestStartedBy(interviewsByApp.get(appId), at - 1))?.id ?? null;
  };
  // Possible replies: from a person's address or a company's domain, or answering a matched note.
  const fromKnown = gather(personIdsByAddress.keys(), mail.inboxBySender);
  gather(appIdsByDomain.keys(), mail.inboxByDomain, fromKnown);
  for (const record of sentRecords.values()) {
    const headerId = record.facts.headerId;
    if (record.sure !== null && headerId !== null) {
      gather([headerId], mail.inboxByReferenced, fromKnown);
    }
  }
  for (const j of ascending(fromKnown)) {
    const record = inboxRecord(j);
    const { message } = record;
    if (message.bounce || message.autoReply) continue;
    const senders = record.addresses;
    // A copy of the user's own mail (cc to self) is not a reply from the company.
    if (senders.length === 0 || senders.some((address) => myAddresses.has(address))) continue;
    /** Applications where the sender is a tracked person. */
    let withPerson: string[] = [];
    /** Applications where the sender is someone at the company, or answers a note. */
    let withoutPerson: { appId: string; reason: string; source: MatchSource }[] = [];

    for (const address of senders) {
      for (const personId of personIdsByAddress.get(address) ?? []) {
        for (const appId of appsOfPerson.get(personId)?.keys() ?? []) {
          if (message.date <= firstStart(appId)) continue;
          if (withPerson.length === 0) withPerson = [appId];
          else if (!withPerson.includes(appId)) withPerson.push(appId);
          if (decided(message.id, personId, appId)) continue;
          addSure(record, {
            messageId: message.id,
            personId,
            applicationId: appId,
            interviewId: replyInterview(appId, personId, message.date),
            direction: 'reply',
            confidence: 'sure',
            reason: reasons.from(address, personId),
            source: 'address',
          });
        }
      }
    }
    const considered = (appId: string): boolean =>
      withPerson.includes(appId) ||
      withoutPerson.some((w) => w.appId === appId) ||
      message.date <= firstStart(appId);
    const domains = record.facts.senderDomains;
    for (let i = 0; i < senders.length; i++) {
      const address = senders[i]!;
      const domain = domains[i] ?? null;
      if (domain === null) continue;
      for (const appId of appIdsByDomain.get(domain) ?? []) {
        if (considered(appId)) continue;
        const company = applicationsById.get(appId)!.company.trim();
        const entry = {
          appId,
          reason: `From ${address}, an address at ${domain}, the mail domain of ${company === '' ? 'the company' : company}.`,
          source: 'domain' as const,
        };
        if (withoutPerson.length === 0) withoutPerson = [entry];
        else withoutPerson.push(entry);
      }
    }
    for (const headerId of record.facts.referenced) {
      const position = mail.sentByHeaderId.get(headerId);
      const original = position === undefined ? undefined : sentRecords.get(position);
      if (original !== undefined) {
        for (const match of original.sure ?? []) {
          if (match.personId === null || match.interviewId === null) continue;
          if (considered(match.applicationId)) continue;
          const entry = {
            appId: match.applicationId,
            reason: `An answer to ${yourMessage(original.message.subject)} to ${displayName(peopleById.get(match.personId)!)}.`,
            source: 'thread' as const,
          };
          if (withoutPerson.length === 0) withoutPerson = [entry];
          else withoutPerson.push(entry);
        }
      }
    }
    for (const { appId, reason, source } of withoutPerson) {
      if (anyLinks && unlinkedPairs.has(pairKey(message.id, appId))) continue;
      // A reply linked to a person by hand needs no match to the company alone as well.
      if (record.sure?.some((m) => m.applicationId === appId) === true) continue;
      addSure(record, {
        messageId: message.id,
        personId: null,
        applicationId: appId,
        interviewId: replyInterview(appId, null, message.date),
        direction: 'reply',
        confidence: 'sure',
        reason,
        source,
      });
    }
  }

  // 4. Unsure matches of sent messages, for the review list.
  const addUnsure = (
    record: AnalyzedMessage,
    personId: string,
    appId: string,
    interviewId: string,
    source: MatchSource,
    reason: string,
  ): void => {
    const { message } = record;
    if (findIn(record.sure, personId, appId) !== undefined) return;
    if (decided(message.id, personId, appId)) return;
    const match: MessageMatch = {
      messageId: message.id,
      personId,
      applicationId: appId,
      interviewId,
      direction: 'sent',
      confidence: 'unsure',
      reason,
      source,
    };
    if (record.unsure === null) record.unsure = [match];
    else if (findIn(record.unsure, personId, appId) === undefined) record.unsure.push(match);
  };
  const isKnown = (address: string): boolean =>
    myAddresses.has(address) || personIdsByAddress.has(address);

  // Sent messages not to a known address are worth a look only when a recipient has the name
  // of a tracked person, or when they are in the thread of a message matched to someone.
  const lookAgain = gather(personIdsByName.keys(), mail.sentByName);
  for (const records of [sentRecords, inboxRecords]) {
    for (const record of records.values()) {
      const headerId = record.facts.headerId;
      if (headerId === null || record.sure === null) continue;
      if (!record.sure.some((m) => m.personId !== null)) continue;
      gather([headerId], mail.sentByReferenced, lookAgain);
    }
  }
  for (const i of lookAgain) {
    // Not to any known address (those were all looked at above): every address is unknown.
    if (!addressed.has(i) && sentRecord(i).addresses.length > 0) toReview.add(i);
  }

  for (const i of ascending(toReview)) {
    const record = sentRecord(i);
    const { message } = record;
    const recipients = record.addresses;
    const unknown = recipients.filter((address) => !isKnown(address));

    if (unknown.length > 0) {
      // The name is the person's, the address is not one the user has for them.
      const { entryAddresses, entryNames } = record.facts;
      for (let i = 0; i < entryNames.length; i++) {
        const name = entryNames[i] ?? null;
        if (name === null) continue;
        const address = entryAddresses[i] ?? null;
        if (address === null || isKnown(address)) continue;
        const namesakes = personIdsByName.get(name);
        if (namesakes === undefined) continue;
        const entryName = (entryAt(message, i).name ?? '').trim();
        for (const personId of namesakes) {
          const person = peopleById.get(personId)!;
          for (const [appId, own] of appsOfPerson.get(personId) ?? []) {
            const interview = latestStartedBy(own, message.date);
            if (interview === null) continue;
            addUnsure(
              record,
              personId,
              appId,
              interview.id,
              'name',
              `Sent to "${entryName}" <${address}>: the name is ${possessive(person)}, but the address is not one you have for them.`,
            );
          }
        }
      }

      // A message in a thread with the person, but to an address the user does not have for them.
      for (const headerId of record.facts.referenced) {
        const inSent = mail.sentByHeaderId.get(headerId);
        const inInbox = mail.inboxByHeaderId.get(headerId);
        for (const original of [
          inSent === undefined ? undefined : sentRecords.get(inSent),
          inInbox === undefined ? undefined : inboxRecords.get(inInbox),
        ]) {
          if (original === undefined) continue;
          for (const match of original.sure ?? []) {
            if (match.personId === null) continue;
            const interview = latestStartedBy(
              ownInterviews(match.applicationId, match.personId),
              message.date,
            );
            if (interview === null) continue;
            const person = peopleById.get(match.personId)!;
            const what =
              original.message.folderRole === 'sent'
                ? yourMessage(original.message.subject)
                : theirMessage(original.message.subject);
            addUnsure(
              record,
              match.personId,
              match.applicationId,
              interview.id,
              'thread',
              `Sent in the thread of ${what} with ${displayName(person)}, but to ${list(unknown)}, ${unknown.length === 1 ? 'an address' : 'addresses'} you do not have for them.`,
            );
          }
        }
      }
      continue;
    }

    // Sent only to whoever arranged an interview, once it had begun, while some interviewer
    // of it has no address: perhaps a note for the arranger to pass on.
    const arrangerIds: string[] = [];
    for (const address of recipients) {
      for (const id of personIdsByAddress.get(address)!) {
        if (forwardArrangers.has(id)) arrangerIds.push(id);
      }
    }
    const seen = new Set<Interview>();
    for (const arrangerId of arrangerIds) {
      for (const own of appsOfPerson.get(arrangerId)!.values()) {
        const interview = latestStartedBy(own, message.date);
        if (interview === null || seen.has(interview)) continue;
        seen.add(interview);
        const target = forwardTargets.get(interview.id);
        if (target === undefined) continue;
        const allArrangers = recipients.every((address) =>
          personIdsByAddress.get(address)!.some((id) => target.arrangers.has(id)),
        );
        if (!allArrangers) continue;
        const arranger = peopleById.get(arrangerIds.find((id) => target.arrangers.has(id))!)!;
        for (const person of target.interviewers) {
          addUnsure(
            record,
            person.id,
            interview.applicationId,
            interview.id,
            'forward',
            `Sent only to ${displayName(arranger)}, who arranged the interview, after it began; you have no address for ${displayName(person)}, so it may be a note for them to pass on.`,
          );
        }
      }
    }
  }

  // Every match, by message date (a stable sort: messages of the same instant stay in input
  // order); within a message sure first, then by application and person.
  // Only messages with a match take part: sent before received, each in input order, then by
  // date (stable), as sorting all of them would order them.
  const ordered: AnalyzedMessage[] = [];
  for (const records of [sentRecords, inboxRecords]) {
    for (const position of ascending(new Set(records.keys()))) {
      const record = records.get(position)!;
      if (record.sure !== null || record.unsure !== null) ordered.push(record);
    }
  }
  ordered.sort((a, b) => a.message.date - b.message.date);
  const byAppPerson = (a: MessageMatch, b: MessageMatch): number =>
    compareIds(a.applicationId, b.applicationId) || compareIds(a.personId ?? '', b.personId ?? '');
  const matches: MessageMatch[] = [];
  const matchedMessages: AnalyzedMessage[] = [];
  for (const record of ordered) {
    for (const own of [record.sure, record.unsure]) {
      if (own === null) continue;
      if (own.length > 1) own.sort(byAppPerson);
      for (const match of own) {
        matches.push(match);
        matchedMessages.push(record);
      }
    }
  }

  return {
    matches,
    matchedMessages,
    peopleById,
    addressesByPerson,
    interviewsByApp,
    participantsByInterview,
    mail,
    myAddresses,
    sharedSent: ascending(new Set(sentRecords.keys()))
      .map((i) => sentRecords.get(i)!)
      .filter((record) => record.sure !== null && record.sure.length > 1),
  };
}
