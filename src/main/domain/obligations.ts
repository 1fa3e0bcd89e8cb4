/**
 * The rules engine: from applications, interviews, people and the user's mail headers, who
 * is owed which note, from when, by when, and whether it already went out.
 *
 * Pure: the current instant and the user's zone come in as arguments. Which message is about
 * whom comes from matching (./matching): only its sure matches, the user's links among them,
 * count as evidence. Messages are indexed once by address and Message-ID, so the work grows
 * with the data, not with its product.
 *
 * Everything but the state of an open obligation is independent of the clock, so the work is
 * split: `prepareStatus` does all of it once for the data, and `statusAt` gives the states for
 * an instant in one pass over the prepared obligations (see the workspace service's cache).
 *
 * Every match and obligation belongs to one application, and the rules for one depend on its
 * own rows (./application-rows), the messages and a few facts about everyone (see
 * `MatchContext`). A `RulesCache` keeps the messages indexed and each application's results:
 * after an edit, only the applications whose rows or facts changed are worked out again, and
 * their results are merged into the kept lists. The results are the same as from scratch.
 */
import type {
  Application,
  Interview,
  KnownMessage,
  ManualContact,
  MessageLink,
  Obligation,
  ObligationState,
  Participant,
  Person,
  ReplyReading,
  Settings,
  StatusProblem,
  StatusSuggestion,
  SuggestionDismissal,
} from '../../shared/model';
import type { ApplicationObligations, ReplyReadings, RulesContext } from './application-rules';
import { byDue, createRulesContext, obligationsForApplication } from './application-rules';
import type { ApplicationRows, GroupedRows } from './application-rows';
import {
  createPersonKeys,
  forwardArrangers,
  groupByApplication,
  sameApplicationRows,
  sameRow,
} from './application-rows';
import type { MailCache } from './mail-index';
import { applicationProblem } from './row-problems';
import { createMailCache } from './mail-index';
import type { ApplicationMatches, MatchContext, MatchList, MessageMatch } from './matching';
import {
  compareMatches,
  matchApplication,
  matchContext,
  sortMatches,
  stillHolds,
} from './matching';

/** Everything the rules look at. `userTimeZone` is already resolved by the caller. */
export interface RulesInput {
  applications: readonly Application[];
  interviews: readonly Interview[];
  people: readonly Person[];
  participants: readonly Participant[];
  manualContacts: readonly ManualContact[];
  messages: readonly KnownMessage[];
  /** The user's corrections to matching: they always win over the automatic rules. */
  links: readonly MessageLink[];
  /** The user's own addresses: a message from one of them is never a reply. */
  userAddresses: readonly string[];
  /** What each reply says, as read (by message id): it decides what follows a reply. None by default. */
  replyReadings?: readonly ReplyReading[];
  /** Suggestions the user said no to: not made again for the same reply. */
  dismissedSuggestions?: readonly Pick<SuggestionDismissal, 'applicationId' | 'messageId'>[];
  settings: Settings;
  userTimeZone: string;
  /** The instant states are computed for, epoch ms. */
  now: number;
  /**
   * Keeps the work between runs (see `createRulesCache`); without one, everything is worked
   * out afresh. Results are the same either way, as long as no list passed with a cache is
   * changed in place afterwards: a change comes as a new list (its rows new or the same).
   */
  cache?: RulesCache;
}

/** Everything the rules look at but the instant. */
export type StatusInput = Omit<RulesInput, 'now'>;

const STATE_ORDER: Record<ObligationState, number> = {
  overdue: 0,
  due: 1,
  upcoming: 2,
  done: 3,
  skipped: 4,
};

/** Obligations, every message match, and the unsure matches the user should review. */
export interface RulesStatus {
  /** Sorted overdue, due, upcoming, done, skipped, then by due time. */
  obligations: Obligation[];
  /** Every match of a message to a person or application, sure and unsure (see matching). */
  matches: MessageMatch[];
  /** The unsure matches: they count for nothing until the user links them. */
  review: MessageMatch[];
  /** Applications the rules could not work out (see `StatusProblem`); the rest is complete. */
  problems: readonly StatusProblem[];
  /** What replies suggest doing to applications (marking one rejected, an offer), by application order. */
  suggestions: StatusSuggestion[];
}

/**
 * Every obligation for the input, with the matches behind them. Only sure matches (including
 * the user's links) count as evidence; unsure ones wait on the review list.
 */
