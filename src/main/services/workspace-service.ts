/**
 * Use cases over the tracked workspace: applications, interviews, people, manual marks,
 * profile, settings, and who is owed what. The same service runs in Electron, in the
 * command line and behind the test bridge; it knows nothing of either.
 */
import type {
  ApplicationDetail,
  ApplicationSummary,
  ChannelParsedInput,
  ObligationView,
  ReplyEntry,
  ReplyReviewItem,
  StatusSummary,
} from '../../shared/contract';
import type {
  Application,
  Interview,
  KnownMessage,
  ManualContact,
  MessageLink,
  MessageSummary,
  Obligation,
  ObligationState,
  Participant,
  Person,
  Profile,
  ReplyClass,
  ReplyReading,
  ReviewItem,
  SentHistoryItem,
  SentNote,
  Settings,
  StatusProblem,
  StatusSuggestion,
  SuggestionDismissal,
  Workspace,
} from '../../shared/model';
import { OBLIGATION_STATES } from '../../shared/model';
import type { WorkspaceRows } from '../domain/application-rows';
import { byDue } from '../domain/application-rules';
import { obligationReply } from '../domain/reply-effects';
import {
  createRulesCache,
  orderAt,
  prepareStatus,
  stateAt,
  type PreparedStatus,
} from '../domain/obligations';
import type { Store } from '../store/store';
import { ServiceError } from './errors';
import { newId } from './ids';
import { buildSampleWorkspace } from './sample-workspace';

export interface WorkspaceServiceDeps {
  store: Store;
  /** What mail sync knows: message headers, the user's link corrections, the user's own addresses. */
  mail: {
    /** The same array while no message changed (see MailStore.knownMessages); never modified. */
    messages: () => readonly KnownMessage[];
    links: () => MessageLink[];
    accountAddresses: () => string[];
    saveLink: (link: MessageLink) => void;
    /** What each reply says, as read (see `ReplyReading`); none when absent. */
    readings?: () => ReplyReading[];
    /** Keeps the user's reading of a reply. */
    saveReading?: (reading: ReplyReading) => void;
  };
  /** What the user decided about obligations: snoozes, and the notes the app sent with their text. */
  followUps: {
    snoozes: () => Map<string, number>;
    setSnooze: (obligationId: string, until: number | null) => void;
    sentNotes: (applicationId: string, personId: string | null) => SentNote[];
    /** The Message-IDs of every note the app sent: a done row says it went from here. */
    sentMessageIds?: () => ReadonlySet<string>;
  };
  now: () => number;
  /** The zone of the machine, used when the user has not chosen one. */
  systemTimeZone: () => string;
  /** Called after every change, so the shell can refresh badges and views. */
  onChange?: () => void;
  /**
   * A version of every table the status is computed from, but messages and accounts (see
   * store/change-counter): with it the rules' work is kept while nothing changed. Without
   * it every call works everything out again. After the service's own writes the part after
   * the colon (commits of other connections) tells whether anyone else wrote as well.
   */
  dataVersion?: () => string;
}

/** The rows the rules read, as the store has them, and the data version they are of. */
interface Rows extends WorkspaceRows {
  readonly version: string | undefined;
  readonly settings: Settings;
  readonly profile: Profile;
  readonly readings: readonly ReplyReading[];
  readonly dismissals: readonly SuggestionDismissal[];
}

