/**
 * iCalendar (.ics) in and out, with ical.js: invitations read into plain `CalendarInvite`
 * values, and due dates written as a calendar file. No I/O: text in, values out.
 *
 * Time zones. A TZID is mapped to an IANA name when it is one (also behind a
 * `/mozilla.org/…/Europe/Berlin` style prefix) or a Windows name (Outlook and Exchange:
 * "W. Europe Standard Time"); the instant then comes from the IANA rules. A TZID that maps to
 * nothing but has a VTIMEZONE in the file (Outlook's "Customized Time Zone") is converted by
 * ical.js from that definition; ical.js finds a file's VTIMEZONEs itself, so nothing is
 * registered in its process-wide TimezoneService. UTC times keep `timeZone: null` (the user's
 * zone is used), and floating times are read in `floatingZone`.
 *
 * Repeating events. An invitation for a recurring hold becomes one interview: the first
 * occurrence that has not ended at `now` (the next one the user will attend), with its
 * exception (RECURRENCE-ID) applied; when every occurrence is over, the last one. Without
 * `now`, the first occurrence.
 */
import ICAL from 'ical.js';
import { DateTime, IANAZone } from 'luxon';
import { findIana } from 'windows-iana';
import type {
  CalendarAttendee,
  CalendarAttendeeKind,
  CalendarInvite,
  CalendarPerson,
} from '../../shared/model';

type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalProperty = InstanceType<typeof ICAL.Property>;
type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;

/** A calendar file that cannot be read; the message names the line or the problem. */
export class IcsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IcsError';
  }
}

export interface ParseIcsOptions {
  /** The zone floating times (no TZID, no Z) and all-day dates are read in. Default UTC. */
  floatingZone?: string;
  /** Picks the occurrence of a repeating event; see the module comment. */
  now?: number;
}

/** Longest description kept; invitation bodies can carry pages of dial-in numbers. */
const MAX_DESCRIPTION = 5000;
/** Occurrences looked at before giving up on finding one after `now`. */
const MAX_OCCURRENCES = 2000;
/** The last instant an event may end at: later ones break date arithmetic everywhere. */
const LATEST_END = Date.UTC(9999, 11, 31, 23, 59, 59);
/** The longest event kept; nothing a person attends lasts longer (a leap year and a day). */
const LONGEST_EVENT = 367 * 24 * 60 * 60 * 1000;

/**
 * Reads every event of an .ics text, one `CalendarInvite` per UID (an event's exceptions are
 * folded into it). Throws IcsError for anything that is not a readable calendar with events.
 */
export function parseIcs(text: string, options: ParseIcsOptions = {}): CalendarInvite[] {
  const source = text.replace(/^\uFEFF/, '');
  const layout = checkLayout(source);
  let parsed: unknown;
  try {
    parsed = ICAL.parse(source);
  } catch (error) {
    throw new IcsError(`calendar file: ${describe(error)}`);
  }
  // One calendar parses to its jCal array; several concatenated ones to a list of them.
  const list: unknown[] =
    Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[]);
  const roots = list.map((jcal) => new ICAL.Component(jcal as unknown[]));
  const floatingZone = validZone(options.floatingZone) ?? 'UTC';

  const invites: CalendarInvite[] = [];
  let eventIndex = 0;
  for (const root of roots) {
    const calendar = root.name === 'vcalendar' ? root : null;
    if (!calendar) throw new IcsError('calendar file: it does not start with BEGIN:VCALENDAR');
    const method = textValue(calendar.getFirstProperty('method'))?.toUpperCase() || 'PUBLISH';
    const zoneHint = validZone(textValue(calendar.getFirstProperty('x-wr-timezone')) ?? undefined);
    const events = calendar.getAllSubcomponents('vevent');
    const byUid = new Map<string, { master: IcalComponent | null; exceptions: IcalComponent[] }>();
    const order: string[] = [];
    for (const component of events) {
      const lines = layout.events[eventIndex] ?? new Map<string, number>();
      rawValues.set(component, layout.values[eventIndex] ?? new Map<string, string>());
      eventIndex += 1;
      const uid = textValue(component.getFirstProperty('uid')) || syntheticUid(component, lines);
      let group = byUid.get(uid);
      if (!group) {
        group = { master: null, exceptions: [] };
        byUid.set(uid, group);
        order.push(uid);
      }
      lineNumbers.set(component, lines);
      if (component.hasProperty('recurrence-id')) group.exceptions.push(component);
      else group.master ??= component;
    }
    for (const uid of order) {
      const group = byUid.get(uid)!;
      const context = { method, floatingZone, zoneHint, now: options.now };
      const base = group.master ?? group.exceptions[0]!;
      // What ical.js throws outside the reads guarded by property (time zone rules it cannot
      // follow, for one) still names the event and its line.
      invites.push(
        guard(base, 'begin', () =>
          readEvent(uid, group.master, group.exceptions, context),
        ) as CalendarInvite,
      );
    }
  }
  if (invites.length === 0) {
    throw new IcsError('calendar file: no VEVENT found (the file holds no events)');
  }
  return invites;
}

