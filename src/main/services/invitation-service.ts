/**
 * Calendar invitations: read from .ics files and from the inbox, kept as proposals until
 * the user accepts (the interview is created, moved or cancelled, with its people, in one
 * transaction) or dismisses them; and due notes and check-ins written out as an .ics file.
 *
 * Duplicates: one pending proposal per calendar event (UID). A newer copy (higher SEQUENCE)
 * replaces the waiting one; an equal or older copy changes nothing. Once accepted, the
 * interview remembers the UID and SEQUENCE, so the next copy is a move or a cancellation of
 * it, never a second interview.
 */
import type { Mailbox } from '../mail/mailbox-port';
import type { ObligationView } from '../../shared/contract';
import type {
  Application,
  CalendarInvite,
  IcsImportOutcome,
  Interview,
  InterviewKind,
  InvitationSource,
  InvitationView,
  Participant,
  Person,
  StoredInvitation,
  UnreadableInvitation,
} from '../../shared/model';
import { buildIcs, type CalendarExportEvent } from '../calendar/ics';
import { calendarDateOf, endOfDay } from '../domain/business-days';
import {
  AcceptChoiceError,
  planAcceptance,
  proposeInvitation,
  type AcceptChoices,
  type InvitationWorkspace,
  type PlannedParticipant,
} from '../domain/invitations';
import type { InvitationStore } from '../store/invitation-store';
import type { Store } from '../store/store';
import { ServiceError } from './errors';
import { newId } from './ids';
import { moveStatus } from './status-moves';
import { UnreadableInputError, type UntrustedParser } from './untrusted-parser';

export interface InvitationServiceDeps {
  store: Store;
  invitationStore: InvitationStore;
  /** The user's own addresses: the profile's and every account's. */
  userAddresses: () => string[];
  /** The zone due moments are shown in (the user's choice, else the system's). */
  userTimeZone: () => string;
  /** Who is owed what at an instant, for the calendar export. */
  status: (at: number) => { obligations: ObligationView[]; timeZone: string };
  now: () => number;
  /** Where calendar text from files and mail is parsed: the untrusted-parsing worker. */
  parser: UntrustedParser;
  /** A message's subject and sender in a few words, to name an unreadable invitation. */
  describeMessage?: (messageId: string) => string | null;
  onChange?: () => void;
}

/** What became of one event of an imported file. */
export type ImportOutcome = IcsImportOutcome;

export interface AcceptInput {
  id: string;
  /** An existing application, or the fields of a new one; absent keeps the suggestion. */
  application?:
    { id: string } | { new: { company: string; roleTitle: string; companyDomains: string[] } };
  kind?: InterviewKind;
  /** Addresses of the interviewers; absent keeps the suggestion. */
  interviewers?: string[];
  /** Address of whoever arranged it, null for nobody; absent keeps the suggestion. */
  arranger?: string | null;
}

export type InvitationService = ReturnType<typeof createInvitationService>;

/** Longest text accepted as a calendar file (the IPC contract says the same). */
export const MAX_ICS_BYTES = 1_000_000;

