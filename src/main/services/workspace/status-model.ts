/**
 * Who is owed what, as the UI shows it: the rules' work kept while its inputs stay the same,
 * each obligation's view, the status at an instant, the application list and detail, and the
 * replies the rules matched.
 */
import type {
  ApplicationDetail,
  ApplicationSummary,
  ObligationView,
  ReplyEntry,
  StatusSummary,
} from '../../../shared/contract';
import type {
  Application,
  KnownMessage,
  Obligation,
  ObligationState,
  ReplyReading,
  StatusProblem,
} from '../../../shared/model';
import { OBLIGATION_STATES } from '../../../shared/model';
import { byDue } from '../../domain/application-rules';
import {
  createRulesCache,
  orderAt,
  prepareStatus,
  stateAt,
  type PreparedStatus,
  type RulesCache,
  type StatusInput,
} from '../../domain/obligations';
import { obligationReply } from '../../domain/reply-effects';
import { ServiceError } from '../errors';
import type { WorkspaceServiceDeps } from './deps';
import type { KeptRows, Rows } from './rows';

/** The rules' work for the data as it is, and what it was worked out from. */
export interface Prepared {
  rows: Rows;
  messages: readonly KnownMessage[];
  accountAddresses: readonly string[];
  systemZone: string;
  timeZone: string;
  status: PreparedStatus;
  /** Each obligation as the UI shows it, at the same position as in `status.obligations`. */
  views: ObligationViews[];
}

/** An obligation as the UI shows it: in its prepared state, and in others once an instant needs them. */
interface ObligationViews {
  base: ObligationView;
  inState: Partial<Record<ObligationState, ObligationView>>;
}

/** A sure reply of an application as the timeline shows it, with the app's reading of it. */
export interface ReplyOfApplication {
  applicationId: string;
  entry: ReplyEntry;
  reading: ReplyReading | undefined;
}

export type StatusModel = ReturnType<typeof createStatusModel>;

