/**
 * The rows the status is worked out from, read once and kept while the data version says
 * nothing changed. After one of the workspace's own writes only the rows it touched are read
 * again and put back in place, in the store's order (`domain/row-order`).
 */
import type { WorkspaceRows } from '../../domain/application-rows';
import { interviewOrder, participantGroupOrder, personOrder } from '../../domain/row-order';
import type {
  Participant,
  Profile,
  ReplyReading,
  Settings,
  SuggestionDismissal,
} from '../../../shared/model';
import type { WorkspaceServiceDeps } from './deps';

/** The rows the rules read, as the store has them, and the data version they are of. */
export interface Rows extends WorkspaceRows {
  readonly version: string | undefined;
  readonly settings: Settings;
  readonly profile: Profile;
  readonly readings: readonly ReplyReading[];
  readonly dismissals: readonly SuggestionDismissal[];
}

export type KeptRows = ReturnType<typeof createKeptRows>;

export function createKeptRows(deps: Pick<WorkspaceServiceDeps, 'store' | 'mail' | 'dataVersion'>) {
  const { store } = deps;
  const byIdOf = new WeakMap<readonly { id: string }[], Map<string, unknown>>();
  let kept: Rows | null = null;

  function rows(): Rows {
    const version = deps.dataVersion?.();
    if (kept === null || version === undefined || kept.version !== version) {
      kept = {
        version,
        applications: store.listApplications(),
        interviews: store.listInterviews(),
        people: store.listPeople(),
        participants: store.listParticipants(),
        manualContacts: store.listManualContacts(),
        links: deps.mail.links(),
        settings: store.getSettings(),
        profile: store.getProfile(),
        readings: deps.mail.readings?.() ?? [],
        dismissals: store.listSuggestionDismissals(),
      };
    }
    return kept;
  }

  /**
   * Runs one of the service's own writes, then brings the kept rows up to date with
   * `refresh` (which reads only what the write touched) instead of reading every table
   * again. Only when they were current just before, and no other connection wrote
   * meanwhile: otherwise they stay as they were, and the next call sees the version moved
   * and reads everything.
   */
  function edit<T>(write: () => T, refresh: (rows: Rows, written: T) => Omit<Rows, 'version'>): T {
    const before = deps.dataVersion?.();
    const current = kept !== null && kept.version === before ? kept : null;
    const written = write();
    const after = deps.dataVersion?.();
    if (current !== null && before !== undefined && after !== undefined) {
      if (onlyOwnWrites(before, after)) kept = { ...refresh(current, written), version: after };
    }
    return written;
  }

  function withPeople(current: Rows, ids: readonly string[]): Rows {
    let people = current.people;
    for (const id of ids) people = placed(people, id, store.getPerson(id), personOrder);
    return { ...current, people };
  }

  function withInterview(current: Rows, interviewId: string): Rows {
    const own = store.listParticipants(interviewId);
    const interview = store.getInterview(interviewId);
    return withPeople(
      {
        ...current,
        interviews: placed(current.interviews, interviewId, interview, interviewOrder),
        participants: withParticipants(current.participants, interviewId, own),
      },
      own.map((p) => p.personId),
    );
  }

  function withManualContacts(current: Rows): Rows {
    return { ...current, manualContacts: store.listManualContacts() };
  }

  /** The rows of a kept list by id, made once per list. */
  function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
    let found = byIdOf.get(list) as Map<string, T> | undefined;
    if (found === undefined) byIdOf.set(list, (found = new Map(list.map((row) => [row.id, row]))));
    return found;
  }

  return { rows, edit, withPeople, withInterview, withManualContacts, byId };
}

/**
 * Whether nothing but this connection wrote between two data versions: commits of other
 * connections move the part after the colon (PRAGMA data_version, see store/change-counter).
 */
function onlyOwnWrites(before: string, after: string): boolean {
  const others = (version: string): string | null => {
    const colon = version.indexOf(':');
    return colon < 0 ? null : version.slice(colon);
  };
  return others(before) !== null && others(before) === others(after);
}

/** `list` without the row with this id, and with `row` (if any) where `compare` puts it. */
export function placed<T extends { id: string }>(
  list: readonly T[],
  id: string,
  row: T | null,
  compare: (a: T, b: T) => number,
): T[] {
  const out = list.filter((r) => r.id !== id);
  if (row === null) return out;
  const at = firstAfter(out, (r) => compare(r, row) > 0);
  out.splice(at, 0, row);
  return out;
}

/** `list` with the participants of one interview replaced, where the store lists them. */
function withParticipants(
  list: readonly Participant[],
  interviewId: string,
  own: readonly Participant[],
): Participant[] {
  const out = list.filter((p) => p.interviewId !== interviewId);
  const at = firstAfter(out, (p) => participantGroupOrder(p, { interviewId }) > 0);
  out.splice(at, 0, ...own);
  return out;
}

/** The first position in a list sorted so that `after` is false, then true. */
function firstAfter<T>(list: readonly T[], after: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