export function createInvitationService(deps: InvitationServiceDeps) {
  const { store, invitationStore } = deps;
  const changed = () => deps.onChange?.();

  function workspace(): InvitationWorkspace {
    return {
      applications: store.listApplications(),
      interviews: store.listInterviews(),
      people: store.listPeople(),
      participants: store.listParticipants(),
      links: invitationStore.listLinks(),
    };
  }

  function propose(invite: CalendarInvite, ws: InvitationWorkspace = workspace()) {
    const previous = invitationStore.findByUid(invite.uid).find((c) => c.status === 'accepted');
    return proposeInvitation({
      ...ws,
      invite,
      previousInvite: previous?.invite ?? null,
      userAddresses: deps.userAddresses(),
      userTimeZone: deps.userTimeZone(),
    });
  }

  function view(stored: StoredInvitation, ws?: InvitationWorkspace): InvitationView {
    return {
      id: stored.id,
      source: stored.source,
      sourceRef: stored.sourceRef,
      receivedAt: stored.createdAt,
      proposal: propose(stored.invite, ws),
    };
  }

  /** Keeps one copy of an event as a proposal, following the rules in the module comment. */
  function receive(
    invite: CalendarInvite,
    source: InvitationSource,
    sourceRef: string | null,
  ): ImportOutcome {
    return store.transaction(() => {
      const ws = workspace();
      const proposal = propose(invite, ws);
      const copies = invitationStore.findByUid(invite.uid);
      const pending = copies.find((c) => c.status === 'pending') ?? null;
      const now = deps.now();

      if (proposal.kind === 'unchanged') {
        // A cancellation of an event never accepted: the proposal waiting for it is moot.
        if (invite.cancelled && pending && pending.sequence <= invite.sequence) {
          invitationStore.saveInvitation({ ...pending, status: 'dismissed', decidedAt: now });
        }
        return { outcome: 'up-to-date', headline: proposal.headline, invitation: null };
      }
      if (pending) {
        const newer =
          invite.sequence > pending.sequence ||
          (invite.sequence === pending.sequence && invite.cancelled && !pending.invite.cancelled);
        if (!newer) {
          return {
            outcome: invite.sequence < pending.sequence ? 'older' : 'duplicate',
            headline: proposal.headline,
            invitation: view(pending, ws),
          };
        }
        const updated: StoredInvitation = {
          ...pending,
          sequence: invite.sequence,
          invite,
          source,
          sourceRef,
        };
        invitationStore.saveInvitation(updated);
        return { outcome: 'updated', headline: proposal.headline, invitation: view(updated, ws) };
      }
      // What the user already decided about stays decided when the same mail is read again;
      // a file the user chose to import is asked about again.
      if (
        source === 'mail' &&
        copies.some((c) => c.status === 'dismissed' || c.sequence >= invite.sequence)
      ) {
        return { outcome: 'ignored', headline: proposal.headline, invitation: null };
      }
      const stored: StoredInvitation = {
        id: newId(),
        uid: invite.uid,
        sequence: invite.sequence,
        source,
        sourceRef,
        invite,
        status: 'pending',
        createdAt: now,
        decidedAt: null,
        interviewId: null,
      };
      invitationStore.saveInvitation(stored);
      return { outcome: 'new', headline: proposal.headline, invitation: view(stored, ws) };
    });
  }

  /** Parses on the worker, within its budget; rejects with UnreadableInputError. */
  function read(text: string): Promise<CalendarInvite[]> {
    return deps.parser.run('ics', {
      text,
      options: { floatingZone: deps.userTimeZone(), now: deps.now() },
    });
  }

  async function parse(text: string, name: string): Promise<CalendarInvite[]> {
    try {
      return await read(text);
    } catch (error) {
      if (error instanceof UnreadableInputError)
        throw new ServiceError('invalid-input', `${name}: ${error.message}`);
      throw error;
    }
  }

  function requirePending(id: string): StoredInvitation {
    const stored = invitationStore.getInvitation(id);
    if (!stored) throw new ServiceError('not-found', 'That invitation is no longer there.');
    if (stored.status !== 'pending') {
      throw new ServiceError(
        'conflict',
        stored.status === 'accepted'
          ? 'That invitation was already accepted.'
          : 'That invitation was already dismissed.',
      );
    }
    return stored;
  }

  function personFor(planned: PlannedParticipant, company: string): Person {
    const known =
      (planned.personId ? store.getPerson(planned.personId) : null) ??
      store.findPersonByEmail(planned.email);
    if (known) return known;
    const person: Person = {
      id: newId(),
      name: planned.name,
      title: '',
      company,
      emails: [planned.email],
      phone: '',
      firstNameOk: false,
      doNotContact: false,
      notApplicable: false,
      notes: '',
    };
    store.savePerson(person);
    return person;
  }

  function withParticipants(
    interviewId: string,
    existing: Participant[],
    planned: PlannedParticipant[],
    company: string,
  ): void {
    const participants = [...existing];
    for (const p of planned) {
      const person = personFor(p, company);
      if (participants.some((q) => q.personId === person.id && q.role === p.role)) continue;
      participants.push({ interviewId, personId: person.id, role: p.role, topics: '', notes: '' });
    }
    store.setParticipants(interviewId, participants);
  }

  function newApplication(fields: {
    company: string;
    roleTitle: string;
    companyDomains: string[];
  }): Application {
    const company = fields.company.trim();
    const roleTitle = fields.roleTitle.trim();
    if (company === '' || roleTitle === '') {
      throw new ServiceError('invalid-input', 'A new application needs a company and a role.');
    }
    const now = deps.now();
    const application: Application = {
      id: newId(),
      company,
      roleTitle,
      postingUrl: null,
      status: 'interviewing',
      appliedOn: null,
      decidedOn: null,
      companyDomains: [
        ...new Set(fields.companyDomains.map((d) => d.trim().toLowerCase()).filter(Boolean)),
      ],
      notes: '',
      createdAt: now,
      updatedAt: now,
    };
    store.saveApplication(application);
    return application;
  }

  /** What a user sees for a message whose invitation could not be read. */
  function unreadable(messageId: string, reason: string): UnreadableInvitation {
    return {
      id: newId(),
      messageId,
      label: deps.describeMessage?.(messageId) ?? 'A message in your inbox',
      reason,
      receivedAt: deps.now(),
    };
  }

  /**
   * Reads the calendar parts of inbox messages on the worker, never inside a transaction:
   * the events of each message, or why it could not be read.
   */
  async function readParts(
    parts: readonly { messageId: string; text: string }[],
  ): Promise<{ read: Map<string, CalendarInvite[]>; failed: Map<string, string> }> {
    const found = new Map<string, CalendarInvite[]>();
    const failed = new Map<string, string>();
    for (const { messageId, text } of parts) {
      if (failed.has(messageId)) continue;
      try {
        const invites = await read(text);
        found.set(messageId, [...(found.get(messageId) ?? []), ...invites]);
      } catch (error) {
        // A worker that cannot start says nothing about the message: it is read next time.
        if (!(error instanceof UnreadableInputError) || error.reason === 'unavailable') throw error;
        failed.set(messageId, error.message);
        found.delete(messageId);
      }
    }
    return { read: found, failed };
  }

  /**
   * Keeps the events of a calendar part found in an inbox message; an unreadable part is
   * recorded once, with its reason, for the user to see.
   */
  async function receiveFromMail(text: string, messageId: string): Promise<ImportOutcome[]> {
    const { read: found, failed } = await readParts([{ messageId, text }]);
    return store.transaction(() => {
      for (const [id, reason] of failed) invitationStore.recordUnreadable(unreadable(id, reason));
      return (found.get(messageId) ?? []).map((invite) => receive(invite, 'mail', messageId));
    });
  }

  return {
    /** Reads an .ics text and keeps each event as a proposal; creates nothing else. */
    async importIcs(text: string, fileName: string): Promise<ImportOutcome[]> {
      if (text.length > MAX_ICS_BYTES) {
        throw new ServiceError(
          'invalid-input',
          `${fileName} is too large for a calendar invitation.`,
        );
      }
      const invites = await parse(text, fileName);
      const outcomes = store.transaction(() =>
        invites.map((invite) => receive(invite, 'file', fileName)),
      );
      if (outcomes.some((o) => o.outcome === 'new' || o.outcome === 'updated')) changed();
      return outcomes;
    },

    receiveFromMail,

    /** Inbox invitations that could not be read, until the user dismisses them. */
    unreadable(): UnreadableInvitation[] {
      return invitationStore.listUnreadable();
    },

    dismissUnreadable(id: string): { dismissed: boolean } {
      const dismissed = invitationStore.dismissUnreadable(id, deps.now());
      if (!dismissed) throw new ServiceError('not-found', 'That notice is no longer there.');
      changed();
      return { dismissed };
    },

    /** Proposals waiting for the user, soonest event first. */
    list(): InvitationView[] {
      const ws = workspace();
      return invitationStore
        .listInvitations('pending')
        .map((stored) => view(stored, ws))
        .sort((a, b) => a.proposal.invite.startsAt - b.proposal.invite.startsAt);
    },

    /**
     * Accepts a proposal with the user's choices: creates, moves or cancels the interview and
     * its people, links it to the event and marks the proposal accepted, all in one transaction.
     */
    accept(input: AcceptInput): { interview: Interview | null; applicationId: string | null } {
      const result = store.transaction(() => {
        const stored = requirePending(input.id);
        const ws = workspace();
        const proposal = propose(stored.invite, ws);
        if (
          input.application &&
          'id' in input.application &&
          !store.getApplication(input.application.id)
        ) {
          throw new ServiceError('not-found', 'That application no longer exists.');
        }
        const choices: AcceptChoices = {
          application: input.application ?? null,
          kind: input.kind ?? null,
          interviewers: input.interviewers ?? null,
          arranger: input.arranger,
        };
        let plan;
        try {
          plan = planAcceptance(proposal, choices, ws);
        } catch (error) {
          if (error instanceof AcceptChoiceError)
            throw new ServiceError('invalid-input', error.message);
          throw error;
        }

        let interview: Interview | null = null;
        switch (plan.action) {
          case 'create': {
            const application =
              'id' in plan.application
                ? store.getApplication(plan.application.id)
                : newApplication(plan.application.new);
            if (!application)
              throw new ServiceError('not-found', 'That application no longer exists.');
            interview = { ...plan.interview, id: newId(), applicationId: application.id };
            store.saveInterview(interview);
            moveStatus(store, application, true, interview, deps.now());
            withParticipants(interview.id, [], plan.participants, application.company);
            invitationStore.saveLink({ interviewId: interview.id, ...plan.link });
            break;
          }
          case 'move': {
            interview = plan.interview;
            store.saveInterview(interview);
            const company = store.getApplication(interview.applicationId)?.company ?? '';
            withParticipants(
              interview.id,
              store.listParticipants(interview.id),
              plan.participants,
              company,
            );
            invitationStore.saveLink({ interviewId: interview.id, ...plan.link });
            break;
          }
          case 'cancel':
            interview = plan.interview;
            store.saveInterview(interview);
            invitationStore.saveLink({ interviewId: interview.id, ...plan.link });
            break;
          case 'none':
            break;
        }
        invitationStore.saveInvitation({
          ...stored,
          status: 'accepted',
          decidedAt: deps.now(),
          interviewId: interview?.id ?? null,
        });
        return { interview, applicationId: interview?.applicationId ?? null };
      });
      changed();
      return result;
    },

    dismiss(id: string): { dismissed: boolean } {
      const stored = requirePending(id);
      invitationStore.saveInvitation({ ...stored, status: 'dismissed', decidedAt: deps.now() });
      changed();
      return { dismissed: true };
    },

    /** Due notes and check-ins from `at` on, as an .ics calendar in the user's zone. */
    exportIcs(at?: number): { fileName: string; text: string; events: number } {
      const when = at ?? deps.now();
      const { obligations, timeZone } = deps.status(when);
      const events = obligations.flatMap((o) => dueEvent(o, timeZone));
      const text = buildIcs(events, {
        stampedAt: when,
        calendarName: 'Followthrough: notes and check-ins',
        timeZone,
      });
      return { fileName: 'followthrough-due-dates.ics', text, events: events.length };
    },

    /** The sync's hook: look into the inbox messages it queued for invitations. */
    inbox: {
      /**
       * Fetches the calendar parts of the queued messages over the sync's connection, reads
       * them on the worker, then keeps their events as proposals in one short transaction. A
       * part that cannot be read is recorded once with its reason and its message is not
       * looked at again; a failure to fetch leaves the queue for the next sync.
       */
      async process(mailbox: Mailbox, accountId: string, folderPath: string): Promise<number> {
        const checks = invitationStore.listChecks(accountId, folderPath);
        if (checks.length === 0) return 0;
        const result = await mailbox.fetchInvitationParts(
          folderPath,
          checks.map((c) => c.uid),
        );
        // UIDs from before a UIDVALIDITY change name other messages now: drop them.
        const current = checks.filter((c) => c.uidValidity === result.uidValidity);
        const messageIds = new Map(current.map((c) => [c.uid, c.messageId]));
        const parts = result.parts.flatMap((part) => {
          const messageId = messageIds.get(part.uid);
          return messageId === undefined ? [] : [{ messageId, text: part.text }];
        });
        const { read: events, failed } = await readParts(parts);
        let found = 0;
        store.transaction(() => {
          for (const [messageId, invites] of events) {
            for (const invite of invites) {
              const { outcome } = receive(invite, 'mail', messageId);
              if (outcome === 'new' || outcome === 'updated') found += 1;
            }
          }
          for (const [messageId, reason] of failed) {
            invitationStore.recordUnreadable(unreadable(messageId, reason));
          }
          invitationStore.removeChecks(
            accountId,
            folderPath,
            checks.map((c) => c.uid),
          );
        });
        if (found > 0 || failed.size > 0) changed();
        return found;
      },
    },
  };
}