/** Line numbers and raw values of the properties of each VEVENT, for messages about a bad value. */
const lineNumbers = new WeakMap<IcalComponent, Map<string, number>>();
const rawValues = new WeakMap<IcalComponent, Map<string, string>>();

interface ReadContext {
  method: string;
  floatingZone: string;
  zoneHint: string | null;
  now: number | undefined;
}

function readEvent(
  uid: string,
  master: IcalComponent | null,
  exceptions: IcalComponent[],
  context: ReadContext,
): CalendarInvite {
  // Only an exception came (an update to one occurrence): it stands for the event.
  const base = master ?? exceptions[0]!;
  const periodEnds = guard(base, 'rdate', () => periodsToStarts(base)) as PeriodEnds;
  const event = guard(base, 'dtstart', () => new ICAL.Event(base)) as IcalEvent;
  if (master) {
    for (const exception of exceptions) {
      guard(exception, 'recurrence-id', () => event.relateException(exception));
    }
  }
  const startProperty = base.getFirstProperty('dtstart');
  if (!startProperty) {
    throw new IcsError(`${where(base, 'begin')}the event "${summaryOf(base)}" has no start time`);
  }
  const startTime = guard(base, 'dtstart', () => startProperty.getFirstValue()) as IcalTime;
  const endTime = guard(base, base.hasProperty('dtend') ? 'dtend' : 'duration', () =>
    base.hasProperty('dtend') || base.hasProperty('duration') ? event.endDate : null,
  ) as IcalTime | null;
  const tzid = startProperty.getParameter('tzid');
  const zone = ianaZoneForTzid(typeof tzid === 'string' ? tzid : null);

  const toMs = (time: IcalTime, property: IcalProperty | null): number =>
    instantOf(time, property, context.floatingZone);
  let start = toMs(startTime, startProperty);
  let end = endTime
    ? base.hasProperty('dtend')
      ? toMs(endTime, base.getFirstProperty('dtend'))
      : start + guardedDuration(base)
    : startTime.isDate
      ? plusDays(start, 1, context.floatingZone)
      : start;
  let chosen: IcalComponent = base;
  checkSpan(base, start, end);

  const rrule = base.getFirstProperty('rrule');
  let recurrence: CalendarInvite['recurrence'] = null;
  if (master && rrule) {
    const rule = guard(base, 'rrule', () => asText(rrule.getFirstValue())) as string;
    recurrence = { rule };
    const pick = guard(base, 'rrule', () =>
      pickOccurrence(event, startProperty, end - start, periodEnds, context),
    ) as ReturnType<typeof pickOccurrence>;
    if (pick) {
      checkSpan(pick.component, pick.start, pick.end);
      start = pick.start;
      end = pick.end;
      chosen = pick.component;
    }
  }

  const status = textValue(chosen.getFirstProperty('status'))?.toUpperCase() ?? null;
  const sequences = [base, ...exceptions].map((c) => integerValue(c, 'sequence'));
  const organizer = personOf(
    chosen.getFirstProperty('organizer') ?? base.getFirstProperty('organizer'),
  );
  const attendeeSource = chosen.hasProperty('attendee') ? chosen : base;
  const attendees = dedupe(
    attendeeSource
      .getAllProperties('attendee')
      .map(attendeeOf)
      .filter((a): a is CalendarAttendee => a !== null),
  );
  const location = cleanText(textValue(chosen.getFirstProperty('location')));
  const description = cleanText(textValue(chosen.getFirstProperty('description'))) ?? '';
  const stamp = chosen.getFirstProperty('dtstamp') ?? base.getFirstProperty('dtstamp');
  const timeZone = startTime.isDate
    ? null
    : (zone ?? (startTime.zone === ICAL.Timezone.utcTimezone ? context.zoneHint : null));

  return {
    uid,
    sequence: Math.max(0, ...sequences),
    method: context.method,
    status:
      status === 'CANCELLED'
        ? 'cancelled'
        : status === 'TENTATIVE'
          ? 'tentative'
          : status === 'CONFIRMED'
            ? 'confirmed'
            : null,
    cancelled: context.method === 'CANCEL' || status === 'CANCELLED',
    summary: cleanText(textValue(chosen.getFirstProperty('summary'))) ?? '',
    description: description.slice(0, MAX_DESCRIPTION),
    startsAt: start,
    endsAt: Math.max(start, end),
    timeZone,
    allDay: startTime.isDate,
    location,
    meetingLink: meetingLinkOf(chosen),
    organizer,
    attendees,
    recurrence,
    stampedAt: stamp ? safeInstant(stamp, context.floatingZone) : null,
  };
}

