/**
 * Calendar and business-day arithmetic for due moments.
 *
 * Days are handled as `YYYY-MM-DD` labels or as day numbers (days since 1970-01-01, the fast
 * form the rules use), never as instants, so adding days cannot drift across a DST change; a
 * day becomes an instant only at the end, through `startOfDay`/`dayStart` or
 * `endOfDay`/`dayEnd` in a named zone.
 */
import { DateTime, IANAZone } from 'luxon';

/** The user's working week: the zone days are counted in, the weekend and the days off. */
export interface BusinessCalendar {
  zone: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are not business days. */
  weekendDays: ReadonlySet<number>;
  /** Days off, `YYYY-MM-DD`. */
  holidays: ReadonlySet<string>;
  /** The same days off as day numbers (see `dayNumber`), for the integer fast path. */
  holidayDays: ReadonlySet<number>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The zone itself when luxon knows it, otherwise UTC, so a bad setting never breaks the list.
 * For an IANA name (already one); a TZID from a calendar file goes through `ianaZoneForTzid`.
 */
export function resolveZone(zone: string): string {
  let valid = validZones.get(zone);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(zone);
    if (validZones.size < 1_000) validZones.set(zone, valid);
  }
  return valid ? zone : 'UTC';
}

const validZones = new Map<string, boolean>();

/**
 * Builds a calendar; a weekend that covers all seven days is ignored (it would leave no
 * business day at all) and holiday entries that are not `YYYY-MM-DD` are dropped.
 */
export function createBusinessCalendar(
  zone: string,
  weekendDays: readonly number[],
  holidays: readonly string[],
): BusinessCalendar {
  const weekend = new Set(weekendDays.filter((d) => Number.isInteger(d) && d >= 1 && d <= 7));
  const valid = holidays.filter((d) => ISO_DATE.test(d) && labelIsDate(d));
  return {
    zone: resolveZone(zone),
    weekendDays: weekend.size === 7 ? new Set<number>() : weekend,
    holidays: new Set(holidays.filter((d) => ISO_DATE.test(d))),
    holidayDays: new Set(valid.map(dayNumber)),
  };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` label (plain integer arithmetic, no zone). */
export function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  const n =
    match === null
      ? NaN
      : Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
  if (!Number.isFinite(n) || dayLabel(n) !== date)
    throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return n;
}

function labelIsDate(date: string): boolean {
  try {
    dayNumber(date);
    return true;
  } catch {
    return false;
  }
}

/** The `YYYY-MM-DD` label of a day number. */
export function dayLabel(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday); 1970-01-01 was a Thursday. */
function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

// Zone lookups are the costly part (Intl under luxon); a day's first instant in a zone never
// changes for a given tz database, so it is memoised per zone and day number. Bounded so it
// cannot grow without end.
const dayStartCache = new Map<string, Map<number, number>>();
let dayStartCount = 0;
const DAY_START_CACHE_LIMIT = 50_000;

/** The first instant of day number `n` in a zone already resolved (see `resolveZone`). */
export function dayStart(n: number, zone: string): number {
  let byDay = dayStartCache.get(zone);
  if (byDay !== undefined) {
    const cached = byDay.get(n);
    if (cached !== undefined) return cached;
  }
  if (!Number.isInteger(n)) throw new Error(`Not a day number: ${n}`);
  const start = DateTime.fromISO(dayLabel(n), { zone }).startOf('day').toMillis();
  if (dayStartCount >= DAY_START_CACHE_LIMIT) {
    dayStartCache.clear();
    dayStartCount = 0;
    byDay = undefined;
  }
  if (byDay === undefined) dayStartCache.set(zone, (byDay = new Map<number, number>()));
  byDay.set(n, start);
  dayStartCount++;
  return start;
}

/** The last millisecond of day number `n` in a resolved zone. */
export function dayEnd(n: number, zone: string): number {
  return dayStart(n + 1, zone) - 1;
}

/** The day number an instant falls on in a resolved zone. */
export function dayOf(at: number, zone: string): number {
  // Every zone is within a day of UTC, so the answer is the UTC date or a neighbour of it.
  const utcDay = Math.floor(at / DAY_MS);
  for (const n of [utcDay, utcDay - 1, utcDay + 1]) {
    if (dayStart(n, zone) <= at && at < dayStart(n + 1, zone)) return n;
  }
  const label = DateTime.fromMillis(at, { zone }).toISODate();
  if (label === null) throw new Error(`Invalid instant: ${at}`);
  return dayNumber(label);
}

/** Whether day number `n` is neither a weekend day nor a holiday in the calendar. */
export function isBusinessDayNumber(n: number, calendar: BusinessCalendar): boolean {
  return !calendar.weekendDays.has(isoWeekday(n)) && !calendar.holidayDays.has(n);
}

/** The first business day (number) strictly after day number `n`. */
export function nextBusinessDayNumber(n: number, calendar: BusinessCalendar): number {
  let day = n + 1;
  while (!isBusinessDayNumber(day, calendar)) day++;
  return day;
}

/** The business day (number) `count` business days after day number `n`. */
export function addBusinessDayNumbers(
  n: number,
  count: number,
  calendar: BusinessCalendar,
): number {
  let day = n;
  for (let i = 0; i < count; i++) day = nextBusinessDayNumber(day, calendar);
  return day;
}

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a zone. */
export function calendarDateOf(at: number, zone: string): string {
  return dayLabel(dayOf(at, resolveZone(zone)));
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addCalendarDays(date: string, days: number): string {
  return dayLabel(dayNumber(date) + days);
}

/** Whether the date is neither a weekend day nor a holiday in the calendar. */
export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  return isBusinessDayNumber(dayNumber(date), calendar);
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: string, calendar: BusinessCalendar): string {
  return dayLabel(nextBusinessDayNumber(dayNumber(date), calendar));
}

/** `date` itself when it is a business day, otherwise the next business day. */
export function businessDayOnOrAfter(date: string, calendar: BusinessCalendar): string {
  return isBusinessDay(date, calendar) ? date : nextBusinessDay(date, calendar);
}

/** The business day `count` business days after `date` (`count` 0 returns `date` unchanged). */
export function addBusinessDays(date: string, count: number, calendar: BusinessCalendar): string {
  return count <= 0 ? date : dayLabel(addBusinessDayNumbers(dayNumber(date), count, calendar));
}

/** The first instant of the date in the zone (after a gap at midnight, the first that exists). */
export function startOfDay(date: string, zone: string): number {
  return dayStart(dayNumber(date), resolveZone(zone));
}

/** The last millisecond of the date in the zone, correct on 23- and 25-hour days. */
export function endOfDay(date: string, zone: string): number {
  return dayEnd(dayNumber(date), resolveZone(zone));
}

// The same instant, zone and count always give the same answer: remembered like day starts.
const plusDaysCache = new Map<string, number>();

/** The same wall-clock time `days` calendar days later in the zone (not `days * 24h`). */
export function plusCalendarDaysInZone(at: number, days: number, zone: string): number {
  const resolved = resolveZone(zone);
  const cacheKey = `${resolved} ${days} ${at}`;
  const cached = plusDaysCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const later = DateTime.fromMillis(at, { zone: resolved }).plus({ days }).toMillis();
  if (plusDaysCache.size >= DAY_START_CACHE_LIMIT) plusDaysCache.clear();
  plusDaysCache.set(cacheKey, later);
  return later;
}
