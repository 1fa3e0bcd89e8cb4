/**
 * When an application's status moves by itself. The user's own choice of status always wins
 * afterwards: these moves happen once, at the event that makes them true, never on every read.
 *
 * Pure.
 */
import type { ApplicationStatus } from '../../shared/model';

/** Statuses from before any interview: a new interview means the application is now interviewing. */
export const PRE_INTERVIEW_STATUSES: readonly ApplicationStatus[] = ['applied'];

/** What saving an interview does to its application. */
export interface InterviewSaved {
  /** The application's status before the save. */
  status: ApplicationStatus;
  /** The interview did not exist before (added, by hand or from an invitation). */
  added: boolean;
  cancelled: boolean;
}

/**
 * The status an application moves to when an interview is saved, or null when it stays: an
 * interview added (not cancelled) to an application still waiting for one makes it
 * interviewing; an edit, a cancelled round or a decided application moves nothing.
 */
export function statusAfterInterview(saved: InterviewSaved): ApplicationStatus | null {
  if (!saved.added || saved.cancelled) return null;
  return PRE_INTERVIEW_STATUSES.includes(saved.status) ? 'interviewing' : null;
}