export function computeStatus(input: RulesInput): RulesStatus {
  return statusAt(prepareStatus(input), input.now);
}

/**
 * The status without the instant: every obligation with its timing, evidence, skip reason and
 * warnings, and which of them take their state from the clock. Treat it as read-only: it is
 * meant to be kept and passed to `statusAt` again and again.
 */
export interface PreparedStatus {
  /** Every obligation once, by due time (none last), then id. */
  readonly obligations: readonly Obligation[];
  /** Parallel to `obligations`: true where the state is upcoming, due or overdue by the clock. */
  readonly timed: readonly boolean[];
  readonly matches: MessageMatch[];
  readonly review: MessageMatch[];
  /** Applications the rules could not work out, in input order; they add no obligations. */
  readonly problems: readonly StatusProblem[];
  readonly suggestions: StatusSuggestion[];
}

/** Does all the work of `computeStatus` that does not depend on the instant. */
export function prepareStatus(input: StatusInput): PreparedStatus {
  return (input.cache ?? createRulesCache()).prepare(input);
}

/**
 * The status at `now`: states of the clock-driven obligations worked out, and every
 * obligation sorted the way the app lists them (overdue, due, upcoming, done, skipped; then
 * by due time, then id). One pass; obligations whose state did not
 * change are the prepared objects themselves.
 */
export function statusAt(prepared: PreparedStatus, now: number): RulesStatus {
  const { obligations } = prepared;
  return {
    obligations: orderAt(prepared, now, (i, state) => {
      const obligation = obligations[i]!;
      return state === obligation.state ? obligation : withState(obligation, state);
    }),
    matches: prepared.matches,
    review: prepared.review,
    problems: prepared.problems,
    suggestions: prepared.suggestions,
  };
}

/**
 * A copy in another state. Written out field by field: V8 keeps objects made by spreading
 * this many fields in its slow dictionary form, which every later reader pays for.
 */
function withState(o: Obligation, state: ObligationState): Obligation {
  return {
    id: o.id,
    kind: o.kind,
    state,
    applicationId: o.applicationId,
    interviewId: o.interviewId,
    personId: o.personId,
    openFrom: o.openFrom,
    dueAt: o.dueAt,
    rule: o.rule,
    reason: o.reason,
    evidence: o.evidence,
    warnings: o.warnings,
    ...(o.reply === undefined ? {} : { reply: o.reply }),
  };
}

/**
 * The prepared obligations in the app's order at `now` (see statusAt), each as `pick`
 * makes it from its position in `prepared.obligations` and its state at `now`. One pass.
 */
export function orderAt<T>(
  prepared: PreparedStatus,
  now: number,
  pick: (index: number, state: ObligationState) => T,
): T[] {
  const byState: T[][] = [[], [], [], [], []];
  for (let i = 0; i < prepared.obligations.length; i++) {
    const state = stateAt(prepared, i, now);
    byState[STATE_ORDER[state]]!.push(pick(i, state));
  }
  // Within one state the prepared order (due time, then id) is the order the app lists.
  const out: T[] = [];
  for (const list of byState) for (const item of list) out.push(item);
  return out;
}

/** The state at `now` of the prepared obligation at position `i`. */
export function stateAt(prepared: PreparedStatus, i: number, now: number): ObligationState {
  const obligation = prepared.obligations[i]!;
  // A timed obligation always has both times (see makeObligation).
  return prepared.timed[i]
    ? stateByTime(now, obligation.openFrom ?? 0, obligation.dueAt ?? Infinity)
    : obligation.state;
}

/** Every obligation for the input, sorted overdue, due, upcoming, done, skipped, then by due time. */
export function computeObligations(input: RulesInput): Obligation[] {
  return computeStatus(input).obligations;
}

/** Upcoming before `openFrom`, due until and including `dueAt`, overdue after it. */
export function stateByTime(now: number, openFrom: number, dueAt: number): ObligationState {
  if (now < openFrom) return 'upcoming';
  return now <= dueAt ? 'due' : 'overdue';
}

/**
 * Keeps the rules' work between runs: the messages indexed (while the same array of messages
 * comes in), each person's keys (per person object), and each application's matches and
 * obligations (while its rows, the facts about everyone it read, the messages, the user's
 * addresses and the settings stay the same). Rows may be new objects with the same values.
 */
export interface RulesCache {
  prepare(input: StatusInput): PreparedStatus;
}