export function createStatusModel(deps: WorkspaceServiceDeps, kept: KeptRows) {
  const { store } = deps;
  const { rows, byId } = kept;

  // Everything but the instant is worked out once and kept while nothing it comes from
  // changed: the watched tables (dataVersion), the messages (the same array while none was
  // written), the accounts' addresses and the system zone, all checked on every call. A status
  // for another instant then only sets the states of open obligations and sorts (statusAt).
  // After a change the rules cache works out again only the applications it touched, and the
  // rows are not read again after the service's own writes (see `KeptRows.edit`).
  const rulesCache = createRulesCache();
  let last: Prepared | null = null;
  let keptMessages: { messages: readonly KnownMessage[]; byId: Map<string, KnownMessage> } | null =
    null;

  function prepared(): Prepared {
    const current = rows();
    const messages = deps.mail.messages();
    const accountAddresses = deps.mail.accountAddresses();
    const systemZone = deps.systemTimeZone();
    if (
      last !== null &&
      last.rows === current &&
      last.messages === messages &&
      last.systemZone === systemZone &&
      sameStrings(last.accountAddresses, accountAddresses)
    ) {
      return last;
    }
    const timeZone = current.settings.timeZone ?? systemZone;
    const status = prepareStatus(
      statusInput(current, messages, accountAddresses, timeZone, rulesCache),
    );
    const views = viewsFor(status.obligations, last, current);
    last = { rows: current, messages, accountAddresses, systemZone, timeZone, status, views };
    return last;
  }

  /**
   * The ids of received messages the rules match surely to someone of an application, worked
   * out from the received mail and only the sent messages it refers to (domain/reply-context.ts)
   * unless the rules' work over every message is already at hand. A sync that chooses replies
   * to read needs no more, and with a large Sent folder this keeps it from holding every
   * message in memory (the command line's `sync` never shows a status).
   */
  function sureReplies(): string[] {
    const ids = new Set<string>();
    for (const match of replyStatus().matches) {
      if (match.direction === 'reply' && match.confidence === 'sure') ids.add(match.messageId);
    }
    return [...ids];
  }

  /** The rules' work kept for the UI if there is any, else the rules over the reply context. */
  function replyStatus(): PreparedStatus {
    const source = deps.mail.replyContext;
    if (last !== null || source === undefined) return prepared().status;
    const current = rows();
    const { messages, sentSenders } = source();
    return prepareStatus(
      statusInput(
        current,
        messages,
        [...deps.mail.accountAddresses(), ...sentSenders],
        current.settings.timeZone ?? deps.systemTimeZone(),
        createRulesCache(),
      ),
    );
  }

  /**
   * Each obligation's views. An application the rules did not work out again keeps its
   * obligations, and with them their views: its rows, which the views show, did not change.
   * Both lists are in the same order (due time, then id), so one pass finds the kept ones.
   */
  function viewsFor(
    obligations: readonly Obligation[],
    before: Prepared | null,
    current: Rows,
  ): ObligationViews[] {
    const old = before?.status.obligations ?? [];
    let j = 0;
    return obligations.map((o) => {
      while (j < old.length && old[j] !== o && byDue(old[j]!, o) < 0) j++;
      if (old[j] === o) return before!.views[j++]!;
      return { base: baseView(o, current), inState: {} };
    });
  }

  /** An obligation as the UI shows it, with its prepared state and no snooze. */
  function baseView(o: Obligation, current: Rows): ObligationView {
    const application = byId(current.applications).get(o.applicationId);
    const interview = o.interviewId ? byId(current.interviews).get(o.interviewId) : undefined;
    const person = o.personId ? byId(current.people).get(o.personId) : undefined;
    return viewOf(o, {
      personName: person?.name ?? 'Someone at the company',
      company: application?.company ?? '',
      roleTitle: application?.roleTitle ?? '',
      interviewKind: interview?.kind ?? null,
      interviewStartsAt: interview?.startsAt ?? null,
      snoozedUntil: null,
    });
  }

  function messagesById(messages: readonly KnownMessage[]): Map<string, KnownMessage> {
    if (keptMessages?.messages !== messages) {
      keptMessages = { messages, byId: new Map(messages.map((m) => [m.id, m])) };
    }
    return keptMessages.byId;
  }

  /**
   * The rules' work, or, when even what all applications share (settings, mail) cannot be
   * worked out, none with a problem that says so: the rules isolate each application, and this
   * keeps the app open for whatever is left, where a throw would stop it at start.
   */
  function preparedOrNothing(): Prepared {
    try {
      return prepared();
    } catch (error) {
      last = null;
      const reason = error instanceof Error ? error.message : String(error);
      const problem: StatusProblem = {
        applicationId: '',
        interviewId: null,
        company: '',
        roleTitle: '',
        message: `Followthrough could not work out who is owed a note (${reason}). Check the time zone and holidays in the settings; your applications are kept as they are.`,
      };
      const status = {
        obligations: [],
        timed: [],
        matches: [],
        review: [],
        problems: [problem],
        suggestions: [],
      };
      return {
        rows: rows(),
        messages: [],
        accountAddresses: [],
        systemZone: deps.systemTimeZone(),
        timeZone: deps.systemTimeZone(),
        status,
        views: [],
      };
    }
  }

  /** Every obligation as the UI shows it at `at`, in the app's order. */
  function viewsAt(at: number): {
    obligations: ObligationView[];
    timeZone: string;
    problems: readonly StatusProblem[];
  } {
    const p = preparedOrNothing();
    const decided = { snoozes: deps.followUps.snoozes(), skips: deps.followUps.skips?.() ?? NONE };
    return {
      obligations: orderAt(p.status, at, (i, state) => viewAt(p.views[i]!, state, at, decided)),
      timeZone: p.timeZone,
      problems: p.status.problems,
    };
  }

  /**
   * Sure replies as the timeline shows them, each once per application, oldest first: of one
   * application, or of all of them in one pass over the matches.
   */
  function replyEntries(applicationId?: string): ReplyOfApplication[] {
    const p = prepared();
    const messages = messagesById(p.messages);
    const readings = new Map(p.rows.readings.map((r) => [r.messageId, r]));
    const people = byId(p.rows.people);
    const seen = new Set<string>();
    const out: ReplyOfApplication[] = [];
    for (const match of p.status.matches) {
      if (applicationId !== undefined && match.applicationId !== applicationId) continue;
      if (match.direction !== 'reply' || match.confidence !== 'sure') continue;
      const key = `${match.applicationId}\n${match.messageId}`;
      if (seen.has(key)) continue;
      const message = messages.get(match.messageId);
      if (message === undefined || message.autoReply || message.bounce) continue;
      seen.add(key);
      const person = match.personId === null ? undefined : people.get(match.personId);
      const sender = message.from[0];
      const reading = readings.get(message.id);
      out.push({
        applicationId: match.applicationId,
        reading,
        entry: {
          messageId: message.id,
          personId: match.personId,
          interviewId: match.interviewId,
          at: message.date,
          subject: message.subject,
          from: person?.name || sender?.name || sender?.address || 'Someone at the company',
          reading: obligationReply(message.id, reading),
        },
      });
    }
    return out.sort((x, y) => x.entry.at - y.entry.at);
  }

  function requireApplication(id: string): Application {
    const application = store.getApplication(id);
    if (!application) throw new ServiceError('not-found', 'That application no longer exists.');
    return application;
  }

  return {
    /** The rules' work for the data as it is (kept while nothing changed); never modify it. */
    prepared,
    /** The synced messages by id, made once per message list. */
    messagesById,
    replyEntries,
    sureReplies,
    requireApplication,

    /** What the workspace service offers of the model. */
    api: {
      /** The zone due moments are computed and shown in: the user's choice, else the system's. */
      userTimeZone(): string {
        return store.getSettings().timeZone ?? deps.systemTimeZone();
      },

      status(at?: number): StatusSummary {
        const when = at ?? deps.now();
        const { obligations, timeZone, problems } = viewsAt(when);
        const counts = Object.fromEntries(
          OBLIGATION_STATES.map((s) => [s, 0]),
        ) as StatusSummary['counts'];
        for (const o of obligations) counts[o.state] += 1;
        const p = prepared();
        const sent = deps.followUps.sentMessageIds?.();
        const shown =
          sent === undefined || sent.size === 0
            ? obligations
            : markSentFromApp(obligations, sent, messagesById(p.messages));
        const { suggestions } = p.status;
        return {
          at: when,
          timeZone,
          obligations: shown,
          counts,
          problems: [...problems],
          suggestions,
        };
      },

      /** One obligation as `status()` lists it now, or null when nothing is owed for that id. */
      obligation(id: string): ObligationView | null {
        const p = prepared();
        const i = p.status.obligations.findIndex((o) => o.id === id);
        if (i < 0) return null;
        const now = deps.now();
        const decided = {
          snoozes: deps.followUps.snoozes(),
          skips: deps.followUps.skips?.() ?? NONE,
        };
        return viewAt(p.views[i]!, stateAt(p.status, i, now), now, decided);
      },

      listApplications(): ApplicationSummary[] {
        const now = deps.now();
        const { obligations } = viewsAt(now);
        const { applications, interviews } = rows();
        return applications.map((application) => {
          const own = obligations.filter((o) => o.applicationId === application.id);
          const upcoming = interviews
            .filter((i) => i.applicationId === application.id && !i.cancelled && i.startsAt >= now)
            .map((i) => i.startsAt);
          return {
            application,
            nextInterviewAt: upcoming.length ? Math.min(...upcoming) : null,
            openObligations: own.filter((o) => o.state === 'due' || o.state === 'overdue').length,
            overdueObligations: own.filter((o) => o.state === 'overdue').length,
          };
        });
      },

      getApplication(id: string): ApplicationDetail {
        const application = requireApplication(id);
        const interviews = store.listInterviews(id);
        const participants = interviews.flatMap((i) => store.listParticipants(i.id));
        const personIds = new Set(participants.map((p) => p.personId));
        const manualContacts = store.listManualContacts(id);
        for (const c of manualContacts) personIds.add(c.personId);
        const people = [...personIds].flatMap((pid) => store.getPerson(pid) ?? []);
        const { obligations } = viewsAt(deps.now());
        return {
          application,
          interviews,
          participants,
          people,
          manualContacts,
          obligations: obligations.filter((o) => o.applicationId === id),
          replies: replyEntries(id).map(({ entry }) => entry),
        };
      },
    },
  };
}

