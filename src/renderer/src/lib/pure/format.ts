/** Words and dates as the user reads them: the user's locale, the zone the app shows times in. */
import { DateTime } from 'luxon';
import type { ObligationView } from '../../../../shared/contract';
import type {
  ApplicationStatus,
  InterviewKind,
  InterviewOutcome,
  ManualChannel,
  ObligationKind,
  ObligationReply,
  ReplyClass,
  ThankYouWindow,
} from '../../../../shared/model';

export const KIND_WORDS: Record<ObligationKind, string> = {
  'thank-you': 'Thank-you note',
  'arranger-thanks': 'Short thanks for arranging',
  'check-in': 'Check-in about the decision',
  'respond-promptly': 'Reply to their message',
  'get-address': 'Find their email address',
  'after-rejection': 'Thank-you after the decision (optional)',
};

/** A note named in a sentence, as buttons say it to screen readers: "the thank-you note for Ada". */
export function noteWhat(o: { kind: ObligationKind; personName: string }): string {
  if (o.kind === 'get-address') return `the missing address of ${o.personName}`;
  return `the ${KIND_WORDS[o.kind].toLowerCase()} for ${o.personName}`;
}

/** How the app read a reply, as its timeline and rows say it. */
export const REPLY_CLASS_WORDS: Record<ReplyClass, string> = {
  acknowledgement: 'Acknowledgement, no answer needed',
  scheduling: 'Scheduling or a next step',
  rejection: 'Rejection',
  offer: 'Offer',
  other: 'Not sure what it asks',
};

/** The same classes as choices the user picks from ("what they said"). */
export const REPLY_CLASS_CHOICES: Record<ReplyClass, string> = {
  acknowledgement: 'Thanks, no answer needed',
  scheduling: 'A time or a next step',
  rejection: 'A rejection',
  offer: 'An offer',
  other: 'Something else',
};

/** A reply's reading in one line: its class, and "(not sure)" below the classifier's threshold. */
export function replyClassLine(reply: ObligationReply): string | null {
  if (reply.replyClass === null) return null;
  return `${REPLY_CLASS_WORDS[reply.replyClass]}${reply.sure ? '' : ' (not sure)'}`;
}

export const CHANNEL_WORDS: Record<ManualChannel, string> = {
  letter: 'Letter',
  linkedin: 'LinkedIn message',
  'in-person': 'In person',
  phone: 'Phone call',
  'other-email': 'From another email account',
  other: 'Some other way',
};

/** How a manual contact reads in a sentence: "sent by letter". */
export const CHANNEL_PHRASE: Record<ManualChannel, string> = {
  letter: 'sent by letter',
  linkedin: 'sent on LinkedIn',
  'in-person': 'said in person',
  phone: 'said on the phone',
  'other-email': 'sent from another email account',
  other: 'sent another way',
};

export const STATUS_WORDS: Record<ApplicationStatus, string> = {
  applied: 'Applied',
  interviewing: 'Interviewing',
  offer: 'Offer',
  accepted: 'Accepted',
  rejected: 'Turned down',
  withdrawn: 'Withdrawn',
};

export const INTERVIEW_KIND_WORDS: Record<InterviewKind, string> = {
  phone: 'Phone screen',
  video: 'Video call',
  onsite: 'On-site interview',
  panel: 'Panel interview',
  assessment: 'Assessment day',
  other: 'Interview',
};

export const OUTCOME_WORDS: Record<InterviewOutcome, string> = {
  unknown: 'Not noted',
  good: 'Went well',
  mixed: 'Mixed',
  bad: 'Went badly',
};

export const WINDOW_WORDS: Record<ThankYouWindow, string> = {
  'same-day': 'The same day (by the end of the day of the interview)',
  '24h': 'Within 24 hours',
  'next-business-day': 'By the end of the next working day',
  '48h': 'Within 48 hours',
};

export const WEEKDAY_WORDS = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${zone}|${JSON.stringify(options)}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone });
    formatters.set(key, f);
  }
  return f;
}

/** "Wed, 25 Nov 2026, 18:00" in the user's locale and the given zone. */
export function formatMoment(at: number, zone: string): string {
  return `${formatDay(at, zone)}, ${formatTime(at, zone)}`;
}

/** "Wed, 25 Nov 2026". */
export function formatDay(at: number, zone: string): string {
  return formatter(zone, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).format(at);
}

/** "18:00" or "6:00 PM". */
export function formatTime(at: number, zone: string): string {
  return formatter(zone, { timeStyle: 'short' }).format(at);
}

/** A `YYYY-MM-DD` calendar date, shown as a day without any zone shifting it. */
export function formatCalendarDate(date: string): string {
  const at = Date.parse(`${date}T12:00:00Z`);
  return Number.isNaN(at) ? date : formatDay(at, 'UTC');
}

function calendarDays(from: number, to: number, zone: string): number {
  const a = DateTime.fromMillis(from, { zone }).startOf('day');
  const b = DateTime.fromMillis(to, { zone }).startOf('day');
  return Math.round(b.diff(a, 'days').days);
}

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/**
 * "in 3 hours", "tomorrow", "4 days ago", relative to `now`. Within a day it counts hours;
 * beyond that it counts calendar days in `zone`, so 23:59 tomorrow reads "tomorrow".
 */
export function formatRelative(at: number, now: number, zone: string): string {
  const diff = at - now;
  const abs = Math.abs(diff);
  if (abs < 60_000) return 'just now';
  if (abs >= 20 * 3_600_000) {
    const days = calendarDays(now, at, zone);
    if (days !== 0) return relative.format(days, 'day');
  }
  for (const [unit, ms] of UNITS) {
    if (unit !== 'day' && (abs >= ms || unit === 'minute')) {
      return relative.format(Math.round(diff / ms), unit);
    }
  }
  return relative.format(Math.round(diff / 60_000), 'minute');
}

/** The short name of the zone at `at`, e.g. "CET" or "GMT+1". */
export function zoneLabel(at: number, zone: string): string {
  const part = formatter(zone, { timeZoneName: 'short' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

/** One line that says when an obligation is (or was) due. */
export function dueLine(o: ObligationView, now: number, zone: string): string | null {
  if (o.state === 'done') {
    if (!o.evidence) return o.reason;
    const how =
      o.evidence.type === 'manual'
        ? CHANNEL_PHRASE[o.evidence.channel]
        : 'found in your Sent folder';
    return `${capitalise(how)} on ${formatMoment(o.evidence.at, zone)} (${formatRelative(o.evidence.at, now, zone)})`;
  }
  if (o.state === 'skipped') return o.reason;
  if (o.state === 'upcoming' && o.openFrom !== null) {
    const until = o.dueAt === null ? '' : `, due by ${formatMoment(o.dueAt, zone)}`;
    return `Fitting from ${formatMoment(o.openFrom, zone)} (${formatRelative(o.openFrom, now, zone)})${until}`;
  }
  if (o.dueAt === null) return null;
  const verb = o.state === 'overdue' ? 'Was due' : 'Due';
  return `${verb} ${formatRelative(o.dueAt, now, zone)} · ${formatMoment(o.dueAt, zone)}`;
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}