/** One application's results, and the rows they came from. */
interface KeptApplication {
  readonly rows: ApplicationRows;
  /** Whoever arranged an interview here that is a forward target (a fact about everyone). */
  readonly arrangers: ReadonlySet<string>;
  readonly matched: ApplicationMatches;
  /** The readings of its replies, in the order of its matches (see `readingsOf`). */
  readonly readings: readonly (ReplyReading | undefined)[];
  readonly result: ApplicationObligations;
  /** Set when its rules threw: then it has no matches or obligations, and is tried again next run. */
  readonly problem: StatusProblem | null;
}

/** The last run: what it read, each application's results, and all of them merged. */
interface Kept {
  readonly grouped: GroupedRows;
  readonly match: MatchContext;
  readonly rules: RulesContext;
  readonly applications: ReadonlyMap<string, KeptApplication>;
  readonly obligations: Obligations;
  readonly matches: MatchList;
  /** The unsure ones among `matches`. */
  readonly review: MatchList;
}

/** Obligations by due time (none last), then id, each with whether its state follows the clock. */
interface Obligations {
  readonly obligations: Obligation[];
  readonly timed: boolean[];
}

/** Changed items above which the lists are sorted again rather than edited in place. */
const MOST_EDITS = 1_000;

/** A new, empty cache; it indexes messages with `mail` (a new `MailCache` by default). */
export function createRulesCache(mail: MailCache = createMailCache()): RulesCache {
  const keysOf = createPersonKeys();
  let kept: Kept | null = null;
  let keptReadings: { list: readonly ReplyReading[]; byId: Map<string, ReplyReading> } | null =
    null;
  return {
    prepare(input) {
      const readingList = input.replyReadings ?? NO_READINGS;
      if (keptReadings?.list !== readingList) {
        keptReadings = {
          list: readingList,
          byId: new Map(readingList.map((reading) => [reading.messageId, reading])),
        };
      }
      const readingsById = keptReadings.byId;
      const grouped = groupByApplication(input, keysOf, kept?.grouped ?? null);
      const unchanged = unchangedApplications(kept, grouped);
      const arrangersOf = new Map<string, ReadonlySet<string>>();
      for (const [id, rows] of grouped.applications) {
        arrangersOf.set(id, unchanged.get(id)?.arrangers ?? forwardArrangers(rows, keysOf));
      }
      const match = matchContext(
        mail.indexOf(input.messages),
        input.userAddresses,
        grouped.addresses,
        new Set([...arrangersOf.values()].flatMap((own) => [...own])),
        keysOf,
      );
      const rules = rulesContext(kept, input, match);
      const last = kept !== null && sameMail(kept.match, match) ? kept : null;
      const sameFacts = last !== null && sameFactsAboutEveryone(last.match, match);
      const applications = new Map<string, KeptApplication>();
      const problems: StatusProblem[] = [];
      for (const [id, rows] of grouped.applications) {
        const was = last === null ? undefined : unchanged.get(id);
        const before = was?.problem === null ? was : undefined;
        const arrangers = arrangersOf.get(id)!;
        // One application's bad row (a date past what Date can hold, say) must not take the
        // whole status down: it is left out, named, and the others are worked out as usual.
        try {
          const holds = before !== undefined && (sameFacts || stillHolds(before.matched, match));
          const matched = holds ? before.matched : matchApplication(rows, match);
          const readings = readingsOf(matched, readingsById);
          const result =
            holds && last!.rules === rules && sameReadings(before.readings, readings)
              ? before.result
              : obligationsForApplication(rows, matched, rules, readingsById);
          applications.set(id, { rows, arrangers, matched, readings, result, problem: null });
        } catch (error) {
          const problem = applicationProblem(rows, error);
          problems.push(problem);
          applications.set(id, { rows, arrangers, ...NOTHING_WORKED_OUT, problem });
        }
      }
      kept = { grouped, match, rules, applications, ...merged(last, applications) };
      return {
        obligations: kept.obligations.obligations,
        timed: kept.obligations.timed,
        matches: kept.matches.matches,
        review: kept.review.matches,
        problems,
        suggestions: suggestionsOf(applications, input.dismissedSuggestions ?? []),
      };
    },
  };
}

/** What an application whose rules threw contributes: nothing. */
const NOTHING_WORKED_OUT: Pick<KeptApplication, 'matched' | 'readings' | 'result'> = {
  matched: { matches: [], records: [], knownRead: new Map(), arrangersRead: new Map() },
  readings: [],
  result: { obligations: [], timed: [], suggestions: [] },
};

