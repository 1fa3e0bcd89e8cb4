/**
 * Notes: one draft per obligation, started from the template that fits, checked against
 * the note rules as the user types, and saved on every change so nothing is lost. Sending
 * and saving to the Drafts folder live in the send half (note-sender.ts).
 */
import type {
  Draft,
  FilledNote,
  KnownMessage,
  NoteTemplate,
  ObligationKind,
  StoredTemplate,
} from '../../shared/model';
import type { AnsweredMessage, DraftView, ObligationView } from '../../shared/contract';
import { checkDraft, type DraftContext, type Finding, type NoteKind } from '../domain/draft-checks';
import {
  BUILT_IN_TEMPLATES,
  fillTemplate,
  replySubject,
  suggestTemplate,
} from '../domain/templates';
import type { DraftStore } from '../store/draft-store';
import type { Store } from '../store/store';
import { ServiceError } from './errors';
import type { WorkspaceService } from './workspace-service';

export interface DraftServiceDeps {
  store: Store;
  draftStore: DraftStore;
  workspace: WorkspaceService;
  /** A known message by `KnownMessage.id`: the one a reply note answers. */
  message?: (id: string) => KnownMessage | null;
  now: () => number;
}

/** The headers that put a note in the thread of the message it answers. */
export interface NoteThread {
  inReplyTo: string;
  /** The thread's Message-IDs, oldest first, ending with `inReplyTo`. */
  references: string[];
}

export type DraftService = ReturnType<typeof createDraftService>;

const NOTE_KINDS: Record<ObligationKind, NoteKind> = {
  'thank-you': 'thank-you',
  'arranger-thanks': 'arranger-thanks',
  'check-in': 'check-in',
  'respond-promptly': 'reply',
  'get-address': 'arranger-thanks',
  // A short thanks with no deadline, like the one to whoever arranged the interview.
  'after-rejection': 'arranger-thanks',
};