const KIND_SUMMARIES: Record<ObligationView['kind'], (o: ObligationView) => string> = {
  'thank-you': (o) => `Thank-you note to ${o.personName} (${o.company})`,
  'arranger-thanks': (o) => `Short thanks to ${o.personName} for arranging (${o.company})`,
  'check-in': (o) => `Check in with ${o.personName} about the decision (${o.company})`,
  'respond-promptly': (o) => `Reply to ${o.personName} (${o.company})`,
  'get-address': (o) => `Find ${o.personName}'s email address (${o.company})`,
  'after-rejection': (o) => `Thank ${o.personName} after the decision (${o.company})`,
};

/**
 * The calendar event for an open obligation. A check-in is an all-day event on the day it
 * becomes fitting; a note due at the end of a day is an all-day event on that day; any other
 * due moment is a half-hour event ending at it.
 */
function dueEvent(o: ObligationView, zone: string): CalendarExportEvent[] {
  if (o.state === 'done' || o.state === 'skipped') return [];
  const summary = KIND_SUMMARIES[o.kind](o);
  const role = o.roleTitle ? `${o.company}, ${o.roleTitle}. ` : '';
  const description = `${role}${o.rule.text}`;
  const uid = `obligation-${o.id}@followthrough`;
  if (o.kind === 'check-in' && o.openFrom !== null) {
    return [
      {
        uid,
        summary,
        description,
        when: { date: calendarDateOf(o.openFrom, zone) },
        alarmMinutesBefore: -9 * 60,
      },
    ];
  }
  if (o.dueAt === null) return [];
  const day = calendarDateOf(o.dueAt, zone);
  if (endOfDay(day, zone) - o.dueAt < 60_000) {
    return [
      {
        uid,
        summary: `${summary}: due today`,
        description,
        when: { date: day },
        alarmMinutesBefore: -9 * 60,
      },
    ];
  }
  return [
    {
      uid,
      summary: `${summary}: due`,
      description,
      when: { start: o.dueAt - 30 * 60_000, end: o.dueAt },
      alarmMinutesBefore: 60,
    },
  ];
}
