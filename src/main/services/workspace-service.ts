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
  StatusSummary,
} from '../../shared/contract';
import type {
  Application,
  Interview,
  KnownMessage,
  ManualContact,
  MessageLink,
  MessageMatch,
  MessageSummary,
  Obligation,
  ObligationState,
  Person,
  Profile,
  ReviewItem,
  SentHistoryItem,
  SentNote,
  Settings,
  Workspace,
} from '../../shared/model';
import { OBLIGATION_STATES } from '../../shared/model';
import { createMailCache } from '../domain/mail-index';
import { orderAt, prepareStatus, type PreparedStatus } from '../domain/obligations';
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
  };
  /** What the user decided about obligations: snoozes, and the notes the app sent with their text. */
  followUps: {
    snoozes: () => Map<string, number>;
    setSnooze: (obligationId: string, until: number | null) => void;
    sentNotes: (applicationId: string, personId: string | null) => SentNote[];
  };
  now: () => number;
  /** The zone of the machine, used when the user has not chosen one. */
  systemTimeZone: () => string;
  /** Called after every change, so the shell can refresh badges and views. */
  onChange?: () => void;
  /**
   * A version of every table the status is computed from, but messages and accounts (see
   * store/change-counter): with it the rules' work is kept while nothing changed. Without
   * it every call works everything out again.
   */
  dataVersion?: () => string;
}

/** The rules' work for the data as it is, and what it was worked out from. */
interface Prepared {
  version: string | undefined;
  messages: readonly KnownMessage[];
  accountAddresses: readonly string[];
  systemZone: string;
  timeZone: string;
  status: PreparedStatus;
  /** Each obligation as the UI shows it, at the same position as in `status.obligations`. */
  views: ObligationView[];
  /** The same views in other states, made when an instant first needs them. */
  viewsInState: (Partial<Record<ObligationState, ObligationView>> | undefined)[];
  /** The messages by id, made on first use. */
  byId: Map<string, KnownMessage> | null;
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
  // Messages are read and indexed once for all of this (mailCache), even when the rest changes.
  const mailCache = createMailCache();
  let kept: Prepared | null = null;

  function prepared(): Prepared {
    const version = deps.dataVersion?.();
    const messages = deps.mail.messages();
    const accountAddresses = deps.mail.accountAddresses();
    const systemZone = deps.systemTimeZone();
    if (
      kept !== null &&
      version !== undefined &&
      kept.version === version &&
      kept.messages === messages &&
      kept.systemZone === systemZone &&
      sameStrings(kept.accountAddresses, accountAddresses)
    ) {
      return kept;
    }
    const settings = store.getSettings();
    const timeZone = settings.timeZone ?? systemZone;
    const applications = store.listApplications();
    const interviews = store.listInterviews();
    const people = store.listPeople();
    const status = prepareStatus({
      applications,
      interviews,
      people,
      participants: store.listParticipants(),
      manualContacts: store.listManualContacts(),
      messages,
      links: deps.mail.links(),
      userAddresses: [store.getProfile().email, ...accountAddresses].filter((a) => a !== ''),
      settings,
      userTimeZone: timeZone,
      mailCache,
    });
    const views = baseViews(status.obligations, applications, interviews, people);
    kept = {
      version,
      messages,
      accountAddresses,
      systemZone,
      timeZone,
      status,
      views,
      viewsInState: [],
      byId: null,
    };
    return kept;
  }

  function messagesById(p: Prepared): Map<string, KnownMessage> {
    return (p.byId ??= new Map(p.messages.map((m) => [m.id, m])));
  }

  /** Everything the rules work out for an instant: obligations as the UI shows them, and every match. */
  function evaluate(at: number): {
    obligations: ObligationView[];
    matches: MessageMatch[];
    review: MessageMatch[];
    byId: () => Map<string, KnownMessage>;
    timeZone: string;
  } {
    const p = prepared();
    const snoozes = deps.followUps.snoozes();
    return {
      obligations: viewsAt(p, at, snoozes),
      matches: p.status.matches,
      review: p.status.review,
      byId: () => messagesById(p),
      timeZone: p.timeZone,
    };
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
      const { obligations, timeZone } = evaluate(when);
      const counts = Object.fromEntries(
        OBLIGATION_STATES.map((s) => [s, 0]),
      ) as StatusSummary['counts'];
      for (const o of obligations) counts[o.state] += 1;
      return { at: when, timeZone, obligations, counts };
    },

