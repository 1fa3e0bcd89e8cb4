/**
 * The workspace cut by application: the rows the rules read for each one. Every match and
 * every obligation belongs to one application, and what the rules find for it depends on its
 * own rows, the messages and a few facts about everyone (whose addresses are known, who
 * arranged an interview a note may have gone through). So the rules can keep each
 * application's results and work out again only those whose rows changed.
 *
 * Pure: the rows are taken as they come, never modified.
 */
import type {
  Application,
  Interview,
  ManualContact,
  MessageLink,
  Participant,
  Person,
} from '../../shared/model';
import { normalizeAddresses } from './addresses';
import { nameKey } from './mail-index';

/** The workspace rows the rules look at. */
export interface WorkspaceRows {
  applications: readonly Application[];
  interviews: readonly Interview[];
  people: readonly Person[];
  participants: readonly Participant[];
  manualContacts: readonly ManualContact[];
  /** The user's corrections to matching. */
  links: readonly MessageLink[];
}

/** What the rules read for one application. The first row with an id wins, as everywhere. */
export interface ApplicationRows {
  readonly application: Application;
  /** Interviews that count (not cancelled), by start, then id. */
  readonly interviews: readonly Interview[];
  /** Who took part in them, each once, in input order; only people that exist. */
  readonly participants: readonly Participant[];
  /** The people of `participants` and of `links` (those that exist), each once, in input order. */
  readonly people: readonly Person[];
  /** The user's corrections for this application, in input order. */
  readonly links: readonly MessageLink[];
  /** Contacts marked by hand for this application, in input order. */
  readonly manualContacts: readonly ManualContact[];
}

/** A person as matching compares them. */
export interface PersonKeys {
  /** Their addresses, normalised, each once. */
  readonly addresses: readonly string[];
  /** Their name's key (`nameKey`), or null. */
  readonly name: string | null;
}

/** An interview where a note may have gone to whoever arranged it, for an interviewer without an address. */
export interface ForwardTarget {
  readonly arrangers: ReadonlySet<string>;
  readonly interviewers: readonly Person[];
}

interface Builder {
  application: Application;
  interviews: Interview[];
  participants: Participant[];
  people: Person[];
  links: MessageLink[];
  manualContacts: ManualContact[];
}

/** Remembers `PersonKeys` per person object, so that unchanged people are not read again. */
export function createPersonKeys(): (person: Person) => PersonKeys {
  const kept = new WeakMap<Person, PersonKeys & { emails: readonly string[]; raw: string }>();
  return (person) => {
    const found = kept.get(person);
    if (found !== undefined && found.emails === person.emails && found.raw === person.name) {
      return found;
    }
    const keys = {
      addresses: normalizeAddresses(person.emails),
      name: nameKey(person.name),
      emails: person.emails,
      raw: person.name,
    };
    kept.set(person, keys);
    return keys;
  };
}

/** Everyone by id, the first row with an id winning. */
function peopleById(people: readonly Person[]): Map<string, Person> {
  const out = new Map<string, Person>();
  for (const person of people) if (!out.has(person.id)) out.set(person.id, person);
  return out;
}

/** The rows of each application, grouped once, with what they were grouped from. */
export interface GroupedRows {
  readonly source: WorkspaceRows;
  /** Everyone by id (see `peopleById`). */
  readonly people: ReadonlyMap<string, Person>;
  /** Everyone's addresses (see `PersonKeys`). */
  readonly addresses: ReadonlySet<string>;
  /** Each application's rows, by id, in input order. */
  readonly applications: ReadonlyMap<string, ApplicationRows>;
}

/**
 * The rows of each application (see `ApplicationRows`). When only some people's rows changed
 * since `last` (the other lists are the same arrays, the same people in the same order but
 * for those), `last` is kept but for the applications of those people: an edit to one person
 * does not group the whole workspace again.
 */