/** The occurrence to track; see the module comment. */
function pickOccurrence(
  event: IcalEvent,
  startProperty: IcalProperty,
  duration: number,
  periodEnds: PeriodEnds,
  context: ReadContext,
): { start: number; end: number; component: IcalComponent } | null {
  const iterator = event.iterator();
  let last: { start: number; end: number; component: IcalComponent } | null = null;
  for (let n = 0; n < MAX_OCCURRENCES; n += 1) {
    const next = iterator.next();
    if (!next) break;
    const details = event.getOccurrenceDetails(next);
    const item = details.item;
    const isException = item.component !== event.component;
    const start = isException
      ? instantOf(
          details.startDate,
          item.component.getFirstProperty('dtstart'),
          context.floatingZone,
        )
      : instantOf(next, startProperty, context.floatingZone);
    const period = periodEnds.get(next.toString());
    const end = isException
      ? instantOf(
          details.endDate,
          item.component.getFirstProperty('dtend') ?? item.component.getFirstProperty('dtstart'),
          context.floatingZone,
        )
      : period
        ? instantOf(period.end, period.property, context.floatingZone)
        : start + duration;
    last = { start, end: Math.max(start, end), component: item.component };
    if (context.now === undefined || last.end >= context.now) return last;
  }
  return last;
}

/** Ends of RDATE periods by the text of their start, the key ical.js's iterator gives back. */
type PeriodEnds = Map<string, { end: IcalTime; property: IcalProperty }>;

/**
 * Replaces the periods of RDATE;VALUE=PERIOD (a start and an end, or a start and a duration)
 * by their starts, keeping the ends aside: ical.js's event iterator hands periods back as
 * they are, which its own occurrence lookup cannot take.
 */
function periodsToStarts(component: IcalComponent): PeriodEnds {
  const ends: PeriodEnds = new Map();
  for (const property of component.getAllProperties('rdate')) {
    const values = property.getValues() as unknown[];
    if (!values.some((v) => v instanceof ICAL.Period)) continue;
    const starts = values.map((value) => {
      if (!(value instanceof ICAL.Period)) return value as IcalTime;
      ends.set(value.start.toString(), { end: value.getEnd(), property });
      return value.start;
    });
    property.resetType('date-time');
    property.setValues(starts);
  }
  return ends;
}

/** Refuses an event that ends after the year 9999 or lasts longer than a year. */
function checkSpan(component: IcalComponent, start: number, end: number): void {
  const endName = component.hasProperty('dtend') ? 'dtend' : 'duration';
  if (!Number.isFinite(start) || !Number.isFinite(end) || end > LATEST_END || start > LATEST_END) {
    throw new IcsError(
      `${where(component, endName)}the event "${summaryOf(component)}" ends after the year 9999`,
    );
  }
  if (end - start > LONGEST_EVENT) {
    throw new IcsError(
      `${where(component, endName)}the event "${summaryOf(component)}" lasts longer than a year`,
    );
  }
}