    listApplications(): ApplicationSummary[] {
      const now = deps.now();
      const { obligations } = evaluate(now);
      const interviews = store.listInterviews();
      return store.listApplications().map((application) => {
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
      const { obligations } = evaluate(deps.now());
      return {
        application,
        interviews,
        participants,
        people,
        manualContacts,
        obligations: obligations.filter((o) => o.applicationId === id),
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
      store.saveApplication(application);
      changed();
      return application;
    },

    deleteApplication(id: string): { deleted: boolean } {
      const deleted = store.deleteApplication(id);
      if (deleted) changed();
      return { deleted };
    },

    saveInterview(input: ChannelParsedInput<'interviews:save'>): Interview {
      return store.transaction(() => {
        requireApplication(input.interview.applicationId);
        if (input.interview.id && !store.getInterview(input.interview.id)) {
          throw new ServiceError('not-found', 'That interview no longer exists.');
        }
        const interview: Interview = { ...input.interview, id: input.interview.id ?? newId() };
        store.saveInterview(interview);
        const participants = input.participants.map((p) => {
          const person = upsertPerson(store, p.person);
          return {
            interviewId: interview.id,
            personId: person.id,
            role: p.role,
            topics: p.topics,
            notes: p.notes,
          };
        });
        store.setParticipants(interview.id, participants);
        changed();
        return interview;
      });
    },

    deleteInterview(id: string): { deleted: boolean } {
      const deleted = store.deleteInterview(id);
      if (deleted) changed();
      return { deleted };
    },

    listPeople(): Person[] {
      return store.listPeople();
    },

    savePerson(input: ChannelParsedInput<'people:save'>): Person {
      const person = store.transaction(() => upsertPerson(store, input));
      changed();
      return person;
    },

    markSent(input: ChannelParsedInput<'contacts:mark-sent'>): ManualContact {
      requireApplication(input.applicationId);
      if (!store.getPerson(input.personId))
        throw new ServiceError('not-found', 'That person no longer exists.');
      const contact: ManualContact = { ...input, id: newId() };
      store.saveManualContact(contact);
      changed();
      return contact;
    },

    unmark(id: string): { deleted: boolean } {
      const deleted = store.deleteManualContact(id);
      if (deleted) changed();
      return { deleted };
    },

    /** Unsure matches from sync for the user to confirm or reject, newest message first. */
    review(): ReviewItem[] {
      const evaluated = evaluate(deps.now());
      const { review } = evaluated;
      const byId = evaluated.byId();
      const applications = new Map(store.listApplications().map((a) => [a.id, a]));
      const people = new Map(store.listPeople().map((p) => [p.id, p]));
      return review
        .flatMap((match) => {
          const message = byId.get(match.messageId);
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
      deps.mail.saveLink(link);
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
      const evaluated = evaluate(deps.now());
      const { matches } = evaluated;
      const byId = evaluated.byId();
      const notes = new Map(
        deps.followUps.sentNotes(applicationId, personId).map((n) => [n.messageId, n]),
      );
      const items = new Map<string, SentHistoryItem>();
      for (const match of matches) {
        if (
          match.direction !== 'sent' ||
          match.confidence !== 'sure' ||
          match.applicationId !== applicationId ||
          match.personId !== personId
        )
          continue;
        const message = byId.get(match.messageId);
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
      store.saveProfile(profile);
      changed();
      return profile;
    },

    getSettings(): Settings {
      return store.getSettings();
    },

    saveSettings(settings: Settings): Settings {
      store.saveSettings(settings);
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

/** Each obligation as the UI shows it, with its prepared state and no snooze. */
function baseViews(
  obligations: readonly Obligation[],
  applications: Application[],
  interviews: Interview[],
  people: Person[],
): ObligationView[] {
  const applicationById = new Map(applications.map((a) => [a.id, a]));
  const interviewById = new Map(interviews.map((i) => [i.id, i]));
  const personById = new Map(people.map((p) => [p.id, p]));
  return obligations.map((o) => {
    const application = applicationById.get(o.applicationId);
    const interview = o.interviewId ? interviewById.get(o.interviewId) : undefined;
    const person = o.personId ? personById.get(o.personId) : undefined;
    return viewOf(o, {
      personName: person?.name ?? 'Someone at the company',
      company: application?.company ?? '',
      roleTitle: application?.roleTitle ?? '',
      interviewKind: interview?.kind ?? null,
      interviewStartsAt: interview?.startsAt ?? null,
      snoozedUntil: null,
    });
  });
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
  };
}

/**
 * The views at `at`, sorted: the kept view of each obligation in its state at `at` (made once
 * per state), a copy only for what is snoozed. Treat them as read-only.
 */
function viewsAt(p: Prepared, at: number, snoozes: Map<string, number>): ObligationView[] {
  return orderAt(p.status, at, (i, state) => {
    const base = p.views[i]!;
    let view = base;
    if (state !== base.state) {
      const inState = (p.viewsInState[i] ??= {});
      view = inState[state] ??= viewOf(base, base, state);
    }
    if (snoozes.size === 0) return view;
    const until = snoozes.get(base.id) ?? 0;
    return until > at ? viewOf(view, { ...view, snoozedUntil: until }, view.state) : view;
  });
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