const NO_READINGS: readonly ReplyReading[] = Object.freeze([]);

/** The readings of an application's replies (sure matches), in the order of its matches. */
function readingsOf(
  matched: ApplicationMatches,
  byId: ReplyReadings,
): (ReplyReading | undefined)[] {
  const out: (ReplyReading | undefined)[] = [];
  if (byId.size === 0) return out;
  for (const match of matched.matches) {
    if (match.direction === 'reply' && match.confidence === 'sure') {
      out.push(byId.get(match.messageId));
    }
  }
  return out;
}

function sameReadings(
  a: readonly (ReplyReading | undefined)[],
  b: readonly (ReplyReading | undefined)[],
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === undefined || y === undefined || !sameRow(x, y)) return false;
  }
  return true;
}

/** Every application's suggestions but those the user dismissed. */
function suggestionsOf(
  applications: ReadonlyMap<string, KeptApplication>,
  dismissed: readonly Pick<SuggestionDismissal, 'applicationId' | 'messageId'>[],
): StatusSuggestion[] {
  const no = new Set(dismissed.map((d) => `${d.applicationId}\n${d.messageId}`));
  const out: StatusSuggestion[] = [];
  for (const { result } of applications.values()) {
    for (const suggestion of result.suggestions) {
      if (!no.has(`${suggestion.applicationId}\n${suggestion.messageId}`)) out.push(suggestion);
    }
  }
  return out;
}

/** The last run's applications whose rows are the same now. */
function unchangedApplications(
  kept: Kept | null,
  grouped: GroupedRows,
): Map<string, KeptApplication> {
  const out = new Map<string, KeptApplication>();
  if (kept === null) return out;
  for (const [id, rows] of grouped.applications) {
    const before = kept.applications.get(id);
    if (before !== undefined && sameApplicationRows(before.rows, rows)) out.set(id, before);
  }
  return out;
}

function sameFactsAboutEveryone(a: MatchContext, b: MatchContext): boolean {
  return (
    sameSet(a.peopleAddresses, b.peopleAddresses) && sameSet(a.forwardArrangers, b.forwardArrangers)
  );
}

/** The last run's rules context while the settings, zone, messages and user's addresses are the same. */
function rulesContext(kept: Kept | null, input: StatusInput, match: MatchContext): RulesContext {
  const fresh = createRulesContext(
    input.settings,
    input.userTimeZone,
    match.mail,
    match.myAddresses,
    match.keysOf,
  );
  if (
    kept !== null &&
    sameMail(kept.match, match) &&
    kept.rules.calendar.zone === fresh.calendar.zone &&
    sameRow(kept.rules.settings, fresh.settings)
  ) {
    return kept.rules;
  }
  return fresh;
}

/** Whether matching sees the same messages and the same addresses of the user's. */
function sameMail(a: MatchContext, b: MatchContext): boolean {
  return a.mail === b.mail && sameSet(a.myAddresses, b.myAddresses);
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a === b) return true;
  if (a.size !== b.size) return false;
  for (const item of a) if (!b.has(item)) return false;
  return true;
}

/**
 * All applications' obligations and matches in order: the last run's lists with the changed
 * applications' old items taken out and new ones put in, or, after many changes, sorted anew.
 */
function merged(
  last: Kept | null,
  applications: ReadonlyMap<string, KeptApplication>,
): { obligations: Obligations; matches: MatchList; review: MatchList } {
  const all = [...applications.values()];
  // Obligation ids hold the application's id and then a colon: only an application id with a
  // colon could make two applications' ids the same, and then the first application wins.
  const clash = all.some((a) => a.rows.application.id.includes(':'));
  const changes = last === null || clash ? null : changedResults(last.applications, applications);
  if (changes === null || changes.edits > MOST_EDITS) {
    const matches = sortMatches(all.map((a) => a.matched));
    return {
      obligations: sortObligations(all.map((a) => a.result)),
      matches,
      review: unsure(matches),
    };
  }
  const removed = sortMatches(changes.oldMatched);
  const added = sortMatches(changes.newMatched);
  return {
    obligations: editObligations(
      last!.obligations,
      changes.oldResults,
      sortObligations(changes.newResults),
    ),
    matches: editMatches(last!.matches, removed, added),
    review: editMatches(last!.review, unsure(removed), unsure(added)),
  };
}

