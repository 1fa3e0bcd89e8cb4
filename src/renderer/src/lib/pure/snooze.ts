/** The moments the snooze dialog offers, on the wall clock of the user's zone. */
import { DateTime } from 'luxon';

/** The hour a snoozed item wakes up on the day picked. */
export const WAKE_HOUR = 8;

/** 08:00 on the day after `now`. */
export function tomorrowMorning(now: number, zone: string): number {
  return DateTime.fromMillis(now, { zone })
    .plus({ days: 1 })
    .set({ hour: WAKE_HOUR, minute: 0, second: 0, millisecond: 0 })
    .toMillis();
}

/** 08:00 on the next Monday after `now` (a week on when today is Monday). */
export function nextWeekMorning(now: number, zone: string): number {
  const today = DateTime.fromMillis(now, { zone });
  return today
    .plus({ days: 8 - today.weekday })
    .set({ hour: WAKE_HOUR, minute: 0, second: 0, millisecond: 0 })
    .toMillis();
}
