/**
 * Runtime schemas for everything that crosses a trust boundary: IPC input from the
 * renderer, imported workspace files. Types in model.ts are the source of truth; each
 * schema is checked against its type at compile time.
 */
import { z } from 'zod';
import {
  APPLICATION_STATUSES,
  INTERVIEW_KINDS,
  INTERVIEW_OUTCOMES,
  MANUAL_CHANNELS,
  PARTICIPANT_ROLES,
  THANK_YOU_WINDOWS,
  type Application,
  type Interview,
  type ManualContact,
  type Participant,
  type Person,
  type Profile,
  type Settings,
  type Workspace,
} from './model';

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

const id = z.string().min(1).max(100);
const text = (max: number) => z.string().max(max);
/**
 * Dates and instants are kept to years 1970 to 9999: every later step (business days, time
 * zones, ISO text) can work them out, where `Date` gives up past year 275760 and
 * `Date.parse` silently rolls `2026-02-31` over into March.
 */
export const EARLIEST_INSTANT = 0;
export const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/** True when `s` is YYYY-MM-DD naming a day that exists, in years 1970 to 9999. */
export function isRealIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine(
    isRealIsoDate,
    'is not a day on the calendar (check the month has that many days, and the year is between 1970 and 9999)',
  );

/** A moment as epoch milliseconds, in years 1970 to 9999. */
export const instantSchema = z
  .number()
  .int('must be a whole number of milliseconds')
  .min(EARLIEST_INSTANT, 'must be in 1970 or later')
  .max(LATEST_INSTANT, 'must be in the year 9999 or earlier');
const instant = instantSchema;
/** An email address, with a message that says what one looks like. */
export const emailSchema = z
  .email({ error: 'Enter an email address like name@example.com' })
  .max(320);
const email = emailSchema;

/** An IANA zone name the runtime knows. */
export const timeZoneSchema = z
  .string()
  .min(1)
  .max(64)
  .refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'unknown time zone');

export const applicationSchema = z.object({
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

export const interviewFieldsSchema = z.object({
  id,
  applicationId: id,
  kind: z.enum(INTERVIEW_KINDS),
  startsAt: instant,
  endsAt: instant,
  timeZone: timeZoneSchema,
  location: text(2000).nullable(),
  decisionBy: isoDate.nullable(),
  contactPlan: text(2000),
  // Missing in exports made before it existed: not said.
  contactPersonId: id.nullable().default(null),
  outcome: z.enum(INTERVIEW_OUTCOMES),
  notes: text(20000),
  cancelled: z.boolean(),
}) satisfies z.ZodType<Interview>;

/** Refinement shared by stored interviews and interview input. */
export const interviewEndsAfterStart: [
  (i: { startsAt: number; endsAt: number }) => boolean,
  { message: string; path: string[] },
] = [
  (i) => i.endsAt >= i.startsAt,
  { message: 'the interview must end after it starts', path: ['endsAt'] },
];

export const interviewSchema = interviewFieldsSchema.refine(...interviewEndsAfterStart);

export const personSchema = z.object({
  id,
  name: text(200).min(1, 'name is required'),
  title: text(200),
  company: text(200),
  emails: z.array(email).max(20),
  phone: text(50),
  firstNameOk: z.boolean(),
  doNotContact: z.boolean(),
  notApplicable: z.boolean(),
  notes: text(20000),
}) satisfies z.ZodType<Person>;

export const participantSchema = z.object({
  interviewId: id,
  personId: id,
  role: z.enum(PARTICIPANT_ROLES),
  topics: text(5000),
  notes: text(20000),
}) satisfies z.ZodType<Participant>;

export const manualContactSchema = z.object({
  id,
  applicationId: id,
  interviewId: id.nullable(),
  personId: id,
  channel: z.enum(MANUAL_CHANNELS),
  at: instant,
  note: text(2000),
}) satisfies z.ZodType<ManualContact>;

export const profileSchema = z.object({
  fullName: text(200),
  phone: text(50),
  email: z.union([email, z.literal('')]),
  // Exports made before aliases existed have none.
  aliases: z.array(email).max(20).default([]),
}) satisfies z.ZodType<Profile>;

export const settingsSchema = z.object({
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
  timeZone: timeZoneSchema.nullable(),
  undoSendSeconds: z.number().int().min(0).max(30).default(10),
  lastManualChannel: z.enum(MANUAL_CHANNELS).nullable().default(null),
}) satisfies z.ZodType<Settings>;

export const workspaceSchema = z.object({
  applications: z.array(applicationSchema),
  interviews: z.array(interviewSchema),
  people: z.array(personSchema),
  participants: z.array(participantSchema),
  manualContacts: z.array(manualContactSchema),
  profile: profileSchema,
  settings: settingsSchema,
}) satisfies z.ZodType<Workspace>;

/** Formats a zod error as one line that names the field, e.g. `applications[2].company: company is required`. */
export function describeIssues(error: z.ZodError): string {
  return issuesOf(error)
    .slice(0, 3)
    .map(({ path, message }) => (path ? `${path}: ${message}` : message))
    .join('; ');
}

/**
 * The issues with their field paths written as code would (`participants[1].person.name`),
 * at most 20: hostile input can be wrong in thousands of places, a form shows a few.
 */
export function issuesOf(error: z.ZodError): { path: string; message: string }[] {
  return error.issues.slice(0, 20).map((issue) => ({
    path: issue.path
      .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
      .join(''),
    message: issue.message,
  }));
}