/** The rules' work for the data as it is, and what it was worked out from. */
interface Prepared {
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

export type WorkspaceService = ReturnType<typeof createWorkspaceService>;

export function createWorkspaceService(deps: WorkspaceServiceDeps) {
  const { store } = deps;
  const changed = () => deps.onChange?.();

  function userTimeZone(settings: Settings): string {
    return settings.timeZone ?? deps.systemTimeZone();
  }

  // Everything but the instant is worked out once and kept while nothing it comes from
  // changed: the watched tables (dataVersion), the messages (the same array while none was
  // written), the accounts' addresses and the system zone, all checked on every call. A status
  // for another instant then only sets the states of open obligations and sorts (statusAt).
  // After a change the rules cache works out again only the applications it touched, and the
  // rows are not read again after the service's own writes (see `edit`).
  const rulesCache = createRulesCache();
  const byIdOf = new WeakMap<readonly { id: string }[], Map<string, unknown>>();
  let keptRows: Rows | null = null;
  let kept: Prepared | null = null;
  let keptMessages: { messages: readonly KnownMessage[]; byId: Map<string, KnownMessage> } | null =
    null;

  function rows(): Rows {
    const version = deps.dataVersion?.();
    if (keptRows === null || version === undefined || keptRows.version !== version) {
      keptRows = {
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
    return keptRows;
  }

  /**
   * Runs one of the service's own writes, then brings the kept rows up to date with `refresh`
   * (which reads only what the write touched) instead of reading every table again. Only when
   * they were current just before, and no other connection wrote meanwhile: otherwise they
   * stay as they were, and the next call sees the version moved and reads everything.
   */
  function edit<T>(write: () => T, refresh: (rows: Rows, written: T) => Omit<Rows, 'version'>): T {
    const before = deps.dataVersion?.();
    const current = keptRows !== null && keptRows.version === before ? keptRows : null;
    const written = write();
    const after = deps.dataVersion?.();
    if (current !== null && before !== undefined && after !== undefined) {
      if (onlyOwnWrites(before, after)) keptRows = { ...refresh(current, written), version: after };
    }
    return written;
  }

  function withPeople(current: Rows, ids: readonly string[]): Rows {
    let people = current.people;
    for (const id of ids) people = placed(people, id, store.getPerson(id), byNameThenId);
    return { ...current, people };
  }

  function withInterview(current: Rows, interviewId: string): Rows {
    const interview = store.getInterview(interviewId);
    const own = store.listParticipants(interviewId);
    return withPeople(
      {
        ...current,
        interviews: placed(current.interviews, interviewId, interview, byStartThenId),
        participants: withParticipants(current.participants, interviewId, own),
      },
      own.map((p) => p.personId),
    );
  }

  function withManualContacts(current: Rows): Rows {
    return { ...current, manualContacts: store.listManualContacts() };
  }

  function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
    let found = byIdOf.get(list) as Map<string, T> | undefined;
    if (found === undefined) byIdOf.set(list, (found = new Map(list.map((row) => [row.id, row]))));
    return found;
  }

  function prepared(): Prepared {
    const current = rows();
    const messages = deps.mail.messages();
    const accountAddresses = deps.mail.accountAddresses();
    const systemZone = deps.systemTimeZone();
    if (
      kept !== null &&
      kept.rows === current &&
      kept.messages === messages &&
      kept.systemZone === systemZone &&
      sameStrings(kept.accountAddresses, accountAddresses)
    ) {
      return kept;
    }
    const timeZone = current.settings.timeZone ?? systemZone;
    const status = prepareStatus({
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
      cache: rulesCache,
    });
    const views = viewsFor(status.obligations, kept, current);
    kept = { rows: current, messages, accountAddresses, systemZone, timeZone, status, views };
    return kept;
  }

  /**
   * Each obligation's views. An application the rules did not work out again keeps its
   * obligations, and with them their views: its rows, which the views show, did not change.
   * Both lists are in the same order (due time, then id), so one pass finds the kept ones.
   */
  function viewsFor(
    obligations: readonly Obligation[],
    last: Prepared | null,
    current: Rows,
  ): ObligationViews[] {
    const before = last?.status.obligations ?? [];
    let j = 0;
    return obligations.map((o) => {
      while (j < before.length && before[j] !== o && byDue(before[j]!, o) < 0) j++;
      if (before[j] === o) return last!.views[j++]!;
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
      kept = null;
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
    const snoozes = deps.followUps.snoozes();
    return {
      obligations: orderAt(p.status, at, (i, state) => viewAt(p.views[i]!, state, at, snoozes)),
      timeZone: p.timeZone,
      problems: p.status.problems,
    };
  }

  /** The application's replies (sure matches), each once, by date, with their readings. */
  /**
   * Sure replies as the timeline shows them, each once per application, oldest first: of one
   * application, or of all of them in one pass over the matches.
   */
  function replyEntries(
    applicationId?: string,
  ): { applicationId: string; entry: ReplyEntry; reading: ReplyReading | undefined }[] {
    const p = prepared();
    const messages = messagesById(p.messages);
    const readings = new Map(p.rows.readings.map((r) => [r.messageId, r]));
    const people = byId(p.rows.people);
    const seen = new Set<string>();
    const out: { applicationId: string; entry: ReplyEntry; reading: ReplyReading | undefined }[] =
      [];
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

  function repliesOf(applicationId: string): ReplyEntry[] {
    return replyEntries(applicationId).map(({ entry }) => entry);
  }

  function requireApplication(id: string): Application {
    const application = store.getApplication(id);
    if (!application) throw new ServiceError('not-found', 'That application no longer exists.');
    return application;
  }

  return {
    /** The zone due moments are computed and shown in: the user's choice, else the system's. */
    userTimeZone(): string {
      return userTimeZone(store.getSettings());
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

    /** The user said no to a suggestion made from a reply: it is not made again for that reply. */
    dismissSuggestion(input: Pick<StatusSuggestion, 'applicationId' | 'messageId'>): {
      dismissed: boolean;
    } {
      requireApplication(input.applicationId);
      store.dismissSuggestion({ ...input, at: deps.now() });
      changed();
      return { dismissed: true };
    },

    /** One obligation as `status()` lists it now, or null when nothing is owed for that id. */
    obligation(id: string): ObligationView | null {
      const p = prepared();
      const i = p.status.obligations.findIndex((o) => o.id === id);
      if (i < 0) return null;
      const now = deps.now();
      return viewAt(p.views[i]!, stateAt(p.status, i, now), now, deps.followUps.snoozes());
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
        replies: repliesOf(id),
      };
    },

    saveApplication(input: ChannelParsedInput<'applications:save'>): Application {
      const now = deps.now();
      const existing = input.id ? store.getApplication(input.id) : null;
      if (input.id && !existing)
        throw new ServiceError('not-found', 'That application no longer exists.');
      const application: Application = {
        ...input,
        id: existing?.id ?? newId(),
        companyDomains: input.companyDomains.map((d) => d.trim().toLowerCase()),
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      edit(
        () => store.saveApplication(application),
        (current) => ({
          ...current,
          applications: placed(
            current.applications,
            application.id,
            store.getApplication(application.id),
            byCreationThenId,
          ),
        }),
      );
      changed();
      return application;
    },

    deleteApplication(id: string): { deleted: boolean } {
      const deleted = store.deleteApplication(id);
      if (deleted) changed();
      return { deleted };
    },

    saveInterview(input: ChannelParsedInput<'interviews:save'>): Interview {
      const saved = edit(
        () =>
          store.transaction(() => {
            requireApplication(input.interview.applicationId);
            if (input.interview.id && !store.getInterview(input.interview.id)) {
              throw new ServiceError('not-found', 'That interview no longer exists.');
            }
            const id = input.interview.id ?? newId();
            const people = input.participants.map((p) => upsertPerson(store, p.person));
            const participants = input.participants.map((p, i) => ({
              interviewId: id,
              personId: people[i]!.id,
              role: p.role,
              topics: p.topics,
              notes: p.notes,
            }));
            // Who said they would be in touch: the participant marked so, else the id given
            // while that person still takes part; otherwise not said.
            const marked = input.participants.findIndex((p) => p.contact === true);
            const given = input.interview.contactPersonId ?? null;
            const contactPersonId =
              marked >= 0
                ? people[marked]!.id
                : given !== null && participants.some((p) => p.personId === given)
                  ? given
                  : null;
            const interview: Interview = { ...input.interview, id, contactPersonId };
            store.saveInterview(interview);
            store.setParticipants(interview.id, participants);
            return interview;
          }),
        (current, interview) => withInterview(current, interview.id),
      );
      changed();
      return saved;
    },

    deleteInterview(id: string): { deleted: boolean } {
      const deleted = store.deleteInterview(id);
      if (deleted) changed();
      return { deleted };
    },

    listPeople(): Person[] {
      return [...rows().people];
    },

    /**
     * The rows the status is worked out from, as the store has them, kept between calls and
     * not read again while they are current: never modify them.
     */
    workspaceRows(): WorkspaceRows {
      return rows();
    },

    savePerson(input: ChannelParsedInput<'people:save'>): Person {
      const person = edit(
        () => store.transaction(() => upsertPerson(store, input)),
        (current, saved) => withPeople(current, [saved.id]),
      );
      changed();
      return person;
    },

    markSent(input: ChannelParsedInput<'contacts:mark-sent'>): ManualContact {
      requireApplication(input.applicationId);
      if (!store.getPerson(input.personId))
        throw new ServiceError('not-found', 'That person no longer exists.');
      const contact: ManualContact = { ...input, id: newId() };
      edit(() => store.saveManualContact(contact), withManualContacts);
      // The mark-sent dialog starts with the channel used last time.
      const settings = store.getSettings();
      if (settings.lastManualChannel !== input.channel)
        edit(
          () => store.saveSettings({ ...settings, lastManualChannel: input.channel }),
          (current) => ({ ...current, settings: store.getSettings() }),
        );
      changed();
      return contact;
    },

    unmark(id: string): { deleted: boolean } {
      const deleted = edit(() => store.deleteManualContact(id), withManualContacts);
      if (deleted) changed();
      return { deleted };
    },

    /** Unsure matches from sync for the user to confirm or reject, newest message first. */
    /**
     * The user says what a reply says. It wins over the app's reading, now and after every
     * later sync; the sentence the app found, if any, is kept beside it.
     */
    setReplyClass(input: { messageId: string; replyClass: ReplyClass }): ReplyReading {
      const p = prepared();
      if (!messagesById(p.messages).has(input.messageId)) {
        throw new ServiceError('not-found', 'That message is no longer in the synced mail.');
      }
      const before = p.rows.readings.find((r) => r.messageId === input.messageId);
      const reading: ReplyReading = {
        messageId: input.messageId,
        replyClass: input.replyClass,
        sentence: before?.sentence ?? '',
        confidence: 1,
        source: 'user',
        at: deps.now(),
      };
      if (!deps.mail.saveReading)
        throw new ServiceError('unavailable', 'Replies cannot be kept here.');
      deps.mail.saveReading(reading);
      changed();
      return reading;
    },

    /** Replies of applications that the app read but is not sure about, newest first. */
    repliesToReview(): ReplyReviewItem[] {
      const applications = byId(prepared().rows.applications);
      const out: ReplyReviewItem[] = [];
      for (const { applicationId, entry, reading } of replyEntries()) {
        const application = applications.get(applicationId);
        if (reading === undefined || entry.reading.sure || application === undefined) continue;
        out.push({
          messageId: entry.messageId,
          applicationId,
          company: application.company,
          roleTitle: application.roleTitle,
          from: entry.from,
          at: entry.at,
          subject: entry.subject,
          reading,
        });
      }
      return out.sort((a, b) => b.at - a.at);
    },

    /**
     * Replies worth reading: received messages surely from someone of an application (a
     * tracked person, or the company's domain), by message id, each once.
     */
    repliesToRead(): string[] {
      const ids = new Set<string>();
      for (const match of prepared().status.matches) {
        if (match.direction === 'reply' && match.confidence === 'sure') ids.add(match.messageId);
      }
      return [...ids];
    },

    review(): ReviewItem[] {
      const p = prepared();
      const messages = messagesById(p.messages);
      const applications = byId(p.rows.applications);
      const people = byId(p.rows.people);
      return p.status.review
        .flatMap((match) => {
          const message = messages.get(match.messageId);
          const application = applications.get(match.applicationId);
          if (!message || !application) return [];
          return [
            {
              match,
              message: summarize(message),
              personName: match.personId ? (people.get(match.personId)?.name ?? null) : null,
              company: application.company,
              roleTitle: application.roleTitle,
            },
          ];
        })
        .sort((a, b) => b.message.date - a.message.date);
    },

    /**
     * The user's word on a message: it is (link) or is not (unlink) about this person in
     * this application. It wins over matching and survives every later sync.
     */
    saveLink(input: Omit<MessageLink, 'at'>): MessageLink {
      requireApplication(input.applicationId);
      if (!store.getPerson(input.personId))
        throw new ServiceError('not-found', 'That person no longer exists.');
      if (!deps.mail.messages().some((m) => m.id === input.messageId))
        throw new ServiceError(
          'not-found',
          'That message is no longer in the synced mail. Sync again, then try once more.',
        );
      const link: MessageLink = { ...input, at: deps.now() };
      edit(
        () => deps.mail.saveLink(link),
        (current) => ({ ...current, links: deps.mail.links() }),
      );
      changed();
      return link;
    },

    /** Synced messages whose subject or addresses contain `query`, newest first, for linking by hand. */
    findMessages(query: string, limit: number): MessageSummary[] {
      const needle = query.trim().toLowerCase();
      const hits: KnownMessage[] = [];
      const all = deps.mail.messages();
      for (let i = all.length - 1; i >= 0 && hits.length < limit; i -= 1) {
        const m = all[i]!;
        if (needle === '' || searchText(m).includes(needle)) hits.push(m);
      }
      return hits.sort((a, b) => b.date - a.date).map(summarize);
    },

    /** Everything that already went to this person in this application: from Sent, by the app, by hand. */
    history(applicationId: string, personId: string | null): SentHistoryItem[] {
      const p = prepared();
      const messages = messagesById(p.messages);
      const notes = new Map(
        deps.followUps.sentNotes(applicationId, personId).map((n) => [n.messageId, n]),
      );
      const items = new Map<string, SentHistoryItem>();
      for (const match of p.status.matches) {
        if (
          match.direction !== 'sent' ||
          match.confidence !== 'sure' ||
          match.applicationId !== applicationId ||
          match.personId !== personId
        )
          continue;
        const message = messages.get(match.messageId);
        if (!message) continue;
        const key = message.messageId ?? message.id;
        const note = message.messageId ? notes.get(message.messageId) : undefined;
        items.set(key, {
          id: key,
          at: message.date,
          subject: message.subject,
          to: [...message.to, ...message.cc, ...message.bcc].map((a) => a.address),
          body: note?.body ?? null,
          source: note ? 'app' : 'mailbox',
        });
      }
      for (const note of notes.values()) {
        if (items.has(note.messageId)) continue;
        items.set(note.messageId, {
          id: note.messageId,
          at: note.sentAt,
          subject: note.subject,
          to: note.to,
          body: note.body,
          source: 'app',
        });
      }
      if (personId !== null) {
        for (const c of store.listManualContacts(applicationId)) {
          if (c.personId !== personId) continue;
          items.set(c.id, {
            id: c.id,
            at: c.at,
            subject: c.note,
            to: [],
            body: null,
            source: 'manual',
          });
        }
      }
      return [...items.values()].sort((a, b) => a.at - b.at);
    },

    /** Quiets an item until `until` (no alerts, listed apart), or wakes it when `until` is null. */
    snooze(obligationId: string, until: number | null): { snoozedUntil: number | null } {
      if (until !== null && until <= deps.now())
        throw new ServiceError('invalid-input', 'Pick a moment in the future to snooze until.');
      deps.followUps.setSnooze(obligationId, until);
      changed();
      return { snoozedUntil: until };
    },

    getProfile(): Profile {
      return store.getProfile();
    },

    saveProfile(profile: Profile): Profile {
      edit(
        () => store.saveProfile(profile),
        (current) => ({ ...current, profile: store.getProfile() }),
      );
      changed();
      return profile;
    },

    getSettings(): Settings {
      return store.getSettings();
    },

    saveSettings(settings: Settings): Settings {
      edit(
        () => store.saveSettings(settings),
        (current) => ({ ...current, settings: store.getSettings() }),
      );
      changed();
      return settings;
    },

    loadSample(options: { replace?: boolean | undefined } = {}): { applications: number } {
      if (!options.replace && store.listApplications().length > 0) {
        throw new ServiceError(
          'conflict',
          'The sample workspace would replace the applications you track. Export them first, then load the sample with replace.',
        );
      }
      const settings = store.getSettings();
      const workspace = { ...buildSampleWorkspace(deps.now(), userTimeZone(settings)), settings };
      store.replaceWorkspace(workspace);
      changed();
      return { applications: workspace.applications.length };
    },

    exportWorkspace(): Workspace {
      return store.exportWorkspace();
    },

    importWorkspace(workspace: Workspace): { applications: number } {
      checkReferences(workspace);
      store.replaceWorkspace(workspace);
      changed();
      return { applications: workspace.applications.length };
    },
  };
}

/** Saves a person, reusing an existing one with the same address when no id is given. */
function upsertPerson(
  store: Store,
  input: Omit<Person, 'id'> & { id?: string | undefined },
): Person {
  const emails = [...new Set(input.emails.map((e) => e.trim().toLowerCase()))];
  let id = input.id;
  if (id && !store.getPerson(id))
    throw new ServiceError('not-found', 'That person no longer exists.');
  if (!id) {
    const known = emails.map((e) => store.findPersonByEmail(e)).find((p) => p !== null);
    id = known?.id ?? newId();
  }
  const person: Person = { ...input, id, emails };
  store.savePerson(person);
  return person;
}

/** Import refuses a workspace whose rows point at rows that are not in it, naming the first. */
function checkReferences(workspace: Workspace): void {
  const applications = new Set(workspace.applications.map((a) => a.id));
  const interviews = new Set(workspace.interviews.map((i) => i.id));
  const people = new Set(workspace.people.map((p) => p.id));
  const fail = (field: string, value: string) => {
    throw new ServiceError(
      'invalid-input',
      `${field}: refers to "${value}", which is not in the file`,
    );
  };
  workspace.interviews.forEach((i, n) => {
    if (!applications.has(i.applicationId)) fail(`interviews[${n}].applicationId`, i.applicationId);
  });
  workspace.participants.forEach((p, n) => {
    if (!interviews.has(p.interviewId)) fail(`participants[${n}].interviewId`, p.interviewId);
    if (!people.has(p.personId)) fail(`participants[${n}].personId`, p.personId);
  });
  workspace.manualContacts.forEach((c, n) => {
    if (!applications.has(c.applicationId))
      fail(`manualContacts[${n}].applicationId`, c.applicationId);
    if (c.interviewId !== null && !interviews.has(c.interviewId))
      fail(`manualContacts[${n}].interviewId`, c.interviewId);
    if (!people.has(c.personId)) fail(`manualContacts[${n}].personId`, c.personId);
  });
  for (const kind of ['applications', 'interviews', 'people', 'manualContacts'] as const) {
    const seen = new Set<string>();
    workspace[kind].forEach((row, n) => {
      if (seen.has(row.id))
        throw new ServiceError('invalid-input', `${kind}[${n}].id: "${row.id}" appears twice`);
      seen.add(row.id);
    });
  }
  const taking = new Set<string>();
  workspace.participants.forEach((p, n) => {
    const key = `${p.interviewId}\u0000${p.personId}\u0000${p.role}`;
    if (taking.has(key))
      throw new ServiceError(
        'invalid-input',
        `participants[${n}]: "${p.personId}" is listed twice as ${p.role} of interview "${p.interviewId}"`,
      );
    taking.add(key);
  });
}

function summarize(m: KnownMessage): MessageSummary {
  return {
    id: m.id,
    folderRole: m.folderRole,
    date: m.date,
    subject: m.subject,
    from: m.from,
    to: m.to,
    cc: m.cc,
  };
}

function searchText(m: KnownMessage): string {
  const addresses = [...m.from, ...m.to, ...m.cc, ...m.bcc]
    .map((a) => `${a.name ?? ''} ${a.address}`)
    .join(' ');
  return `${m.subject} ${addresses}`.toLowerCase();
}

/**
 * An obligation as the UI shows it. Written out field by field, not spread: V8 keeps objects
 * built by spreading twenty fields in its slow dictionary form, and tens of thousands of them
 * made every status() several times slower to build and to read.
 */
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

/** The view in `state` (made once per state), a copy only when it is snoozed at `at`. */
function viewAt(
  views: ObligationViews,
  state: ObligationState,
  at: number,
  snoozes: Map<string, number>,
): ObligationView {
  const { base } = views;
  const view = state === base.state ? base : (views.inState[state] ??= viewOf(base, base, state));
  if (snoozes.size === 0) return view;
  const until = snoozes.get(base.id) ?? 0;
  return until > at ? viewOf(view, { ...view, snoozedUntil: until }, view.state) : view;
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
function placed<T extends { id: string }>(
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
  const at = firstAfter(out, (p) => compareText(p.interviewId, interviewId) > 0);
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

// The store's orders (ORDER BY in store/sqlite-store): the kept rows stay as a read gives them.
function byNameThenId(a: Person, b: Person): number {
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}

function byCreationThenId(a: Application, b: Application): number {
  return a.createdAt - b.createdAt || compareText(a.id, b.id);
}

function byStartThenId(a: Interview, b: Interview): number {
  return a.startsAt - b.startsAt || compareText(a.id, b.id);
}

/**
 * SQLite's order of text: its bytes in UTF-8, which is the order of code points. Comparing
 * strings with `<` compares UTF-16 units instead, where characters beyond U+FFFF (surrogates)
 * come before U+E000 to U+FFFF.
 */
function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