export function groupByApplication(
  rows: WorkspaceRows,
  keysOf: (person: Person) => PersonKeys,
  last: GroupedRows | null,
): GroupedRows {
  if (last !== null && last.source.people === rows.people && sameLists(last.source, rows)) {
    return last;
  }
  const people = peopleById(rows.people);
  const changed =
    last !== null && sameLists(last.source, rows) ? changes(last.people, people) : null;
  if (last === null || changed === null) {
    return {
      source: rows,
      people,
      addresses: addressesOf(people, keysOf),
      applications: rowsByApplication(rows, people),
    };
  }
  const sameAddresses = [...changed].every((id) =>
    sameStrings(keysOf(last.people.get(id)!).addresses, keysOf(people.get(id)!).addresses),
  );
  return {
    source: rows,
    people,
    addresses: sameAddresses ? last.addresses : addressesOf(people, keysOf),
    applications: withPeople(last.applications, people, changed),
  };
}

/** `applications` with the rows of the `changed` people in place of the old ones, in order. */
function withPeople(
  applications: ReadonlyMap<string, ApplicationRows>,
  people: ReadonlyMap<string, Person>,
  changed: ReadonlySet<string>,
): ReadonlyMap<string, ApplicationRows> {
  if (changed.size === 0) return applications;
  const affected = [...applications].filter(([, own]) =>
    own.people.some((person) => changed.has(person.id)),
  );
  const positions = positionsOf(
    people,
    new Set(affected.flatMap(([, own]) => own.people.map((person) => person.id))),
  );
  const out = new Map(applications);
  for (const [id, own] of affected) {
    const ownPeople = own.people
      .map((person) => people.get(person.id)!)
      .sort((a, b) => positions.get(a.id)! - positions.get(b.id)!);
    out.set(id, { ...own, people: ownPeople });
  }
  return out;
}

