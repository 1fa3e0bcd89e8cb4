/**
 * The rules for one application: from its interviews, people and the messages matched to
 * them, who is owed which note, from when, by when, and whether it already went out.
 *
 * Pure. What depends on the clock is left to `statusAt`, and keeping each application's
 * results between runs to `createRulesCache` (both in ./obligations).
 */
import type {
  Application,
  Evidence,
  Interview,
  KnownMessage,
  ManualChannel,
  ManualContact,
  MessageMatch,
  Obligation,
  ObligationKind,
  ObligationState,
  ObligationWarning,
  Participant,
  Person,
  Settings,
} from '../../shared/model';
import { DEFAULT_SETTINGS, THANK_YOU_WINDOWS } from '../../shared/model';
import { normalizeAddresses, normalizeMessageId } from './addresses';
import type { ApplicationRows, PersonKeys } from './application-rows';
import { participantsByInterview } from './application-rows';
import type { BusinessCalendar } from './business-days';
import {
  addBusinessDayNumbers,
  createBusinessCalendar,
  dayEnd,
  dayNumber,
  dayOf,
  dayStart,
  isBusinessDayNumber,
  nextBusinessDayNumber,
  plusCalendarDaysInZone,
  resolveZone,
} from './business-days';
import type { BouncedMessage } from './bounces';
import { bounceFor, bounceWarning } from './bounces';
import type { MailIndex } from './mail-index';
import type { ApplicationMatches } from './matching';
import { pairKey as key } from './matching';
import type { RuleId } from './rule-texts';
import { CHECK_IN_SEND_WITHIN_BUSINESS_DAYS, describeRule, noteRuleId } from './rule-texts';

/** What the rules for an application read besides its rows and matches: the same for all. */
export interface RulesContext {
  /** The user's settings, with unusable values replaced by the defaults. */
  readonly settings: Settings;
  readonly calendar: BusinessCalendar;
  readonly mail: MailIndex;
  /** The user's own addresses (see `MatchContext`): a message to one of them is to no one. */
  readonly myAddresses: ReadonlySet<string>;
  readonly keysOf: (person: Person) => PersonKeys;
}

/** One application's obligations, each once, by due time (none last), then id. */
export interface ApplicationObligations {
  readonly obligations: readonly Obligation[];
  /** Parallel to `obligations`: true where the state is upcoming, due or overdue by the clock. */
  readonly timed: readonly boolean[];
}

const HOUR_MS = 3_600_000;
const NO_MESSAGES: readonly KnownMessage[] = Object.freeze([]);

const CHANNEL_WORDS: Record<ManualChannel, string> = {
  letter: 'by letter',
  linkedin: 'on LinkedIn',
  'in-person': 'in person',
  phone: 'by phone',
  'other-email': 'from another email account',
  other: 'another way',
};

const REASONS = {
  doNotContact: 'They asked not to be contacted.',
  notApplicable: 'You marked this person as needing no follow-up.',
  withdrawn: 'You withdrew this application.',
  arrangerOff: 'Thanking the person who set up the interview is turned off in your settings.',
  wroteBack: 'They wrote back after the interview, so answer that instead of checking in.',
  offer: 'You have an offer for this role, so there is nothing to check in about.',
  accepted: 'You accepted an offer for this role.',
  rejected: 'The company has made its decision, so there is nothing to check in about.',
} as const;

/** One contact the user made with a person: a sent message or a contact marked by hand. */
type Outreach =
  | { at: number; message: KnownMessage; contact: null }
  | { at: number; message: null; contact: ManualContact };

interface Reply {
  message: KnownMessage;
  /** The tracked person of this application who sent it, if any. */
  personId: string | null;
  /** Every tracked person of this application it is from (almost always one, or none). */
  personIds: string[];
  /** Its normalised From. */
  senders: readonly string[];
}