function unsure(list: MatchList): MatchList {
  const matches: MessageMatch[] = [];
  const ranks: number[] = [];
  list.matches.forEach((match, i) => {
    if (match.confidence !== 'unsure') return;
    matches.push(match);
    ranks.push(list.ranks[i]!);
  });
  return { matches, ranks };
}

/** The results that are not the last run's, the last run's they replace, and how many obligations change. */
function changedResults(
  before: ReadonlyMap<string, KeptApplication>,
  after: ReadonlyMap<string, KeptApplication>,
) {
  const oldResults: ApplicationObligations[] = [];
  const newResults: ApplicationObligations[] = [];
  const oldMatched: ApplicationMatches[] = [];
  const newMatched: ApplicationMatches[] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (was?.result !== now.result) {
      newResults.push(now.result);
      if (was !== undefined) oldResults.push(was.result);
    }
    if (was?.matched !== now.matched) {
      newMatched.push(now.matched);
      if (was !== undefined) oldMatched.push(was.matched);
    }
  }
  for (const [id, was] of before) {
    if (after.has(id)) continue;
    oldResults.push(was.result);
    oldMatched.push(was.matched);
  }
  const edits = [...oldResults, ...newResults].reduce((n, r) => n + r.obligations.length, 0);
  return { oldResults, newResults, oldMatched, newMatched, edits };
}

/** Several applications' obligations as one list, each id once (the first application's wins). */
function sortObligations(each: readonly ApplicationObligations[]): Obligations {
  const seen = new Set<string>();
  const entries: { obligation: Obligation; timed: boolean }[] = [];
  for (const { obligations, timed } of each) {
    obligations.forEach((obligation, i) => {
      if (seen.has(obligation.id)) return;
      seen.add(obligation.id);
      entries.push({ obligation, timed: timed[i]! });
    });
  }
  entries.sort((a, b) => byDue(a.obligation, b.obligation));
  return { obligations: entries.map((e) => e.obligation), timed: entries.map((e) => e.timed) };
}

/** `list` without the obligations of `removed` and with those of `added`, still in order. */
function editObligations(
  list: Obligations,
  removed: readonly ApplicationObligations[],
  added: Obligations,
): Obligations {
  const { obligations } = list;
  const at = (o: Obligation) => lowerBound(obligations.length, (i) => byDue(obligations[i]!, o));
  const cut = {
    remove: removed.flatMap((r) => r.obligations.map(at)).sort((a, b) => a - b),
    insertAt: added.obligations.map(at),
  };
  return {
    obligations: edited(obligations, cut, added.obligations),
    timed: edited(list.timed, cut, added.timed),
  };
}

/** `list` without the matches of `removed` and with those of `added`, still in order. */
function editMatches(list: MatchList, removed: MatchList, added: MatchList): MatchList {
  const { matches, ranks } = list;
  const at = (rank: number, match: MessageMatch) =>
    lowerBound(matches.length, (i) => compareMatches(ranks[i]!, matches[i]!, rank, match));
  const cut = {
    remove: removed.matches.map((match, i) => at(removed.ranks[i]!, match)),
    insertAt: added.matches.map((match, i) => at(added.ranks[i]!, match)),
  };
  return { matches: edited(matches, cut, added.matches), ranks: edited(ranks, cut, added.ranks) };
}

/** The first position in `0..length` where `compare` (of the item there to the one sought) is not negative. */
function lowerBound(length: number, compare: (i: number) => number): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(mid) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * `list` without the items at `cut.remove` (ascending) and with `added[k]` put in before the
 * item at `cut.insertAt[k]` (ascending): the runs between are copied whole.
 */
function edited<T>(
  list: readonly T[],
  cut: { remove: readonly number[]; insertAt: readonly number[] },
  added: readonly T[],
): T[] {
  const parts: (readonly T[])[] = [];
  let from = 0;
  let r = 0;
  let a = 0;
  while (r < cut.remove.length || a < cut.insertAt.length) {
    if (
      a < cut.insertAt.length &&
      (r === cut.remove.length || cut.insertAt[a]! <= cut.remove[r]!)
    ) {
      const at = cut.insertAt[a]!;
      parts.push(list.slice(from, at), [added[a++]!]);
      from = at;
    } else {
      const at = cut.remove[r++]!;
      parts.push(list.slice(from, at));
      from = at + 1;
    }
  }
  parts.push(list.slice(from));
  return ([] as T[]).concat(...parts);
}