export function createDraftService(deps: DraftServiceDeps) {
  const { store, draftStore, workspace } = deps;

  function templates(): NoteTemplate[] {
    const own = new Map(draftStore.listTemplates().map((t) => [t.id, t]));
    const builtIns = BUILT_IN_TEMPLATES.map((t) => {
      const edited = own.get(t.id);
      return edited
        ? {
            ...t,
            name: edited.name,
            subject: edited.subject,
            body: edited.body,
            builtIn: true,
            edited: true,
          }
        : t;
    });
    const added = [...own.values()]
      .filter((t) => !BUILT_IN_TEMPLATES.some((b) => b.id === t.id))
      .map((t) => ({
        id: t.id,
        name: t.name,
        situation: t.situation,
        subject: t.subject,
        body: t.body,
        builtIn: false,
      }));
    return [...builtIns, ...added];
  }

  function findObligation(obligationId: string): ObligationView {
    const obligation = workspace.obligation(obligationId);
    if (!obligation)
      throw new ServiceError(
        'not-found',
        'Nothing is owed for that any more: the interview or person may have changed.',
      );
    return obligation;
  }

  /** What a note for this obligation is about: the application, the round, the person and their part. */
  function context(obligation: ObligationView) {
    const application = store.getApplication(obligation.applicationId);
    if (!application) throw new ServiceError('not-found', 'That application no longer exists.');
    const interview = obligation.interviewId ? store.getInterview(obligation.interviewId) : null;
    const owed = obligation.personId ? store.getPerson(obligation.personId) : null;
    const participants = interview ? store.listParticipants(interview.id) : [];
    // An interviewer without an address: the note goes to whoever arranged the interview,
    // asking them to pass it on, so the template names the interviewer rather than asking who.
    const arranger =
      obligation.kind === 'get-address'
        ? participants
            .filter((p) => p.role === 'arranger' && p.personId !== owed?.id)
            .map((p) => store.getPerson(p.personId))
            .find((p) => p !== null && p.emails.length > 0)
        : undefined;
    const person = arranger ?? owed;
    const participant = person
      ? (participants.find((p) => p.personId === person.id) ?? null)
      : null;
    const answered = answeredMessage(obligation);
    return {
      application,
      interview,
      person,
      participant,
      profile: store.getProfile(),
      values: {
        ...(answered ? { replySubject: replySubject(answered.subject) } : {}),
        ...(arranger && owed ? { forwardTo: owed.name } : {}),
      },
    };
  }

  /** The message of theirs a note answers, when the obligation is an answer to one. */
  function answeredMessage(
    obligation: Pick<ObligationView, 'reply' | 'kind' | 'personId'> | null,
  ): KnownMessage | null {
    const id = obligation?.reply?.messageId;
    const message = id ? (deps.message?.(id) ?? null) : null;
    if (!message || !obligation) return null;
    if (obligation.kind === 'respond-promptly') return message;
    // A note prompted by their message (the thanks after a rejection) joins its thread only
    // when it goes to whoever wrote it; anyone else never saw that thread.
    const sender = message.from[0]?.address.toLowerCase();
    const person = obligation.personId ? store.getPerson(obligation.personId) : null;
    return sender && person?.emails.some((e) => e.toLowerCase() === sender) ? message : null;
  }

  function answering(obligation: ObligationView | null): AnsweredMessage | null {
    const message = answeredMessage(obligation);
    const reply = obligation?.reply;
    if (!message || !reply) return null;
    const from = message.from[0] ?? null;
    return {
      from: from ? { name: from.name, address: from.address } : null,
      date: message.date,
      subject: message.subject,
      replyClass: reply.replyClass,
      sentence: reply.sentence,
      sure: reply.sure,
    };
  }

  function findingsFor(draft: Draft, obligation: ObligationView | null): Finding[] {
    const base = obligation ? context(obligation) : null;
    const application = base?.application ?? store.getApplication(draft.applicationId);
    if (!application) return [];
    // Everyone, for names that do not belong: the rows the status was worked out from, kept
    // between keystrokes rather than read again on each one.
    const rows = workspace.workspaceRows();
    const people = rows.people;
    const others = rows.applications.filter((a) => a.id !== application.id);
    const ownPeople = new Set(
      store
        .listInterviews(application.id)
        .flatMap((i) => store.listParticipants(i.id).map((p) => p.personId)),
    );
    const siblings = draftStore
      .listDrafts(application.id)
      .filter(
        (d) =>
          d.obligationId !== draft.obligationId &&
          d.personId !== draft.personId &&
          d.body.trim() !== '',
      )
      .map((d) => ({
        personName: people.find((p) => p.id === d.personId)?.name ?? '',
        body: d.body,
      }));
    const ctx: DraftContext = {
      kind: obligation ? NOTE_KINDS[obligation.kind] : 'thank-you',
      profile: store.getProfile(),
      application,
      person: base?.person ?? null,
      participant: base?.participant ?? null,
      siblings,
      people,
      otherCompanies: others.map((a) => a.company),
      otherPeopleNames: people.filter((p) => !ownPeople.has(p.id)).map((p) => p.name),
    };
    return checkDraft(draft, ctx);
  }

  function fill(
    obligation: ObligationView,
    templateId: string | null,
  ): Pick<Draft, 'subject' | 'body' | 'templateId'> {
    const template = templates().find((t) => t.id === templateId) ?? null;
    if (!template) {
      // No template for this reply: the user's own words, but still in their thread.
      const answered = answeredMessage(obligation);
      return {
        subject: answered ? replySubject(answered.subject) : '',
        body: '',
        templateId: null,
      };
    }
    const { subject, body } = fillTemplate(template, context(obligation));
    return { subject, body, templateId: template.id };
  }

  function view(draft: Draft, obligation: ObligationView | null): DraftView {
    return {
      draft,
      findings: findingsFor(draft, obligation),
      obligation,
      history: workspace.history(draft.applicationId, draft.personId),
      answering: answering(obligation),
    };
  }

  return {
    templates,

    /** In-Reply-To and References for a note that answers a message, or null for a new thread. */
    thread(obligationId: string): NoteThread | null {
      const message = answeredMessage(workspace.obligation(obligationId));
      if (!message?.messageId) return null;
      const earlier = message.references.length
        ? message.references
        : message.inReplyTo
          ? [message.inReplyTo]
          : [];
      return {
        inReplyTo: message.messageId,
        references: [...earlier.filter((id) => id !== message.messageId), message.messageId],
      };
    },

    /** What the checks find in the stored draft now (what blocks sending is among them). */
    findings(obligationId: string): Finding[] {
      const draft = draftStore.getDraft(obligationId);
      return draft ? findingsFor(draft, workspace.obligation(obligationId)) : [];
    },

    /** The draft for an obligation, started from the suggested template the first time. */
    open(obligationId: string): DraftView {
      const existing = draftStore.getDraft(obligationId);
      const obligation = workspace.obligation(obligationId);
      if (existing) return view(existing, obligation);
      if (!obligation)
        throw new ServiceError(
          'not-found',
          'Nothing is owed for that any more: the interview or person may have changed.',
        );
      const { application, interview, person } = context(obligation);
      const suggested = suggestTemplate(obligation, {
        application,
        interview: interview
          ? { kind: interview.kind, outcome: interview.outcome, decisionBy: interview.decisionBy }
          : null,
        needsForwarding: obligation.kind === 'get-address',
        // An offer from another application the user has not answered yet.
        holdingOtherOffer: store
          .listApplications()
          .some((a) => a.id !== application.id && a.status === 'offer'),
      });
      const draft: Draft = {
        obligationId,
        applicationId: obligation.applicationId,
        personId: obligation.personId,
        to: person?.emails.slice(0, 1) ?? [],
        ...fill(obligation, suggested),
        state: 'editing',
        messageId: null,
        sentAt: null,
        error: null,
        draftsCopy: null,
        updatedAt: deps.now(),
      };
      draftStore.saveDraft(draft);
      return view(draft, obligation);
    },

    /** Saves what the user typed; a note being sent or already sent is not changed. */
    update(obligationId: string, changes: Pick<Draft, 'subject' | 'body' | 'to'>): DraftView {
      const current = draftStore.getDraft(obligationId);
      if (!current) throw new ServiceError('not-found', 'That draft no longer exists.');
      if (current.state === 'sending' || current.state === 'sent') {
        throw new ServiceError(
          'conflict',
          current.state === 'sent' ? 'This note was sent already.' : 'This note is being sent.',
        );
      }
      const { subject, body, to } = changes;
      const draft: Draft = { ...current, subject, body, to, updatedAt: deps.now() };
      draftStore.saveDraft(draft);
      return view(draft, workspace.obligation(obligationId));
    },

    /** Starts the text again from another template (the old text is replaced). */
    useTemplate(obligationId: string, templateId: string): DraftView {
      const obligation = findObligation(obligationId);
      const current = draftStore.getDraft(obligationId);
      if (!current) throw new ServiceError('not-found', 'That draft no longer exists.');
      if (current.state === 'sending' || current.state === 'sent')
        throw new ServiceError('conflict', 'This note was sent already.');
      if (!templates().some((t) => t.id === templateId))
        throw new ServiceError('not-found', 'That template no longer exists.');
      const draft: Draft = { ...current, ...fill(obligation, templateId), updatedAt: deps.now() };
      draftStore.saveDraft(draft);
      return view(draft, obligation);
    },

    saveTemplate(template: Omit<StoredTemplate, 'updatedAt'>): NoteTemplate[] {
      draftStore.saveTemplate({ ...template, updatedAt: deps.now() });
      return templates();
    },

    /** A template's text filled for the person an obligation is owed to, as it would start their note. */
    previewTemplate(
      obligationId: string,
      template: Pick<NoteTemplate, 'subject' | 'body'>,
    ): FilledNote {
      return fillTemplate(template, context(findObligation(obligationId)));
    },

    /** Removes the user's copy: a built-in template is back to its original text. */
    restoreTemplate(id: string): NoteTemplate[] {
      draftStore.deleteTemplate(id);
      return templates();
    },
  };
}
