/**
 * Checks that need no zod, for code on the command line's quick path: the store reads the
 * settings back with these, so `followthrough status` never builds a schema. The schemas in
 * record-schemas.ts use the same date and zone checks; test/shared/plain-checks.test.ts keeps
 * the settings checks in step with `settingsSchema`.
 */
import { MANUAL_CHANNELS, THANK_YOU_WINDOWS, type Settings } from './model';

/** True when `s` is YYYY-MM-DD naming a day that exists, in years 1970 to 9999. */
export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** True when the runtime knows `tz` as a time zone. */
export function isKnownTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** A finite number from `min` to `max`, a whole one when `whole`. */
function numberIn(min: number, max: number, whole: boolean) {
  return (v: unknown): v is number =>
    typeof v === 'number' &&
    Number.isFinite(v) &&
    (!whole || Number.isSafeInteger(v)) &&
    v >= min &&
    v <= max;
}

function oneOf<T extends string>(list: readonly T[]) {
  return (v: unknown): v is T => typeof v === 'string' && (list as readonly string[]).includes(v);
}

const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';

/**
 * For each setting, whether a stored value is one `settingsSchema` accepts as it is. A value
 * that is not (missing, or from a hand-edited file) takes the default, as the schema's own
 * defaults do.
 */
export const SETTING_CHECKS: { [K in keyof Settings]: (v: unknown) => v is Settings[K] } = {
  thankYouWindow: oneOf(THANK_YOU_WINDOWS),
  notBeforeHours: numberIn(0, 72, false),
  weekendDays: (v): v is number[] =>
    Array.isArray(v) && v.length <= 6 && v.every(numberIn(1, 7, true)),
  holidays: (v): v is string[] =>
    Array.isArray(v) &&
    v.length <= 400 &&
    v.every((day) => typeof day === 'string' && isRealIsoDate(day)),
  checkInGraceBusinessDays: numberIn(0, 30, true),
  checkInFallbackDays: numberIn(1, 60, true),
  maxUnansweredOutreach: numberIn(1, 10, true),
  thankArranger: isBoolean,
  readReplies: isBoolean,
  openAtLogin: isBoolean,
  timeZone: (v): v is string | null =>
    v === null || (typeof v === 'string' && v.length >= 1 && v.length <= 64 && isKnownTimeZone(v)),
  undoSendSeconds: numberIn(0, 30, true),
  lastManualChannel: (v): v is Settings['lastManualChannel'] =>
    v === null || oneOf(MANUAL_CHANNELS)(v),
};