/** The instant of a DATE or DATE-TIME value; see the module comment for the zone rules. */
function instantOf(time: IcalTime, property: IcalProperty | null, floatingZone: string): number {
  const fields = {
    year: time.year,
    month: time.month,
    day: time.day,
    hour: time.isDate ? 0 : time.hour,
    minute: time.isDate ? 0 : time.minute,
    second: time.isDate ? 0 : Math.min(time.second, 59),
  };
  if (time.isDate) return DateTime.fromObject(fields, { zone: floatingZone }).toMillis();
  if (time.zone === ICAL.Timezone.utcTimezone) {
    return Date.UTC(
      fields.year,
      fields.month - 1,
      fields.day,
      fields.hour,
      fields.minute,
      fields.second,
    );
  }
  const tzid = property?.getParameter('tzid');
  const zone = ianaZoneForTzid(typeof tzid === 'string' ? tzid : null);
  if (zone) return DateTime.fromObject(fields, { zone }).toMillis();
  // A VTIMEZONE from the file that maps to no IANA zone: ical.js converts with its rules.
  if (tzid && time.zone && time.zone !== ICAL.Timezone.localTimezone) {
    return time.toUnixTime() * 1000;
  }
  return DateTime.fromObject(fields, { zone: floatingZone }).toMillis();
}

function safeInstant(property: IcalProperty, floatingZone: string): number | null {
  try {
    const value = property.getFirstValue() as IcalTime;
    return instantOf(value, property, floatingZone);
  } catch {
    return null;
  }
}

function guardedDuration(component: IcalComponent): number {
  const value = guard(component, 'duration', () =>
    component.getFirstPropertyValue('duration'),
  ) as InstanceType<typeof ICAL.Duration>;
  return value.toSeconds() * 1000;
}

function plusDays(at: number, days: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).plus({ days }).toMillis();
}

const zoneCache = new Map<string, string | null>();

/**
 * The IANA name for an iCalendar TZID: itself, the IANA name at the end of a prefixed id, or
 * the Windows name's IANA zone; null when none fits, so the caller can fall back to the
 * file's VTIMEZONE or floating time (`resolveZone` in business-days falls back to UTC instead).
 */
export function ianaZoneForTzid(tzid: string | null): string | null {
  if (tzid === null) return null;
  const id = tzid.trim().replace(/^"|"$/g, '');
  if (id === '') return null;
  const cached = zoneCache.get(id);
  if (cached !== undefined) return cached;
  let found: string | null = null;
  if (/^(utc|gmt|z|etc\/utc|etc\/gmt)$/i.test(id)) found = 'UTC';
  else if (validZone(id)) found = id;
  else {
    const parts = id.split('/').filter(Boolean);
    for (let take = Math.min(3, parts.length); take >= 2 && !found; take -= 1) {
      found = validZone(parts.slice(-take).join('/'));
    }
    if (!found) found = windowsZone(id);
  }
  if (zoneCache.size < 500) zoneCache.set(id, found);
  return found;
}

function windowsZone(id: string): string | null {
  try {
    for (const candidate of findIana(id)) {
      const zone = validZone(candidate);
      if (zone) return zone;
    }
  } catch {
    /* not a Windows name */
  }
  return null;
}

function validZone(zone: string | undefined | null): string | null {
  if (!zone || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return null;
  return IANAZone.isValidZone(zone) ? zone : null;
}

const MEETING_HOSTS =
  /(^|\.)(zoom\.us|zoomgov\.com|teams\.microsoft\.com|teams\.live\.com|meet\.google\.com|webex\.com|gotomeeting\.com|meet\.goto\.com|whereby\.com|bluejeans\.com|chime\.aws|meet\.jit\.si|skype\.com|meet\.lync\.com)$/i;

/**
 * The meeting link: a URL on a known video-call host from the dedicated properties
 * (Google, Teams, RFC 7986 CONFERENCE), LOCATION, URL or DESCRIPTION, in that order; else
 * the first https URL of LOCATION, URL or CONFERENCE. DESCRIPTION alone is not trusted for
 * other hosts: it is full of help and "view in calendar" links.
 */
function meetingLinkOf(event: IcalComponent): string | null {
  const read = (name: string) =>
    event.getAllProperties(name).flatMap((p) => {
      try {
        return p.getValues().map((v) => asText(v));
      } catch {
        return [];
      }
    });
  const dedicated = [
    ...read('x-google-conference'),
    ...read('x-microsoft-skypeteamsmeetingurl'),
    ...read('x-microsoft-onlinemeetingexternallink'),
    ...read('conference'),
  ];
  const ordered = [
    ...dedicated,
    ...read('location'),
    ...read('url'),
    ...read('description'),
    ...read('x-alt-desc'),
  ];
  for (const text of ordered) {
    const hit = urlsIn(text).find((u) => MEETING_HOSTS.test(new URL(u).hostname));
    if (hit) return hit;
  }
  for (const text of [...read('location'), ...read('url'), ...dedicated]) {
    const first = urlsIn(text)[0];
    if (first) return first;
  }
  return null;
}

function urlsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/https:\/\/[^\s<>"'\\|]+/gi)) {
    const url = match[0].replace(/[).,;:!?\]]+$/, '');
    try {
      new URL(url);
      found.push(url);
    } catch {
      /* not a URL after all */
    }
  }
  return found;
}

