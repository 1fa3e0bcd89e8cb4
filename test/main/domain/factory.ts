/**
 * Small builders for rules-engine tests: every record with sensible defaults, times written
 * as local wall-clock strings in a named zone, due moments read back in the user's zone.
 */
import { DateTime } from 'luxon';
import type {
  Application,
  Interview,
  KnownMessage,
  ManualContact,
  MessageLink,
  Obligation,
  Participant,
  Person,
  ReplyReading,
  Settings,
} from '../../../src/shared/model';
import { DEFAULT_SETTINGS } from '../../../src/shared/model';
import type { RulesInput, RulesStatus } from '../../../src/main/domain/obligations';
import { computeObligations, computeStatus } from '../../../src/main/domain/obligations';

export const USER_ZONE = 'Europe/Berlin';

/** The instant of a local wall-clock time like `2025-03-04T10:00` in a zone. */
export function at(local: string, zone: string = USER_ZONE): number {
  const dt = DateTime.fromISO(local, { zone });
  if (!dt.isValid) throw new Error(`bad time ${local}`);
  return dt.toMillis();
}

/** An instant as an ISO string with offset in the zone (the way the user would see it). */
export function iso(ms: number | null, zone: string = USER_ZONE): string | null {
  return ms === null ? null : DateTime.fromMillis(ms, { zone }).toISO();
}

export function application(overrides: Partial<Application> = {}): Application {
  return {
    id: 'app1',
    company: 'Acme',
    roleTitle: 'Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: '2025-02-01',
    decidedOn: null,
    companyDomains: ['acme.com'],
    notes: '',
    createdAt: 0,
    updatedAt: 0,
    ...overrides,
  };
}

/** An interview from local start and end times in its own zone (default: the user's). */
export function interview(
  overrides: Partial<Interview> & { start?: string; end?: string } = {},
): Interview {
  const { start = '2025-03-04T10:00', end = '2025-03-04T11:00', ...rest } = overrides;
  const timeZone = rest.timeZone ?? USER_ZONE;
  return {
    id: 'iv1',
    applicationId: 'app1',
    kind: 'video',
    startsAt: at(start, timeZone),
    endsAt: at(end, timeZone),
    timeZone,
    location: null,
    decisionBy: null,
    contactPlan: '',
    contactPersonId: null,
    outcome: 'unknown',
    notes: '',
    cancelled: false,
    ...rest,
  };
}

export function person(id: string, overrides: Partial<Person> = {}): Person {
  return {
    id,
    name: id,
    title: '',
    company: 'Acme',
    emails: [`${id}@acme.com`],
    phone: '',
    firstNameOk: false,
    doNotContact: false,
    notApplicable: false,
    notes: '',
    ...overrides,
  };
}

export function participant(
  personId: string,
  interviewId = 'iv1',
  role: Participant['role'] = 'interviewer',
): Participant {
  return { interviewId, personId, role, topics: '', notes: '' };
}

function addresses(list: string[]): KnownMessage['to'] {
  return list.map((address) => ({ name: null, address }));
}

/** A message in the user's Sent folder, dated in the user's zone. */
export function sent(
  id: string,
  to: string[],
  when: string,
  overrides: Partial<KnownMessage> = {},
): KnownMessage {
  return {
    id,
    folderRole: 'sent',
    messageId: `<${id}@mail.me>`,
    inReplyTo: null,
    references: [],
    date: at(when),
    from: addresses(['me@home.example']),
    to: addresses(to),
    cc: [],
    bcc: [],
    subject: `Thank you - ${id}`,
    autoReply: false,
    bounce: false,
    ...overrides,
  };
}

/** A message in the user's inbox, dated in the user's zone. */
export function received(
  id: string,
  from: string,
  when: string,
  overrides: Partial<KnownMessage> = {},
): KnownMessage {
  return {
    id,
    folderRole: 'inbox',
    messageId: `<${id}@mail.them>`,
    inReplyTo: null,
    references: [],
    date: at(when),
    from: addresses([from]),
    to: addresses(['me@home.example']),
    cc: [],
    bcc: [],
    subject: `Re: ${id}`,
    autoReply: false,
    bounce: false,
    ...overrides,
  };
}

export function manual(
  id: string,
  personId: string,
  when: string,
  overrides: Partial<ManualContact> = {},
): ManualContact {
  return {
    id,
    applicationId: 'app1',
    interviewId: null,
    personId,
    channel: 'letter',
    at: at(when),
    note: '',
    ...overrides,
  };
}

/** A correction made by the user: this message is (`link`) or is not (`unlink`) about this person. */
export function link(
  messageId: string,
  personId: string,
  action: MessageLink['action'] = 'link',
  overrides: Partial<MessageLink> = {},
): MessageLink {
  return { messageId, personId, applicationId: 'app1', action, at: 0, ...overrides };
}

/** The classifier's sure reading of a reply. */
export function reading(
  messageId: string,
  replyClass: ReplyReading['replyClass'],
  overrides: Partial<ReplyReading> = {},
): ReplyReading {
  return {
    messageId,
    replyClass,
    sentence: `A ${replyClass} sentence.`,
    confidence: 0.9,
    source: 'classifier',
    at: 0,
    ...overrides,
  };
}

export interface Scenario {
  applications?: Application[];
  interviews?: Interview[];
  people?: Person[];
  participants?: Participant[];
  manualContacts?: ManualContact[];
  messages?: KnownMessage[];
  links?: MessageLink[];
  replyReadings?: ReplyReading[];
  dismissedSuggestions?: { applicationId: string; messageId: string }[];
  /** The user's own addresses; by default the one `sent` and `received` use. */
  userAddresses?: string[];
  settings?: Partial<Settings>;
  userTimeZone?: string;
  /** Local time in the user's zone. */
  now?: string;
}

/** A complete rules input: one application, one interview with interviewer `ann` by default. */
export function rulesInput(scenario: Scenario = {}): RulesInput {
  const userTimeZone = scenario.userTimeZone ?? USER_ZONE;
  return {
    applications: scenario.applications ?? [application()],
    interviews: scenario.interviews ?? [interview()],
    people: scenario.people ?? [person('ann')],
    participants: scenario.participants ?? [participant('ann')],
    manualContacts: scenario.manualContacts ?? [],
    messages: scenario.messages ?? [],
    links: scenario.links ?? [],
    replyReadings: scenario.replyReadings ?? [],
    dismissedSuggestions: scenario.dismissedSuggestions ?? [],
    userAddresses: scenario.userAddresses ?? ['me@home.example'],
    settings: { ...DEFAULT_SETTINGS, ...scenario.settings },
    userTimeZone,
    now: at(scenario.now ?? '2025-03-04T12:00', userTimeZone),
  };
}

/** Runs the rules on a scenario. */
export function run(scenario: Scenario = {}): Obligation[] {
  return computeObligations(rulesInput(scenario));
}

/** Runs the rules on a scenario, with the matches and the review list. */
export function status(scenario: Scenario = {}): RulesStatus {
  return computeStatus(rulesInput(scenario));
}

/** The obligation with that id; fails the test when it is missing. */
export function pick(obligations: Obligation[], id: string): Obligation {
  const found = obligations.find((o) => o.id === id);
  if (found === undefined) {
    throw new Error(`no obligation ${id}; have ${obligations.map((o) => o.id).join(', ')}`);
  }
  return found;
}

/** The warning codes on an obligation, sorted. */
export function warningCodes(obligation: Obligation): string[] {
  return obligation.warnings.map((w) => w.code).sort();
}