/**
 * An obligation as the UI shows it. Written out field by field, not spread: V8 keeps objects
 * built by spreading twenty fields in its slow dictionary form, and tens of thousands of them
 * made every status() several times slower to build and to read.
 */
/** What the rules work from: the rows, the messages and the user's own addresses. */
function statusInput(
  current: Rows,
  messages: readonly KnownMessage[],
  accountAddresses: readonly string[],
  timeZone: string,
  cache: RulesCache,
): StatusInput {
  return {
    applications: current.applications,
    interviews: current.interviews,
    people: current.people,
    participants: current.participants,
    manualContacts: current.manualContacts,
    messages,
    links: current.links,
    userAddresses: [
      current.profile.email,
      ...(current.profile.aliases ?? []),
      ...accountAddresses,
    ].filter((a) => a !== ''),
    replyReadings: current.readings,
    dismissedSuggestions: current.dismissals,
    settings: current.settings,
    userTimeZone: timeZone,
    cache,
  };
}

function viewOf(
  o: Obligation,
  extra: Omit<ObligationView, keyof Obligation>,
  state: ObligationState = o.state,
): ObligationView {
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
    personName: extra.personName,
    company: extra.company,
    roleTitle: extra.roleTitle,
    interviewKind: extra.interviewKind,
    interviewStartsAt: extra.interviewStartsAt,
    snoozedUntil: extra.snoozedUntil,
    ...(o.reply === undefined ? {} : { reply: o.reply }),
  };
}