/** One application's rows and matches, keyed the way its rules look them up. */
interface Index {
  settings: Settings;
  calendar: BusinessCalendar;
  /** Obligations whose state follows the clock: open, with no evidence and nothing to skip them. */
  timed: Set<Obligation>;
  /** Interviews that count, by start. */
  interviews: readonly Interview[];
  participantsByInterview: Map<string, Participant[]>;
  peopleById: Map<string, Person>;
  keysOf: (person: Person) => PersonKeys;
  /** Sent messages surely about a person here, by date, by person. */
  sentByPerson: Map<string, KnownMessage[]>;
  /** The sure matches here of each sent message that has more than one. */
  sharedSent: Map<KnownMessage, MessageMatch[]>;
  /** Sent messages to an address, by date. */
  sentToAddress: (address: string) => readonly KnownMessage[];
  /** Sent messages in reply to a Message-ID, by date. */
  sentInReplyTo: (headerId: string) => readonly KnownMessage[];
  bouncesOf: (sentId: string) => readonly KnownMessage[] | undefined;
  manualByPerson: Map<string, ManualContact[]>;
  /** Replies here, by date. */
  replies: Reply[];
}

/** The obligation id: `kind:applicationId:interviewId:personId`, `-` for a missing part. */
export function obligationId(
  kind: Exclude<ObligationKind, 'respond-promptly'>,
  applicationId: string,
  interviewId: string | null,
  personId: string | null,
): string {
  return `${kind}:${applicationId}:${interviewId ?? '-'}:${personId ?? '-'}`;
}

/**
 * When a thank-you or arranger note becomes fitting and when it is due. If the "not before"
 * delay ends after the window would close, the window is measured from the end of the delay.
 */
export function noteTiming(
  endsAt: number,
  settings: Settings,
  calendar: BusinessCalendar,
): { openFrom: number; dueAt: number } {
  const openFrom = endsAt + Math.max(0, settings.notBeforeHours) * HOUR_MS;
  const { zone } = calendar;
  const deadline = (anchor: number): number => {
    switch (settings.thankYouWindow) {
      case 'same-day':
        return dayEnd(dayOf(anchor, zone), zone);
      case '24h':
        return anchor + 24 * HOUR_MS;
      case '48h':
        return anchor + 48 * HOUR_MS;
      case 'next-business-day':
        return dayEnd(nextBusinessDayNumber(dayOf(anchor, zone), calendar), zone);
    }
  };
  const dueAt = deadline(endsAt);
  return { openFrom, dueAt: dueAt < openFrom ? deadline(openFrom) : dueAt };
}

/**
 * When a check-in becomes fitting and when it is due.
 *
 * With a decision date: the start (user's zone) of the business day that lies
 * `checkInGraceBusinessDays` business days after the decision date on the user's calendar,
 * but never before the decision date has ended in the interview's zone. Without one:
 * `checkInFallbackDays` calendar days after the thank-you went out, same wall-clock time.
 * Due: the end of the third business day after the day it became fitting (the app's choice).
 */
export function checkInTiming(
  interview: Interview,
  thankedAt: number,
  settings: Settings,
  calendar: BusinessCalendar,
): { openFrom: number; dueAt: number } {
  const { zone } = calendar;
  let openFrom: number;
  if (interview.decisionBy !== null) {
    const decisionDay = dayNumber(interview.decisionBy);
    const decisionOver = dayEnd(decisionDay, resolveZone(interview.timeZone));
    const firstFittingDay = addBusinessDayNumbers(
      decisionDay,
      settings.checkInGraceBusinessDays,
      calendar,
    );
    openFrom = Math.max(decisionOver, dayStart(firstFittingDay, zone));
  } else {
    openFrom = plusCalendarDaysInZone(thankedAt, settings.checkInFallbackDays, zone);
  }
  const lastDay = addBusinessDayNumbers(
    dayOf(openFrom, zone),
    CHECK_IN_SEND_WITHIN_BUSINESS_DAYS,
    calendar,
  );
  return { openFrom, dueAt: dayEnd(lastDay, zone) };
}

