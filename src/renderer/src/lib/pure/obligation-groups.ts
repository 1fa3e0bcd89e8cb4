/** How the home view sorts obligations into the groups the user scans top to bottom. */
import type { ObligationView } from '../../../../shared/contract';
import { endOfDay } from './time';

export type GroupId = 'overdue' | 'today' | 'upcoming' | 'waiting' | 'done' | 'skipped';

export interface ObligationGroup {
  id: GroupId;
  title: string;
  hint: string;
  items: ObligationView[];
}

/** Done items older than this are left to each application's timeline. */
export const DONE_RECENTLY_MS = 30 * 86_400_000;

/** Thank-you notes later than this are offered to be skipped together ("too late now"). */
export const TOO_LATE_MS = 7 * 86_400_000;

/**
 * The one vocabulary of the home view: group titles, row chips and counts all use these
 * words, so "3 overdue" in the header is the Overdue group with three rows.
 */
const GROUPS: Omit<ObligationGroup, 'items'>[] = [
  {
    id: 'overdue',
    title: 'Overdue',
    hint: 'Past the time the rule gives; the most recently due first, while it can still be saved.',
  },
  { id: 'today', title: 'Today', hint: 'Due before the day is out.' },
  { id: 'upcoming', title: 'Coming up', hint: 'Due after today.' },
  {
    id: 'waiting',
    title: 'Waiting',
    hint: 'Check-ins that would be too early now; they open on their own.',
  },
  { id: 'done', title: 'Done', hint: 'Sent or settled in the last 30 days.' },
  { id: 'skipped', title: 'Skipped', hint: 'Not needed, and why.' },
];

/** The word for each group, as titles, chips and counts say it. */
export const GROUP_WORDS: Record<GroupId, string> = Object.fromEntries(
  GROUPS.map((g) => [g.id, g.title]),
) as Record<GroupId, string>;

export interface ObligationFilter {
  applicationId: string | null;
  search: string;
}

/** Still to do: not done and not skipped. */
export function isOpen(o: ObligationView): boolean {
  return o.state === 'upcoming' || o.state === 'due' || o.state === 'overdue';
}

/** Open, but quieted by the user until a later moment: listed apart and left out of counts. */
export function isSnoozed(o: ObligationView): boolean {
  return o.snoozedUntil !== null && isOpen(o);
}

/** Open and answered with a note (a missing address is fixed in the interview instead). */
export function canWrite(o: ObligationView): boolean {
  return isOpen(o) && o.kind !== 'get-address';
}

/** How many obligations are in each state, leaving out the snoozed ones. */
export function activeCounts(
  obligations: readonly ObligationView[],
): Record<ObligationView['state'], number> {
  const counts = { upcoming: 0, due: 0, overdue: 0, done: 0, skipped: 0 };
  for (const o of obligations) if (!isSnoozed(o)) counts[o.state] += 1;
  return counts;
}

/** The words of a search, each of which must be found. */
function searchWords(search: string): string[] {
  return search.trim().toLowerCase().split(/\s+/).filter(Boolean);
}

/** Whether the filter leaves anything out at all. */
export function isFiltering(filter: ObligationFilter): boolean {
  return filter.applicationId !== null || searchWords(filter.search).length > 0;
}

/** What the search looks in for one obligation, worked out once per list, not per keystroke. */
export interface SearchEntry {
  id: string;
  applicationId: string;
  text: string;
}

/** The search entries of a list of obligations. */
export function searchIndex(obligations: readonly ObligationView[]): SearchEntry[] {
  return obligations.map((o) => ({
    id: o.id,
    applicationId: o.applicationId,
    text: `${o.personName} ${o.company} ${o.roleTitle}`.toLowerCase(),
  }));
}

/**
 * The ids of the entries that fit the filter (their application, and every word of the search
 * in the person, company or role), or null when it leaves nothing out.
 */
export function matchingIds(
  index: readonly SearchEntry[],
  filter: ObligationFilter,
): Set<string> | null {
  if (!isFiltering(filter)) return null;
  const words = searchWords(filter.search);
  const ids = new Set<string>();
  for (const e of index) {
    if (filter.applicationId && e.applicationId !== filter.applicationId) continue;
    if (words.every((w) => e.text.includes(w))) ids.add(e.id);
  }
  return ids;
}