function personOf(property: IcalProperty | null): CalendarPerson | null {
  if (!property) return null;
  const email = addressOf(property);
  if (!email) return null;
  return { name: nameOf(property, email), email };
}

const ATTENDEE_KINDS: Record<string, CalendarAttendeeKind> = {
  INDIVIDUAL: 'individual',
  GROUP: 'group',
  ROOM: 'room',
  RESOURCE: 'resource',
};

function attendeeOf(property: IcalProperty): CalendarAttendee | null {
  const email = addressOf(property);
  if (!email) return null;
  const param = (name: string): string => paramText(property, name).toUpperCase();
  const cutype = param('cutype');
  return {
    name: nameOf(property, email),
    email,
    role: param('role') || 'REQ-PARTICIPANT',
    partstat: param('partstat') || 'NEEDS-ACTION',
    kind: cutype === '' ? 'individual' : (ATTENDEE_KINDS[cutype] ?? 'unknown'),
  };
}

/** The address of an ORGANIZER or ATTENDEE: the EMAIL parameter (Apple) or the mailto value. */
function addressOf(property: IcalProperty): string | null {
  let value = paramText(property, 'email');
  if (value === '') {
    try {
      value = asText(property.getFirstValue());
    } catch {
      return null;
    }
  }
  const address = value
    .trim()
    .replace(/^mailto:/i, '')
    .trim()
    .toLowerCase();
  return /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address) ? address : null;
}

function nameOf(property: IcalProperty, email: string): string | null {
  const name = paramText(property, 'cn').replace(/^"|"$/g, '');
  return name === '' || name.toLowerCase() === email ? null : name;
}

/** Text of a value ical.js hands back: strings as they are, its own types through toString. */
function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value !== null && typeof value === 'object')
    return (value as { toString(): string }).toString();
  return '';
}

/** A parameter's (first) value, trimmed; '' when absent. */
function paramText(property: IcalProperty, name: string): string {
  const value: unknown = property.getParameter(name);
  return asText(Array.isArray(value) ? (value as unknown[])[0] : value).trim();
}

function dedupe(attendees: CalendarAttendee[]): CalendarAttendee[] {
  const seen = new Set<string>();
  return attendees.filter((a) => (seen.has(a.email) ? false : (seen.add(a.email), true)));
}

function textValue(property: IcalProperty | null): string | null {
  if (!property) return null;
  try {
    const value: unknown = property.getFirstValue();
    return value === null || value === undefined ? null : asText(value);
  } catch {
    return null;
  }
}

function cleanText(text: string | null): string | null {
  if (text === null) return null;
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  return trimmed === '' ? null : trimmed;
}

