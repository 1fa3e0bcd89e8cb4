/**
 * Why the rules could not work out one application, in the user's words. The rows came from
 * the database, so they may hold what the schemas now refuse (a date that does not exist, a
 * year past 9999) if an older version or a hand-made edit wrote them: the first such value
 * is named, with the row it is in and what to do.
 */
import type { StatusProblem } from '../../shared/model';
// Built on first use: a status with no bad row never needs them (see record-schemas).
import { recordSchemas } from '../../shared/record-schemas';
import type { ApplicationRows } from './application-rows';

const FIELD_WORDS: Record<string, string> = {
  appliedOn: 'date applied',
  decidedOn: 'decision date',
  createdAt: 'date it was added',
  updatedAt: 'date it was last changed',
  startsAt: 'start time',
  endsAt: 'end time',
  decisionBy: 'expected decision date',
  timeZone: 'time zone',
  at: 'date',
};

interface Issue {
  path: PropertyKey[];
  message: string;
}

function fieldProblem(issues: readonly Issue[]): string {
  const issue = issues[0]!;
  const field = String(issue.path[0] ?? '');
  return `its ${FIELD_WORDS[field] ?? field} ${issue.message}`;
}

/** The application's problem: the first row with a value the schemas refuse, else the error itself. */
export function applicationProblem(rows: ApplicationRows, error: unknown): StatusProblem {
  const { application } = rows;
  const named = `${application.company || 'An application'}${application.roleTitle ? `, ${application.roleTitle}` : ''}`;
  const problem = (interviewId: string | null, message: string): StatusProblem => ({
    applicationId: application.id,
    interviewId,
    company: application.company,
    roleTitle: application.roleTitle,
    message,
  });
  const schemas = recordSchemas();
  const ownRow = schemas.application.safeParse(application);
  if (!ownRow.success) {
    return problem(
      null,
      `${named}: ${fieldProblem(ownRow.error.issues)}. Open the application and enter it again; until then its notes are not worked out.`,
    );
  }
  for (const [n, interview] of rows.interviews.entries()) {
    const checked = schemas.interviewFields.safeParse(interview);
    const zone = schemas.timeZone.safeParse(interview.timeZone);
    const issues = !checked.success
      ? checked.error.issues
      : !zone.success
        ? [{ path: ['timeZone'], message: 'is not one Followthrough knows' }]
        : null;
    if (issues !== null) {
      return problem(
        interview.id,
        `${named}: interview ${n + 1} of ${rows.interviews.length} (${interview.kind}): ${fieldProblem(issues)}. Open the interview and enter it again; until then the notes for this application are not worked out.`,
      );
    }
  }
  for (const contact of rows.manualContacts) {
    const checked = schemas.manualContact.safeParse(contact);
    if (!checked.success) {
      return problem(
        contact.interviewId,
        `${named}: a note marked as sent by hand: ${fieldProblem(checked.error.issues)}. Undo it and mark it again; until then the notes for this application are not worked out.`,
      );
    }
  }
  const reason = error instanceof Error ? error.message : String(error);
  return problem(
    null,
    `${named}: the notes for this application could not be worked out (${reason}). Check the dates of the application and its interviews; the other applications are shown as usual.`,
  );
}
