/** Which applications the sidebar keeps out of its list: the closed ones. Pure. */
import type { ApplicationStatus } from '../../../../shared/model';

/** Statuses that close an application: turned down, withdrawn, or an offer accepted. */
export const CLOSED_STATUSES: readonly ApplicationStatus[] = ['rejected', 'withdrawn', 'accepted'];

/** Whether an application in this status is archived (out of the list, behind "Archived"). */
export function isArchived(status: ApplicationStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** The applications split into the active list and the archive, each in the order given. */
export function splitArchived<T extends { application: { status: ApplicationStatus } }>(
  list: readonly T[],
): { active: T[]; archived: T[] } {
  const active: T[] = [];
  const archived: T[] = [];
  for (const item of list) (isArchived(item.application.status) ? archived : active).push(item);
  return { active, archived };
}
