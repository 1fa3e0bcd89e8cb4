/**
 * Local calendar values (a date and a wall-clock time in a named zone) to and from instants.
 * Across DST changes: a time that does not exist (spring forward) moves forward by the gap;
 * a time that happens twice (fall back) means the first of the two.
 */
import { DateTime } from 'luxon';

/** Epoch ms for `YYYY-MM-DD` + `HH:mm` on the wall clock of `zone`, or null when invalid. */
export function toInstant(date: string, time: string, zone: string): number | null {
  const dt = DateTime.fromISO(`${date}T${time}`, { zone });
  if (!dt.isValid) return null;
  const wall = dt.toFormat('yyyy-MM-dd HH:mm');
  // Luxon takes the later of two equal wall times; look for an earlier one (DST shifts are 30 or 60 minutes).
  for (const minutes of [60, 30]) {
    const earlier = dt.minus({ minutes });
    if (earlier.toFormat('yyyy-MM-dd HH:mm') === wall) return earlier.toMillis();
  }
  return dt.toMillis();
}

/** The `YYYY-MM-DD` and `HH:mm` an instant shows on the wall clock of `zone`. */
export function fromInstant(at: number, zone: string): { date: string; time: string } {
  const dt = DateTime.fromMillis(at, { zone });
  return { date: dt.toFormat('yyyy-MM-dd'), time: dt.toFormat('HH:mm') };
}

/** The `YYYY-MM-DD` of the day an instant falls on in `zone`. */
export function dayOf(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd');
}

/** The last millisecond of the day `at` falls on in `zone`. */
export function endOfDay(at: number, zone: string): number {
  return DateTime.fromMillis(at, { zone }).endOf('day').toMillis();
}

/** The zone the system reports, for defaults. */
export function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/** Every IANA zone the runtime knows, with `extra` (e.g. a stored zone) kept in the list. */
export function knownZones(...extra: (string | null | undefined)[]): string[] {
  const zones = new Set<string>(
    typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [],
  );
  for (const zone of extra) if (zone) zones.add(zone);
  zones.add('UTC');
  return [...zones].sort((a, b) => a.localeCompare(b));
}