function integerValue(component: IcalComponent, name: string): number {
  const value = Number(textValue(component.getFirstProperty(name)));
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

/** The title on one line, for messages. */
function summaryOf(component: IcalComponent): string {
  const title = cleanText(textValue(component.getFirstProperty('summary')));
  if (title === null) return 'without a title';
  const line = title.replace(/\s+/g, ' ');
  return line.length > 60 ? `${line.slice(0, 60)}…` : line;
}

/** "line 14: " for a property of an event, or "" when the line is not known. */
function where(component: IcalComponent, property: string): string {
  const line = lineNumbers.get(component)?.get(property);
  return line === undefined ? 'calendar file: ' : `line ${line}: `;
}

/** Runs a read of `property`, turning ical.js's error into one that names the line. */
function guard(component: IcalComponent, property: string, read: () => unknown): unknown {
  try {
    return read();
  } catch (error) {
    if (error instanceof IcsError) throw error;
    const raw = rawValues.get(component)?.get(property);
    const shown = raw === undefined ? '' : ` "${raw.length > 40 ? `${raw.slice(0, 40)}…` : raw}"`;
    if (property === 'begin') {
      throw new IcsError(
        `${where(component, property)}the event "${summaryOf(component)}" cannot be read (${describe(error)})`,
      );
    }
    throw new IcsError(
      `${where(component, property)}the ${property.toUpperCase()} value${shown} cannot be read (${describe(error)})`,
    );
  }
}

/** A stable UID for an event that has none, from its start and title (FNV-1a). */
function syntheticUid(component: IcalComponent, lines: Map<string, number>): string {
  const seed = `${textValue(component.getFirstProperty('dtstart')) ?? lines.get('begin') ?? ''}|${cleanText(textValue(component.getFirstProperty('summary'))) ?? 'without a title'}`;
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i += 1) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `no-uid-${hash.toString(16)}@followthrough`;
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().slice(0, 200);
}

interface Layout {
  /** Per VEVENT in file order: property name (lower case) → first line number; `begin` too. */
  events: Map<string, number>[];
  /** Per VEVENT in file order: property name (lower case) → its first raw value. */
  values: Map<string, string>[];
}

/**
 * Checks the shape of the file line by line before ical.js reads it, so a broken file is
 * reported with the line it breaks on: every line NAME[;params]:value, BEGIN and END paired.
 */
function checkLayout(text: string): Layout {
  const raw = text.split(/\r\n|\n|\r/);
  const events: Map<string, number>[] = [];
  const values: Map<string, string>[] = [];
  const stack: { name: string; line: number }[] = [];
  let current: Map<string, number> | null = null;
  let currentValues: Map<string, string> | null = null;
  let sawContent = false;
  let logical = '';
  let logicalLine = 0;

  const take = (content: string, line: number) => {
    if (content.trim() === '') return;
    if (!sawContent && !/^BEGIN:VCALENDAR\s*$/i.test(content.trim())) {
      throw new IcsError(
        'calendar file: this is not an iCalendar file (it should start with BEGIN:VCALENDAR)',
      );
    }
    const match = /^([A-Za-z0-9-]+)(;[^]*?)?:([^]*)$/.exec(content);
    if (!match) {
      const shown = content.length > 40 ? `${content.slice(0, 40)}…` : content;
      throw new IcsError(`line ${line}: "${shown}" is not a calendar line (NAME:value expected)`);
    }
    const name = match[1]!.toUpperCase();
    const value = (match[3] ?? '').trim().toUpperCase();
    sawContent = true;
    if (name === 'BEGIN') {
      stack.push({ name: value, line });
      if (value === 'VEVENT') {
        current = new Map([['begin', line]]);
        currentValues = new Map();
        events.push(current);
        values.push(currentValues);
      }
      return;
    }
    if (name === 'END') {
      const open = stack.pop();
      if (!open) throw new IcsError(`line ${line}: END:${value} without a BEGIN`);
      if (open.name !== value) {
        throw new IcsError(
          `line ${line}: END:${value} does not close BEGIN:${open.name} from line ${open.line}`,
        );
      }
      if (value === 'VEVENT') current = null;
      return;
    }
    if (stack.length === 0) {
      throw new IcsError(`line ${line}: ${name} is outside BEGIN:VCALENDAR … END:VCALENDAR`);
    }
    checkValue(
      name,
      match[3] ?? '',
      line,
      stack.some((open) => open.name === 'VTIMEZONE'),
    );
    const key = name.toLowerCase();
    if (current && stack.at(-1)?.name === 'VEVENT' && !current.has(key)) {
      current.set(key, line);
      currentValues?.set(key, match[3] ?? '');
    }
  };

  raw.forEach((line, index) => {
    if ((line.startsWith(' ') || line.startsWith('\t')) && logical !== '') {
      logical += line.slice(1);
      return;
    }
    take(logical, logicalLine);
    logical = line;
    logicalLine = index + 1;
  });
  take(logical, logicalLine);
  if (!sawContent) throw new IcsError('calendar file: the file is empty');
  const open = stack.at(-1);
  if (open) {
    throw new IcsError(
      `calendar file: BEGIN:${open.name} on line ${open.line} is never closed (is the file cut off?)`,
    );
  }
  return { events, values };
}