/** Done views whose proof is a message the app sent, copied with `sentFromApp`; the rest as they are. */
function markSentFromApp(
  views: ObligationView[],
  sent: ReadonlySet<string>,
  messages: ReadonlyMap<string, KnownMessage>,
): ObligationView[] {
  return views.map((o) => {
    if (o.state !== 'done' || o.evidence?.type !== 'message') return o;
    const header = messages.get(o.evidence.messageId)?.messageId;
    return header != null && sent.has(header) ? { ...o, sentFromApp: true } : o;
  });
}

/** What the user decided about obligations, by id: snoozed until, skipped at. */
interface Decided {
  snoozes: Map<string, number>;
  skips: Map<string, number>;
}

const NONE = new Map<string, number>();

/**
 * The view in `state` (made once per state), skipped when the user skipped a note still owed,
 * and a copy only when it is snoozed at `at`.
 */
function viewAt(
  views: ObligationViews,
  computed: ObligationState,
  at: number,
  { snoozes, skips }: Decided,
): ObligationView {
  const { base } = views;
  const state = computed !== 'done' && skips.has(base.id) ? 'skipped' : computed;
  const view = state === base.state ? base : (views.inState[state] ??= viewOf(base, base, state));
  if (snoozes.size === 0) return view;
  const until = snoozes.get(base.id) ?? 0;
  return until > at ? viewOf(view, { ...view, snoozedUntil: until }, view.state) : view;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