/** Due by the end of the business day a reply arrived on (or the next one, if it came on a day off). */
export function respondTiming(
  repliedAt: number,
  calendar: BusinessCalendar,
): { openFrom: number; dueAt: number } {
  const replied = dayOf(repliedAt, calendar.zone);
  const day = isBusinessDayNumber(replied, calendar)
    ? replied
    : nextBusinessDayNumber(replied, calendar);
  return { openFrom: repliedAt, dueAt: dayEnd(day, calendar.zone) };
}

/** The rules' context for these settings, zone, messages and the user's addresses. */
export function createRulesContext(
  settings: Settings,
  userTimeZone: string,
  mail: MailIndex,
  myAddresses: ReadonlySet<string>,
  keysOf: (person: Person) => PersonKeys,
): RulesContext {
  const sane = sanitizeSettings(settings);
  const zone = resolveZone(userTimeZone);
  const calendar = createBusinessCalendar(zone, sane.weekendDays, sane.holidays);
  return { settings: sane, calendar, mail, myAddresses, keysOf };
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list === undefined) map.set(k, [v]);
  else list.push(v);
}

function byDate(a: KnownMessage, b: KnownMessage): number {
  return a.date - b.date || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Index of the first message dated at or after `at` (integer ms) in a list sorted by date. */
function firstAtOrAfter(sorted: readonly KnownMessage[], at: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.date < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function sanitizeSettings(settings: Settings): Settings {
  const count = (value: number, fallback: number): number =>
    Number.isFinite(value) && value >= 0 ? Math.floor(value) : fallback;
  return {
    ...settings,
    thankYouWindow: THANK_YOU_WINDOWS.includes(settings.thankYouWindow)
      ? settings.thankYouWindow
      : DEFAULT_SETTINGS.thankYouWindow,
    notBeforeHours:
      Number.isFinite(settings.notBeforeHours) && settings.notBeforeHours > 0
        ? settings.notBeforeHours
        : 0,
    checkInGraceBusinessDays: count(
      settings.checkInGraceBusinessDays,
      DEFAULT_SETTINGS.checkInGraceBusinessDays,
    ),
    checkInFallbackDays: count(settings.checkInFallbackDays, DEFAULT_SETTINGS.checkInFallbackDays),
    maxUnansweredOutreach: count(
      settings.maxUnansweredOutreach,
      DEFAULT_SETTINGS.maxUnansweredOutreach,
    ),
  };
}

/** The application's rows and matches, keyed for its rules. */
function buildIndex(
  rows: ApplicationRows,
  matched: ApplicationMatches,
  context: RulesContext,
): Index {
  const sentByPerson = new Map<string, KnownMessage[]>();
  const sharedSent = new Map<KnownMessage, MessageMatch[]>();
  const replies: Reply[] = [];
  const replyByMessage = new Map<KnownMessage, Reply>();
  matched.matches.forEach((match, i) => {
    if (match.confidence !== 'sure') return;
    const record = matched.records[i]!;
    const { message } = record;
    if (match.direction === 'sent') {
      if (record.sure!.length > 1) sharedSent.set(message, record.sure!);
      // A message linked by hand from before the person's first interview is no outreach.
      if (match.personId === null || match.interviewId === null) return;
      push(sentByPerson, match.personId, message);
    } else {
      // Matches come sorted by message date, so replies do too.
      let reply = replyByMessage.get(message);
      if (reply === undefined) {
        reply = { message, personId: null, personIds: [], senders: record.addresses };
        replyByMessage.set(message, reply);
        replies.push(reply);
      }
      if (match.personId !== null) {
        reply.personId ??= match.personId;
        reply.personIds.push(match.personId);
      }
    }
  });
  for (const list of sentByPerson.values()) list.sort(byDate);

  const manualByPerson = new Map<string, ManualContact[]>();
  for (const contact of rows.manualContacts) push(manualByPerson, contact.personId, contact);
  for (const list of manualByPerson.values()) list.sort((a, b) => a.at - b.at);

  const { mail, myAddresses } = context;
  return {
    settings: context.settings,
    calendar: context.calendar,
    timed: new Set<Obligation>(),
    interviews: rows.interviews,
    participantsByInterview: participantsByInterview(rows),
    peopleById: new Map(rows.people.map((person) => [person.id, person])),
    keysOf: context.keysOf,
    sentByPerson,
    sharedSent,
    // Sent messages to the user's own addresses never count as to anyone.
    sentToAddress: (address) => (myAddresses.has(address) ? NO_MESSAGES : mail.sentTo(address)),
    sentInReplyTo: (headerId) => mail.sentInReplyTo(headerId),
    bouncesOf: (sentId) => mail.bouncesOf(sentId),
    manualByPerson,
    replies,
  };
}

function messageEvidence(message: KnownMessage): Evidence {
  return {
    type: 'message',
    messageId: message.id,
    at: message.date,
    subject: message.subject,
    to: normalizeAddresses(message.to.map((a) => a.address)),
  };
}

function evidenceOf(outreach: Outreach): Evidence {
  if (outreach.message !== null) return messageEvidence(outreach.message);
  const { contact } = outreach;
  return { type: 'manual', contactId: contact.id, at: contact.at, channel: contact.channel };
}

function doneReason(evidence: Evidence): string {
  if (evidence.type === 'manual') {
    return `You marked it as done: contact made ${CHANNEL_WORDS[evidence.channel]}.`;
  }
  return evidence.subject.trim() === ''
    ? 'Your message to them went out.'
    : `Your message "${evidence.subject.trim()}" went out to them.`;
}

function makeObligation(fields: {
  id: string;
  kind: ObligationKind;
  applicationId: string;
  interviewId: string | null;
  personId: string | null;
  openFrom: number;
  dueAt: number;
  ruleId: RuleId;
  evidence: Evidence | null;
  skipReason: string | null;
  skipEvenIfDone?: boolean;
  index: Index;
}): Obligation {
  const { evidence, skipReason, index } = fields;
  let state: ObligationState;
  let reason: string | null = null;
  let timed = false;
  if (skipReason !== null && (evidence === null || fields.skipEvenIfDone === true)) {
    state = 'skipped';
    reason = skipReason;
  } else if (evidence !== null) {
    state = 'done';
    reason = doneReason(evidence);
  } else {
    // Open whatever the clock says; `statusAt` gives the state for an instant.
    state = 'upcoming';
    timed = true;
  }
  const obligation: Obligation = {
    id: fields.id,
    kind: fields.kind,
    state,
    applicationId: fields.applicationId,
    interviewId: fields.interviewId,
    personId: fields.personId,
    openFrom: fields.openFrom,
    dueAt: fields.dueAt,
    rule: describeRule(fields.ruleId, index.settings),
    reason,
    evidence,
    warnings: [],
  };
  if (timed) index.timed.add(obligation);
  return obligation;
}

function isOpen(obligation: Obligation): boolean {
  return (
    obligation.state === 'upcoming' || obligation.state === 'due' || obligation.state === 'overdue'
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The rules for one application; see `ApplicationObligations`. */
export function obligationsForApplication(
  rows: ApplicationRows,
  matched: ApplicationMatches,
  context: RulesContext,
): ApplicationObligations {
  if (rows.interviews.length === 0) return { obligations: [], timed: [] };
  const index = buildIndex(rows, matched, context);
  const byId = new Map<string, Obligation>();
  for (const obligation of ruleObligations(rows.application, index)) {
    if (!byId.has(obligation.id)) byId.set(obligation.id, obligation);
  }
  const obligations = [...byId.values()].sort(byDue);
  return { obligations, timed: obligations.map((o) => index.timed.has(o)) };
}

/** By due time (none last), then id. */
export function byDue(a: Obligation, b: Obligation): number {
  return (
    (a.dueAt ?? Number.POSITIVE_INFINITY) - (b.dueAt ?? Number.POSITIVE_INFINITY) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

/** Every obligation of the application, in no order; `index` holds everything pre-sorted and keyed. */
function ruleObligations(application: Application, index: Index): Obligation[] {
  const { interviews, settings, replies } = index;
  const appId = application.id;
  const out: Obligation[] = [];

  const participantsOf = (interview: Interview): Participant[] =>
    index.participantsByInterview.get(interview.id) ?? [];

  const interviewsByPerson = new Map<string, Interview[]>();
  for (const interview of interviews) {
    for (const participant of participantsOf(interview)) {
      const list = interviewsByPerson.get(participant.personId);
      if (list === undefined) interviewsByPerson.set(participant.personId, [interview]);
      else if (list[list.length - 1] !== interview) list.push(interview);
    }
  }

  const outreachCache = new Map<string, Outreach[]>();
  const bouncedCache = new Map<string, BouncedMessage[]>();
  /** The person's messages that came back (a bounce names them or their address), by date. */
  const bouncedTo = (personId: string): BouncedMessage[] => {
    const cached = bouncedCache.get(personId);
    if (cached !== undefined) return cached;
    const addresses = index.keysOf(index.peopleById.get(personId)!).addresses;
    const list: BouncedMessage[] = [];
    for (const message of index.sentByPerson.get(personId) ?? []) {
      const bounced = bounceFor(message, index.bouncesOf(message.id), addresses);
      if (bounced !== undefined) list.push(bounced);
    }
    bouncedCache.set(personId, list);
    return list;
  };
  /** Everything sent to the person for this application: from their first interview on. */
  const outreachTo = (personId: string): Outreach[] => {
    const cached = outreachCache.get(personId);
    if (cached !== undefined) return cached;
    // Sure matches only: from the person's first interview in the application on. A message
    // that bounced never reached them: it proves nothing.
    const bounced = new Set(bouncedTo(personId).map((b) => b.sent));
    const list: Outreach[] = [];
    for (const message of index.sentByPerson.get(personId) ?? []) {
      if (bounced.has(message)) continue;
      list.push({ at: message.date, message, contact: null });
    }
    for (const contact of index.manualByPerson.get(personId) ?? []) {
      list.push({ at: contact.at, message: null, contact });
    }
    list.sort((a, b) => a.at - b.at);
    outreachCache.set(personId, list);
    return list;
  };

  // Contact in [this interview's start, the person's next interview's start) belongs to this
  // interview; a manual contact marked for an interview belongs to that one only.
  const outreachForInterview = (personId: string, interview: Interview): Outreach[] => {
    const own = interviewsByPerson.get(personId) ?? [];
    const next = own[own.indexOf(interview) + 1];
    const until = next === undefined ? Infinity : next.startsAt;
    return outreachTo(personId).filter((o) =>
      o.contact !== null && o.contact.interviewId !== null
        ? o.contact.interviewId === interview.id
        : o.at >= interview.startsAt && o.at < until,
    );
  };

  // Per person: contacts since their last reply, for the three-strike rule.
  const unanswered = new Map<string, Outreach[]>();
  for (const personId of interviewsByPerson.keys()) {
    let lastReplyAt = -Infinity;
    for (const reply of replies) {
      if (reply.personIds.includes(personId))
        lastReplyAt = Math.max(lastReplyAt, reply.message.date);
    }
    unanswered.set(
      personId,
      outreachTo(personId).filter((o) => o.at > lastReplyAt),
    );
  }

  const noteByInterviewPerson = new Map<string, Obligation>();
  const latestNoteByPerson = new Map<string, Obligation>();
  for (const interview of interviews) {
    const participants = participantsOf(interview);
    const interviewerIds = new Set(
      participants.filter((p) => p.role === 'interviewer').map((p) => p.personId),
    );

    for (const participant of participants) {
      const person = index.peopleById.get(participant.personId)!;
      const kind = participant.role === 'interviewer' ? 'thank-you' : 'arranger-thanks';
      const { openFrom, dueAt } = noteTiming(interview.endsAt, settings, index.calendar);
      const contacts = outreachForInterview(person.id, interview);
      const first = contacts[0] ?? null;

      let skipReason: string | null = null;
      if (person.doNotContact) skipReason = REASONS.doNotContact;
      else if (person.notApplicable) skipReason = REASONS.notApplicable;
      else if (application.status === 'withdrawn') skipReason = REASONS.withdrawn;
      else if (kind === 'arranger-thanks' && !settings.thankArranger) {
        skipReason = REASONS.arrangerOff;
      }

      const note = makeObligation({
        id: obligationId(kind, appId, interview.id, person.id),
        kind,
        applicationId: appId,
        interviewId: interview.id,
        personId: person.id,
        openFrom,
        dueAt,
        ruleId: noteRuleId(kind, settings.thankYouWindow),
        evidence: first === null ? null : evidenceOf(first),
        skipReason,
        // Someone who asked not to be contacted is never "done": any message is flagged.
        skipEvenIfDone: person.doNotContact,
        index,
      });

      if (person.doNotContact) {
        const sentIds = contacts.flatMap((o) => (o.message === null ? [] : [o.message.id]));
        if (sentIds.length > 0) {
          note.warnings.push({
            code: 'do-not-contact',
            message: 'They asked not to be contacted, but a message went to them.',
            messageIds: sentIds,
          });
        }
      }

      if (kind === 'thank-you' && first !== null && first.message !== null) {
        let reached = 0;
        for (const match of index.sharedSent.get(first.message) ?? []) {
          if (match.applicationId === appId && match.personId !== null) {
            if (interviewerIds.has(match.personId)) reached++;
          }
        }
        if (reached >= 2) {
          note.warnings.push({
            code: 'group-note',
            message: `One message went to ${reached} interviewers together; each of them deserves a personal note of their own.`,
            messageIds: [first.message.id],
          });
        }
      }

      out.push(note);
      const noteKey = key(interview.id, person.id);
      if (!noteByInterviewPerson.has(noteKey) || kind === 'thank-you') {
        noteByInterviewPerson.set(noteKey, note);
      }
      latestNoteByPerson.set(person.id, noteByInterviewPerson.get(noteKey)!);

      if (isOpen(note) && index.keysOf(person).addresses.length === 0) {
        out.push(
          makeObligation({
            id: obligationId('get-address', appId, interview.id, person.id),
            kind: 'get-address',
            applicationId: appId,
            interviewId: interview.id,
            personId: person.id,
            openFrom: interview.endsAt,
            dueAt,
            ruleId: 'get-address',
            evidence: null,
            skipReason: null,
            index,
          }),
        );
      }
    }
  }

  const checkInByPerson = new Map<string, Obligation>();
  const latest = interviews[interviews.length - 1]!;
  const latestStart = latest.startsAt;
  const wroteBack = replies.some((reply) => reply.message.date >= latestStart);
  for (const participant of participantsOf(latest)) {
    const personId = participant.personId;
    if (checkInByPerson.has(personId)) continue;
    const note = noteByInterviewPerson.get(key(latest.id, personId));
    if (note === undefined || note.state !== 'done' || note.evidence === null) continue;
    const person = index.peopleById.get(personId)!;
    const thankedAt = note.evidence.at;
    const { openFrom, dueAt } = checkInTiming(latest, thankedAt, settings, index.calendar);
    const checkIn = outreachTo(personId).find((o) => o.at > thankedAt && o.at >= openFrom);
    const strikes = unanswered.get(personId)?.length ?? 0;

    let skipReason: string | null = null;
    if (person.doNotContact) skipReason = REASONS.doNotContact;
    else if (application.status === 'withdrawn') skipReason = REASONS.withdrawn;
    else if (application.status === 'rejected') skipReason = REASONS.rejected;
    else if (application.status === 'offer') skipReason = REASONS.offer;
    else if (application.status === 'accepted') skipReason = REASONS.accepted;
    else if (person.notApplicable) skipReason = REASONS.notApplicable;
    else if (wroteBack) skipReason = REASONS.wroteBack;
    else if (strikes >= settings.maxUnansweredOutreach) {
      skipReason = `You have written to them ${plural(strikes, 'time', 'times')} without an answer; it is time to move on.`;
    }

    const obligation = makeObligation({
      id: obligationId('check-in', appId, latest.id, personId),
      kind: 'check-in',
      applicationId: appId,
      interviewId: latest.id,
      personId,
      openFrom,
      dueAt,
      ruleId: latest.decisionBy !== null ? 'check-in.decision-date' : 'check-in.no-decision-date',
      evidence: checkIn === undefined ? null : evidenceOf(checkIn),
      skipReason,
      skipEvenIfDone: person.doNotContact,
      index,
    });
    checkInByPerson.set(personId, obligation);
    out.push(obligation);
  }

  for (const reply of replies) {
    const { message } = reply;
    const senders = reply.senders;
    const headerId = message.messageId === null ? null : normalizeMessageId(message.messageId);
    // The user's answer: the first message after the reply to its sender, to the person it is
    // from (at any of their addresses, or linked to them by hand), or in its thread.
    const candidates: KnownMessage[] = [];
    const firstAfter = (list: readonly KnownMessage[] | undefined): void => {
      if (list === undefined) return;
      const found = list[firstAtOrAfter(list, message.date + 1)];
      if (found !== undefined) candidates.push(found);
    };
    for (const address of senders) firstAfter(index.sentToAddress(address));
    for (const personId of reply.personIds) firstAfter(index.sentByPerson.get(personId));
    if (headerId !== null) {
      const inThread = index.sentInReplyTo(headerId).find((m) => m.date > message.date);
      if (inThread !== undefined) candidates.push(inThread);
    }
    const answer = candidates.sort(byDate)[0];
    const before = interviews.filter((i) => i.startsAt < message.date);
    const { openFrom, dueAt } = respondTiming(message.date, index.calendar);
    const evidence = answer === undefined ? null : messageEvidence(answer);
    out.push(
      makeObligation({
        id: `respond-promptly:${appId}:${message.id}`,
        kind: 'respond-promptly',
        applicationId: appId,
        interviewId: before[before.length - 1]?.id ?? null,
        personId: reply.personId,
        openFrom,
        dueAt,
        ruleId: 'respond-promptly',
        evidence,
        skipReason: null,
        index,
      }),
    );
  }

  // Warnings about a person across the whole application go on their most recent obligation:
  // the check-in if there is one, otherwise the note for their latest interview.
  for (const personId of interviewsByPerson.keys()) {
    const target = checkInByPerson.get(personId) ?? latestNoteByPerson.get(personId);
    if (target === undefined) continue;
    const warnings: { obligation: Obligation; warning: ObligationWarning }[] = [];

    const since = unanswered.get(personId) ?? [];
    if (since.length > settings.maxUnansweredOutreach) {
      warnings.push({
        obligation: target,
        warning: {
          code: 'pestering',
          message: `You have written to them ${plural(since.length, 'time', 'times')} without an answer, more than the ${settings.maxUnansweredOutreach} the app suggests; it is time to move on.`,
          messageIds: since
            .slice(settings.maxUnansweredOutreach)
            .flatMap((o) => (o.message === null ? [] : [o.message.id])),
        },
      });
    }

    // Messages that bounced since the last one that got through: their obligations stay open
    // and each open one of the person's says so.
    // A message or a contact marked by hand after them settles it.
    const reached = outreachTo(personId);
    const lastReached = reached[reached.length - 1]?.at ?? -Infinity;
    const bounced = bouncedTo(personId).filter((b) => b.sent.date > lastReached);
    if (bounced.length > 0) {
      const person = index.peopleById.get(personId)!;
      const warning = bounceWarning(bounced, person.name, index.calendar.zone);
      const open = out.filter((o) => o.personId === personId && isOpen(o));
      for (const obligation of open.length > 0 ? open : [target]) {
        warnings.push({ obligation, warning: { ...warning } });
      }
    }

    for (const { obligation, warning } of warnings) obligation.warnings.push(warning);
  }

  return out;
}
