/**
 * Runtime schemas for everything that crosses a trust boundary: IPC input from the
 * renderer, imported workspace files. Types in model.ts are the source of truth; each
 * schema is checked against its type at compile time.
 */
import { z } from 'zod';
import {
  PARTICIPANT_ROLES,
  type Participant,
  type Person,
  type Profile,
  type Workspace,
} from './model';
import {
  EARLIEST_INSTANT,
  LATEST_INSTANT,
  isRealIsoDate,
  plainWords,
  recordSchemas,
} from './record-schemas';

export { EARLIEST_INSTANT, LATEST_INSTANT, isRealIsoDate, plainWords };

// Everything that loads this module validates input, so the record schemas are built now.
const record = recordSchemas();
const { id, text, email } = record;

/** A moment as epoch milliseconds, in years 1970 to 9999. */
export const instantSchema = record.instant;
/** An email address, with a message that says what one looks like. */
export const emailSchema = email;
/** An IANA zone name the runtime knows. */
export const timeZoneSchema = record.timeZone;
export const applicationSchema = record.application;
export const interviewFieldsSchema = record.interviewFields;

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

export const manualContactSchema = record.manualContact;

export const profileSchema = z.object({
  fullName: text(200),
  phone: text(50),
  email: z.union([email, z.literal('')]),
  // Exports made before aliases existed have none.
  aliases: z.array(email).max(20).default([]),
}) satisfies z.ZodType<Profile>;

export const settingsSchema = record.settings;

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