/** Properties whose values are dates or date-times (lists, and periods for RDATE). */
const DATE_PROPERTIES = new Set([
  'DTSTART',
  'DTEND',
  'DUE',
  'RECURRENCE-ID',
  'EXDATE',
  'RDATE',
  'DTSTAMP',
  'CREATED',
  'LAST-MODIFIED',
  'COMPLETED',
]);

/** Frequencies a time zone may not change at: ical.js expands them one by one. */
const FINER_THAN_DAILY = new Set(['SECONDLY', 'MINUTELY', 'HOURLY']);
const MONTH_LENGTHS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * Refuses, before ical.js sees them, the values it would roll over (month 13, hour 99) or
 * expand without end (a day of the month no month in the rule has, a time zone that changes
 * every second). ical.js parses what it cannot bound lazily, so these are caught here.
 */
function checkValue(name: string, value: string, line: number, inTimeZone: boolean): void {
  if (DATE_PROPERTIES.has(name)) {
    for (const item of value.split(',')) {
      for (const part of item.split('/')) checkDate(part.trim(), name, line);
    }
  } else if (name === 'RRULE' || name === 'EXRULE') {
    checkRule(value.trim(), name, line, inTimeZone);
  }
}

function checkDate(text: string, name: string, line: number): void {
  const match = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/i.exec(text);
  if (!match) return;
  const [year, month, day, hour, minute, second] = match.slice(1).map((n) => Number(n ?? 0)) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const problem =
    month < 1 || month > 12
      ? `there is no month ${month}`
      : day < 1 || day > daysIn(year, month)
        ? `month ${month} of ${year} has no day ${day}`
        : hour > 23
          ? `there is no hour ${hour}`
          : minute > 59
            ? `there is no minute ${minute}`
            : second > 60
              ? `there is no second ${second}`
              : null;
  if (problem !== null) {
    throw new IcsError(`line ${line}: the ${name} value "${text}" is not a real date (${problem})`);
  }
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checkRule(rule: string, name: string, line: number, inTimeZone: boolean): void {
  const parts = new Map<string, string>();
  for (const piece of rule.split(';')) {
    const [key, part] = piece.split('=');
    if (key && part !== undefined) parts.set(key.trim().toUpperCase(), part.trim().toUpperCase());
  }
  const shown = rule.length > 60 ? `${rule.slice(0, 60)}…` : rule;
  const refuse = (why: string) => {
    throw new IcsError(`line ${line}: the ${name} "${shown}" ${why}`);
  };
  const numbers = (key: string): number[] =>
    (parts.get(key) ?? '')
      .split(',')
      .filter(Boolean)
      .map((n) => Number(n));
  const freq = parts.get('FREQ') ?? '';
  if (inTimeZone && FINER_THAN_DAILY.has(freq)) {
    refuse('makes a time zone change more often than once a day');
  }
  for (const key of ['INTERVAL', 'COUNT']) {
    const [n] = numbers(key);
    if (parts.has(key) && !(Number.isInteger(n) && n! >= 1)) refuse(`has ${key} below 1`);
  }
  const months = numbers('BYMONTH');
  for (const month of months) {
    if (!Number.isInteger(month) || month < 1 || month > 12) refuse(`names month ${month}`);
  }
  const lengths = (months.length > 0 ? months : [1]).map((m) => MONTH_LENGTHS[m - 1]!);
  // Yearly with months named, ical.js rolls a day a month lacks (31 February) into the next
  // month instead of skipping it; elsewhere it skips it, and only a day no month has is wrong.
  const limit =
    freq === 'YEARLY' && months.length > 0 ? Math.min(...lengths) : Math.max(...lengths);
  for (const day of numbers('BYMONTHDAY')) {
    if (!Number.isInteger(day) || day === 0 || Math.abs(day) > 31) {
      refuse(`names day ${day} of a month`);
    }
    // Below monthly, ical.js looks at every day for one that never comes: it never ends.
    if (Math.abs(day) > limit) {
      refuse(`asks for day ${day} of a month too short to have it`);
    }
  }
  const until = parts.get('UNTIL');
  if (until !== undefined) checkDate(until, `${name} UNTIL`, line);
}

/** One event of an exported calendar: a moment (timed) or a whole day. */
export interface CalendarExportEvent {
  /** Stable across exports, so a calendar that imports the file again updates the event. */
  uid: string;
  summary: string;
  description: string;
  /** A timed event from `start` to `end` (epoch ms), or an all-day event on `date` (`YYYY-MM-DD`). */
  when: { start: number; end: number } | { date: string };
  /** A reminder this many minutes before the start; for an all-day event, before its midnight. */
  alarmMinutesBefore?: number | null;
  url?: string | null;
}

export interface BuildIcsOptions {
  /** DTSTAMP of every event, and the base of SEQUENCE. */
  stampedAt: number;
  calendarName: string;
  /** The user's zone: all-day dates were taken in it; calendars are told with X-WR-TIMEZONE. */
  timeZone: string;
}

/**
 * Writes events as an .ics calendar (METHOD:PUBLISH). Timed events are written in UTC, which
 * every calendar converts to its own zone; all-day events are dates in the user's zone.
 * SEQUENCE grows with the export time (minutes since 2020), so a calendar that already has a
 * UID takes the newer copy instead of keeping the old one or adding a second.
 */
export function buildIcs(events: readonly CalendarExportEvent[], options: BuildIcsOptions): string {
  const calendar = new ICAL.Component(['vcalendar', [], []]);
  calendar.updatePropertyWithValue('prodid', '-//Followthrough//Due notes and check-ins//EN');
  calendar.updatePropertyWithValue('version', '2.0');
  calendar.updatePropertyWithValue('calscale', 'GREGORIAN');
  calendar.updatePropertyWithValue('method', 'PUBLISH');
  calendar.updatePropertyWithValue('x-wr-calname', options.calendarName);
  calendar.updatePropertyWithValue('x-wr-timezone', options.timeZone);
  const stamp = utcTime(options.stampedAt);
  const sequence = Math.max(0, Math.floor((options.stampedAt - Date.UTC(2020, 0, 1)) / 60_000));

  for (const item of events) {
    const event = new ICAL.Component('vevent');
    event.updatePropertyWithValue('uid', item.uid);
    event.updatePropertyWithValue('dtstamp', stamp);
    event.updatePropertyWithValue('sequence', sequence);
    event.updatePropertyWithValue('summary', item.summary);
    if (item.description) event.updatePropertyWithValue('description', item.description);
    if ('date' in item.when) {
      const day = ICAL.Time.fromDateString(item.when.date);
      const next = day.clone();
      next.adjust(1, 0, 0, 0);
      event.updatePropertyWithValue('dtstart', day);
      event.updatePropertyWithValue('dtend', next);
    } else {
      event.updatePropertyWithValue('dtstart', utcTime(item.when.start));
      event.updatePropertyWithValue('dtend', utcTime(Math.max(item.when.start, item.when.end)));
    }
    event.updatePropertyWithValue('transp', 'TRANSPARENT');
    if (item.url) event.updatePropertyWithValue('url', item.url);
    if (item.alarmMinutesBefore !== undefined && item.alarmMinutesBefore !== null) {
      const alarm = new ICAL.Component('valarm');
      alarm.updatePropertyWithValue('action', 'DISPLAY');
      alarm.updatePropertyWithValue('description', item.summary);
      const trigger = ICAL.Duration.fromSeconds(-Math.round(item.alarmMinutesBefore * 60));
      alarm.updatePropertyWithValue('trigger', trigger);
      event.addSubcomponent(alarm);
    }
    calendar.addSubcomponent(event);
  }
  // ical.js folds by characters at 75 plus the leading space; RFC 5545 counts octets.
  const unfolded = calendar.toString().replace(/\r\n[ \t]/g, '');
  return `${unfolded.split('\r\n').map(foldLine).join('\r\n')}\r\n`;
}

/** Folds a content line into pieces of at most 75 octets, never inside a UTF-8 character. */
function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const point = char.codePointAt(0) ?? 0;
    const size = point < 0x80 ? 1 : point < 0x800 ? 2 : point < 0x10000 ? 3 : 4;
    const limit = pieces.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      pieces.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n ');
}

function utcTime(at: number): IcalTime {
  const d = new Date(at);
  return ICAL.Time.fromData(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      isDate: false,
    },
    ICAL.Timezone.utcTimezone,
  );
}
