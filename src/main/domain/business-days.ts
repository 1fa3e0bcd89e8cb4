/**
 * Calendar and business-day arithmetic for due moments.
 *
 * Days are handled as `YYYY-MM-DD` labels, never as instants, so adding days cannot drift
 * across a DST change; a label becomes an instant only at the end, through `startOfDay` or
 * `endOfDay` in a named zone.
 */
import { DateTime, IANAZone } from 'luxon';

/** The user's working week: the zone days are counted in, the weekend and the days off. */
export interface BusinessCalendar {
  zone: string;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are not business days. */
  weekendDays: ReadonlySet<number>;
  /** Days off, `YYYY-MM-DD`. */
  holidays: ReadonlySet<string>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The zone itself when luxon knows it, otherwise UTC, so a bad setting never breaks the list. */
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
  return {
    zone: resolveZone(zone),
    weekendDays: weekend.size === 7 ? new Set<number>() : weekend,
    holidays: new Set(holidays.filter((d) => ISO_DATE.test(d))),
  };
}

const DAY_MS = 86_400_000;

/** Days since 1970-01-01 for a `YYYY-MM-DD` label (plain integer arithmetic, no zone). */
function dayNumber(date: string): number {
  const match = ISO_DATE.exec(date);
  const n =
    match === null
      ? NaN
      : Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / DAY_MS;
  if (!Number.isFinite(n) || dayLabel(n) !== date)
    throw new Error(`Not a YYYY-MM-DD date: ${date}`);
  return n;
}

function dayLabel(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** ISO weekday (1 = Monday … 7 = Sunday); 1970-01-01 was a Thursday. */
function isoWeekday(n: number): number {
  return ((((n + 3) % 7) + 7) % 7) + 1;
}

// Zone lookups are the costly part (Intl under luxon); a day's first instant in a zone never
// changes for a given tz database, so it is memoised. Bounded so it cannot grow without end.
const dayStartCache = new Map<string, number>();
const DAY_START_CACHE_LIMIT = 50_000;

/** The calendar date (`YYYY-MM-DD`) an instant falls on in a zone. */
export function calendarDateOf(at: number, zone: string): string {
  const resolved = resolveZone(zone);
  // Every zone is within a day of UTC, so the answer is the UTC date or a neighbour of it.
  const utcDay = Math.floor(at / DAY_MS);
  for (const n of [utcDay, utcDay - 1, utcDay + 1]) {
    const label = dayLabel(n);
    if (startOfDay(label, resolved) <= at && at < startOfDay(dayLabel(n + 1), resolved)) {
      return label;
    }
  }
  const label = DateTime.fromMillis(at, { zone: resolved }).toISODate();
  if (label === null) throw new Error(`Invalid instant: ${at}`);
  return label;
}

/** The date `days` calendar days after (or before, if negative) `date`. */
export function addCalendarDays(date: string, days: number): string {
  return dayLabel(dayNumber(date) + days);
}

/** Whether the date is neither a weekend day nor a holiday in the calendar. */
export function isBusinessDay(date: string, calendar: BusinessCalendar): boolean {
  return !calendar.weekendDays.has(isoWeekday(dayNumber(date))) && !calendar.holidays.has(date);
}

/** The first business day strictly after `date`. */
export function nextBusinessDay(date: string, calendar: BusinessCalendar): string {
  let day = addCalendarDays(date, 1);
  while (!isBusinessDay(day, calendar)) day = addCalendarDays(day, 1);
  return day;
}

/** `date` itself when it is a business day, otherwise the next business day. */
export function businessDayOnOrAfter(date: string, calendar: BusinessCalendar): string {
  return isBusinessDay(date, calendar) ? date : nextBusinessDay(date, calendar);
}

/** The business day `count` business days after `date` (`count` 0 returns `date` unchanged). */
export function addBusinessDays(date: string, count: number, calendar: BusinessCalendar): string {
  let day = date;
  for (let i = 0; i < count; i++) day = nextBusinessDay(day, calendar);
  return day;
}

/** The first instant of the date in the zone (after a gap at midnight, the first that exists). */
export function startOfDay(date: string, zone: string): number {
  const resolved = resolveZone(zone);
  const cacheKey = `${resolved} ${date}`;
  const cached = dayStartCache.get(cacheKey);
  if (cached !== undefined) return cached;
  dayNumber(date);
  const start = DateTime.fromISO(date, { zone: resolved }).startOf('day').toMillis();
  if (dayStartCache.size >= DAY_START_CACHE_LIMIT) dayStartCache.clear();
  dayStartCache.set(cacheKey, start);
  return start;
}

/** The last millisecond of the date in the zone, correct on 23- and 25-hour days. */
export function endOfDay(date: string, zone: string): number {
  return startOfDay(addCalendarDays(date, 1), zone) - 1;
}

/** The same wall-clock time `days` calendar days later in the zone (not `days * 24h`). */
export function plusCalendarDaysInZone(at: number, days: number, zone: string): number {
  return DateTime.fromMillis(at, { zone: resolveZone(zone) })
    .plus({ days })
    .toMillis();
}