function addressesOf(
  people: ReadonlyMap<string, Person>,
  keysOf: (person: Person) => PersonKeys,
): Set<string> {
  const out = new Set<string>();
  for (const person of people.values()) {
    for (const address of keysOf(person).addresses) out.add(address);
  }
  return out;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Where each of `ids` comes among `people`. */
function positionsOf(people: ReadonlyMap<string, Person>, ids: ReadonlySet<string>) {
  const out = new Map<string, number>();
  let i = 0;
  for (const id of people.keys()) if (ids.has(id)) out.set(id, i++);
  return out;
}

/** Whether every list but the people is the same array. */
function sameLists(a: WorkspaceRows, b: WorkspaceRows): boolean {
  return (
    a.applications === b.applications &&
    a.interviews === b.interviews &&
    a.participants === b.participants &&
    a.links === b.links &&
    a.manualContacts === b.manualContacts
  );
}

/**
 * The ids of people whose rows are other objects in `people` than in `last`, or null when
 * someone was added or removed, or someone else moved.
 */
function changes(
  last: ReadonlyMap<string, Person>,
  people: ReadonlyMap<string, Person>,
): Set<string> | null {
  if (last.size !== people.size) return null;
  const changed = new Set<string>();
  for (const [id, person] of people) {
    const before = last.get(id);
    if (before === undefined) return null;
    if (before !== person) changed.add(id);
  }
  const before = last.keys();
  for (const id of people.keys()) {
    if (changed.has(id)) continue;
    let was = before.next();
    while (!was.done && changed.has(was.value)) was = before.next();
    if (was.value !== id) return null;
  }
  return changed;
}

/** The rows of each application, by id, in input order (see `ApplicationRows`). */
function rowsByApplication(
  rows: WorkspaceRows,
  people: ReadonlyMap<string, Person>,
): Map<string, ApplicationRows> {
  const builders = new Map<string, Builder>();
  for (const application of rows.applications) {
    if (builders.has(application.id)) continue;
    builders.set(application.id, {
      application,
      interviews: [],
      participants: [],
      people: [],
      links: [],
      manualContacts: [],
    });
  }
  const interviews = countedInterviews(rows.interviews, builders);
  /** Each person's applications, for their place in `people` there. */
  const appsOfPerson = new Map<string, Builder[]>();
  const mark = (personId: string, builder: Builder): void => {
    const apps = appsOfPerson.get(personId);
    if (apps === undefined) appsOfPerson.set(personId, [builder]);
    else if (!apps.includes(builder)) apps.push(builder);
  };
  for (const participant of rows.participants) {
    const interview = interviews.get(participant.interviewId);
    if (interview === undefined || !people.has(participant.personId)) continue;
    const { builder, taken } = interview;
    if (taken.some((p) => p.personId === participant.personId && p.role === participant.role)) {
      continue;
    }
    taken.push(participant);
    builder.participants.push(participant);
    mark(participant.personId, builder);
  }
  for (const link of rows.links) {
    const builder = builders.get(link.applicationId);
    if (builder === undefined) continue;
    builder.links.push(link);
    if (people.has(link.personId)) mark(link.personId, builder);
  }
  for (const contact of rows.manualContacts) {
    builders.get(contact.applicationId)?.manualContacts.push(contact);
  }
  for (const person of people.values()) {
    for (const builder of appsOfPerson.get(person.id) ?? []) builder.people.push(person);
  }
  return builders;
}

/**
 * Interviews that count, by id (the first wins), each with its application and the
 * participants taken so far; each is also in its application's list, sorted.
 */
function countedInterviews(
  interviews: readonly Interview[],
  builders: ReadonlyMap<string, Builder>,
): Map<string, { builder: Builder; taken: Participant[] }> {
  const byId = new Map<string, { builder: Builder; taken: Participant[] }>();
  for (const interview of interviews) {
    if (interview.cancelled) continue;
    const builder = builders.get(interview.applicationId);
    if (builder === undefined || byId.has(interview.id)) continue;
    byId.set(interview.id, { builder, taken: [] });
    builder.interviews.push(interview);
  }
  for (const builder of builders.values()) {
    if (builder.interviews.length > 1) builder.interviews.sort(byStart);
  }
  return byId;
}

/** By start, then id. */
export function byStart(a: Interview, b: Interview): number {
  return a.startsAt - b.startsAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The participants of each interview of the application, in input order. */
export function participantsByInterview(rows: ApplicationRows): Map<string, Participant[]> {
  const out = new Map<string, Participant[]>();
  for (const participant of rows.participants) {
    const list = out.get(participant.interviewId);
    if (list === undefined) out.set(participant.interviewId, [participant]);
    else list.push(participant);
  }
  return out;
}

/**
 * The application's interviews where a note may have gone to whoever arranged it: some
 * interviewer (who did not arrange it too) has no address.
 */
export function forwardTargets(
  rows: ApplicationRows,
  keysOf: (person: Person) => PersonKeys,
): Map<string, ForwardTarget> {
  const people = new Map(rows.people.map((person) => [person.id, person]));
  const out = new Map<string, ForwardTarget>();
  for (const [interviewId, participants] of participantsByInterview(rows)) {
    const arrangers = new Set<string>();
    for (const p of participants) if (p.role === 'arranger') arrangers.add(p.personId);
    if (arrangers.size === 0) continue;
    const interviewers: Person[] = [];
    for (const p of participants) {
      if (p.role !== 'interviewer' || arrangers.has(p.personId)) continue;
      const person = people.get(p.personId)!;
      if (keysOf(person).addresses.length > 0 || interviewers.includes(person)) continue;
      interviewers.push(person);
    }
    if (interviewers.length > 0) out.set(interviewId, { arrangers, interviewers });
  }
  return out;
}

/** Whoever arranged an interview of the application that is a forward target. */
export function forwardArrangers(
  rows: ApplicationRows,
  keysOf: (person: Person) => PersonKeys,
): Set<string> {
  const out = new Set<string>();
  for (const target of forwardTargets(rows, keysOf).values()) {
    for (const id of target.arrangers) out.add(id);
  }
  return out;
}

/** Whether two applications' rows are the same: the same rows, or rows with the same values. */
export function sameApplicationRows(a: ApplicationRows, b: ApplicationRows): boolean {
  return (
    sameRow(a.application, b.application) &&
    sameRows(a.interviews, b.interviews) &&
    sameRows(a.participants, b.participants) &&
    sameRows(a.people, b.people) &&
    sameRows(a.links, b.links) &&
    sameRows(a.manualContacts, b.manualContacts)
  );
}

function sameRows(a: readonly object[], b: readonly object[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameRow(a[i]!, b[i]!)) return false;
  return true;
}

/** Rows are flat: fields hold plain values or lists of them. */
export function sameRow(a: object, b: object): boolean {
  if (a === b) return true;
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  if (keys.length !== Object.keys(right).length) return false;
  for (const key of keys) {
    const x = left[key];
    const y = right[key];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}
