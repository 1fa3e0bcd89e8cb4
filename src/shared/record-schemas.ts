/**
 * The schemas the store and the rules use at run time (settings read back from the database,
 * rows the rules could not work out), built on first use rather than at load: building every
 * zod schema was most of a command's start, and `followthrough status` needs none of them
 * unless a stored row is bad. schemas.ts gives them their usual names. The plain-words
 * messages are configured here, so they hold whichever of the two modules loads first.
 */
import { z } from 'zod';
import {
  APPLICATION_STATUSES,
  INTERVIEW_KINDS,
  INTERVIEW_OUTCOMES,
  MANUAL_CHANNELS,
  THANK_YOU_WINDOWS,
  type Application,
  type Interview,
  type ManualContact,
  type Settings,
} from './model';
import { isKnownTimeZone, isRealIsoDate } from './plain-checks';

/**
 * A value out of range in plain words ("must be at least 1"), where zod's own wording reads
 * like a compiler's ("Too small: expected number to be >=1"). The field's name comes before
 * it (see `describeIssues`). A message a schema gives itself still wins.
 */
export function plainWords(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code !== 'too_small' && issue.code !== 'too_big') return undefined;
  const small = issue.code === 'too_small';
  const bound = Number(small ? issue.minimum : issue.maximum);
  switch (issue.origin) {
    case 'number':
    case 'int':
      return issue.inclusive === false
        ? `must be ${small ? 'more' : 'less'} than ${bound}`
        : `must be ${small ? 'at least' : 'at most'} ${bound}`;
    case 'string':
      if (small) return bound <= 1 ? 'is required' : `needs at least ${bound} characters`;
      return `can be at most ${bound} characters`;
    case 'array':
    case 'set':
      return small ? `needs at least ${bound}` : `can have at most ${bound}`;
    default:
      return undefined;
  }
}

z.config({ customError: plainWords });

/**
 * Dates and instants are kept to years 1970 to 9999: every later step (business days, time
 * zones, ISO text) can work them out, where `Date` gives up past year 275760 and
 * `Date.parse` silently rolls `2026-02-31` over into March.
 */
export const EARLIEST_INSTANT = 0;
export const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

export { isRealIsoDate };

function build() {
  const id = z.string().min(1).max(100);
  const text = (max: number) => z.string().max(max);
  const isoDate = z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
    .refine(
      isRealIsoDate,
      'is not a day on the calendar (check the month has that many days, and the year is between 1970 and 9999)',
    );

  /** A moment as epoch milliseconds, in years 1970 to 9999. */
  const instant = z
    .number()
    .int('must be a whole number of milliseconds')
    .min(EARLIEST_INSTANT, 'must be in 1970 or later')
    .max(LATEST_INSTANT, 'must be in the year 9999 or earlier');
  /** An email address, with a message that says what one looks like. */
  const email = z.email({ error: 'Enter an email address like name@example.com' }).max(320);

  /** An IANA zone name the runtime knows. */
  const timeZone = z.string().min(1).max(64).refine(isKnownTimeZone, 'unknown time zone');

  const application = z.object({
    id,
    company: text(200).min(1, 'company is required'),
    roleTitle: text(200).min(1, 'role title is required'),
    postingUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .nullable(),
    status: z.enum(APPLICATION_STATUSES),
    appliedOn: isoDate.nullable(),
    decidedOn: isoDate.nullable(),
    companyDomains: z.array(text(253).min(1)).max(20),
    notes: text(20000),
    createdAt: instant,
    updatedAt: instant,
  }) satisfies z.ZodType<Application>;

  const interviewFields = z.object({
    id,
    applicationId: id,
    kind: z.enum(INTERVIEW_KINDS),
    startsAt: instant,
    endsAt: instant,
    timeZone,
    location: text(2000).nullable(),
    decisionBy: isoDate.nullable(),
    contactPlan: text(2000),
    // Missing in exports made before it existed: not said.
    contactPersonId: id.nullable().default(null),
    outcome: z.enum(INTERVIEW_OUTCOMES),
    notes: text(20000),
    cancelled: z.boolean(),
  }) satisfies z.ZodType<Interview>;

  const settings = z.object({
    thankYouWindow: z.enum(THANK_YOU_WINDOWS),
    notBeforeHours: z.number().min(0).max(72),
    weekendDays: z.array(z.number().int().min(1).max(7)).max(6),
    holidays: z.array(isoDate).max(400),
    checkInGraceBusinessDays: z.number().int().min(0).max(30),
    checkInFallbackDays: z.number().int().min(1).max(60),
    maxUnansweredOutreach: z.number().int().min(1).max(10),
    thankArranger: z.boolean(),
    readReplies: z.boolean().default(true),
    openAtLogin: z.boolean().default(false),
    timeZone: timeZone.nullable(),
    undoSendSeconds: z.number().int().min(0).max(30).default(10),
    lastManualChannel: z.enum(MANUAL_CHANNELS).nullable().default(null),
  }) satisfies z.ZodType<Settings>;

  const manualContact = z.object({
    id,
    applicationId: id,
    interviewId: id.nullable(),
    personId: id,
    channel: z.enum(MANUAL_CHANNELS),
    at: instant,
    note: text(2000),
  }) satisfies z.ZodType<ManualContact>;
  return {
    id,
    text,
    isoDate,
    instant,
    email,
    timeZone,
    application,
    interviewFields,
    manualContact,
    settings,
  };
}

let built: ReturnType<typeof build> | undefined;

/** The record schemas, built the first time they are asked for. */
export function recordSchemas(): ReturnType<typeof build> {
  built ??= build();
  return built;
}