/** The group an obligation is listed in at `now`, or null for done items older than a month. */
export function groupOf(o: ObligationView, now: number, todayEnds: number): GroupId | null {
  switch (o.state) {
    case 'overdue':
      return 'overdue';
    case 'due':
      return o.dueAt !== null && o.dueAt <= todayEnds ? 'today' : 'upcoming';
    case 'upcoming':
      return o.kind === 'check-in' ? 'waiting' : 'upcoming';
    case 'done': {
      const at = o.evidence?.at ?? null;
      return at === null || now - at <= DONE_RECENTLY_MS ? 'done' : null;
    }
    case 'skipped':
      return 'skipped';
  }
}

/** The badge word for an obligation at `now`: the word of the group the home lists it in. */
export function stateWord(o: ObligationView, now: number, zone: string): string {
  return GROUP_WORDS[groupOf(o, now, endOfDay(now, zone)) ?? 'done'];
}

function sortKey(o: ObligationView, group: GroupId): number {
  if (group === 'done') return -(o.evidence?.at ?? 0);
  // What can still be saved first: the note due most recently is the least late.
  if (group === 'overdue') return -(o.dueAt ?? o.openFrom ?? 0);
  if (group === 'waiting') return o.openFrom ?? o.dueAt ?? Number.MAX_SAFE_INTEGER;
  return o.dueAt ?? o.openFrom ?? Number.MAX_SAFE_INTEGER;
}

/**
 * The groups in reading order, each sorted by what comes first; empty groups included. A search
 * leaves them whole: the list hides what does not fit (`matchingIds`).
 */
export function groupObligations(
  obligations: ObligationView[],
  now: number,
  zone: string,
): ObligationGroup[] {
  const todayEnds = endOfDay(now, zone);
  const byGroup = new Map<GroupId, ObligationView[]>(GROUPS.map((g) => [g.id, []]));
  for (const o of obligations) {
    const group = groupOf(o, now, todayEnds);
    if (group) byGroup.get(group)?.push(o);
  }
  return GROUPS.map((g) => {
    const items = byGroup.get(g.id) ?? [];
    items.sort(
      (a, b) => sortKey(a, g.id) - sortKey(b, g.id) || a.personName.localeCompare(b.personName),
    );
    return { ...g, items };
  });
}

/**
 * Thank-you notes so late that sending one now would do little (more than `TOO_LATE_MS` past
 * due): what "too late now" offers to skip together.
 */
export function isTooLate(o: ObligationView, now: number): boolean {
  return (
    o.state === 'overdue' &&
    (o.kind === 'thank-you' || o.kind === 'arranger-thanks') &&
    o.personId !== null &&
    o.dueAt !== null &&
    now - o.dueAt > TOO_LATE_MS
  );
}

/** Among equally due items, what to do first: answer them, thank interviewers, then the rest. */
const KIND_RANK: Record<ObligationView['kind'], number> = {
  'respond-promptly': 0,
  'thank-you': 1,
  'get-address': 2,
  'arranger-thanks': 3,
  'check-in': 4,
  'after-rejection': 5,
};

/**
 * The most pressing open obligation of a set: awake before snoozed, overdue first, then by due
 * moment, kind and name.
 */
export function mostUrgent(obligations: ObligationView[]): ObligationView | null {
  const rank = { overdue: 0, due: 1, upcoming: 2, done: 9, skipped: 9 } as const;
  const open = obligations.filter((o) => rank[o.state] < 9);
  open.sort(
    (a, b) =>
      Number(isSnoozed(a)) - Number(isSnoozed(b)) ||
      rank[a.state] - rank[b.state] ||
      (a.dueAt ?? a.openFrom ?? Number.MAX_SAFE_INTEGER) -
        (b.dueAt ?? b.openFrom ?? Number.MAX_SAFE_INTEGER) ||
      KIND_RANK[a.kind] - KIND_RANK[b.kind] ||
      // As the list below orders them, so the banner names the first of its rows.
      a.personName.localeCompare(b.personName),
  );
  return open[0] ?? null;
}
