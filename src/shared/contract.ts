/**
 * The one IPC contract: every channel the renderer may invoke, with the schema main
 * validates its input against and the type of its result. Adding a channel is one entry
 * here plus its handler (the handler map is typed against this, so a missing or extra
 * handler does not compile).
 */
import { z } from 'zod';
import type {
  AccountSyncStatus,
  Application,
  Draft,
  FilledNote,
  NoteFinding,
  NoteTemplate,
  MailAccount,
  Interview,
  ManualContact,
  MessageLink,
  MessageSummary,
  Obligation,
  ObligationReply,
  ReplyClass,
  ReplyReading,
  Participant,
  Person,
  Profile,
  ReviewItem,
  SentHistoryItem,
  Settings,
  StatusProblem,
  StatusSuggestion,
  Workspace,
} from './model';
import {
  MAIL_AUTHS,
  MAIL_PROVIDERS,
  MANUAL_CHANNELS,
  REPLY_CLASSES,
  TRANSPORT_SECURITIES,
} from './model';
import {
  INTERVIEW_KINDS,
  type IcsImportOutcome,
  type InvitationView,
  type UnreadableInvitation,
} from './model';
import type { ChannelName, EventName } from './channel-names';
export {
  CHANNEL_NAMES,
  EVENT_NAMES,
  IPC_INVOKE_CHANNEL,
  eventChannel,
  isChannel,
} from './channel-names';
export type { ChannelName, EventName } from './channel-names';
import {
  applicationSchema,
  interviewEndsAfterStart,
  emailSchema,
  instantSchema,
  interviewFieldsSchema,
  participantSchema,
  personSchema,
  profileSchema,
  settingsSchema,
  workspaceSchema,
} from './schemas';

/** An obligation with the names the UI shows next to it. */
export interface ObligationView extends Obligation {
  personName: string;
  company: string;
  roleTitle: string;
  interviewKind: Interview['kind'] | null;
  interviewStartsAt: number | null;
  /** Until when the user snoozed it (no alerts, listed apart), or null. */
  snoozedUntil: number | null;
  /** Done, and the message that proves it is one this app sent (not one found from elsewhere). */
  sentFromApp?: boolean;
}

export interface ApplicationSummary {
  application: Application;
  nextInterviewAt: number | null;
  openObligations: number;
  overdueObligations: number;
}

export interface ApplicationDetail {
  application: Application;
  interviews: Interview[];
  participants: Participant[];
  people: Person[];
  manualContacts: ManualContact[];
  obligations: ObligationView[];
  /** Replies from the company (auto-replies and bounces never are), by date, with how each was read. */
  replies: ReplyEntry[];
}

/** An application a person is part of, as the People view names it. */
export interface PersonApplication {
  id: string;
  company: string;
  roleTitle: string;
  status: Application['status'];
}

/** One person as the People view lists them: the row itself and where they take part. */
export interface PersonSummary {
  person: Person;
  /** Applications where they took part in an interview or were written to, by company. */
  applications: PersonApplication[];
}

/** A note to or from a person, in any application. */
export interface PersonNote {
  /** The Message-ID, the synced message's id (a reply) or the id of a contact marked by hand. */
  id: string;
  /**
   * The applications it counts for: one, unless the person is part of several applications
   * and the note came after an interview of each (see matching).
   */
  applications: PersonApplication[];
  /** `to`: the user wrote to them; `from`: they wrote back. */
  direction: 'to' | 'from';
  at: number;
  subject: string;
  /** How it is known: found in Sent, sent by the app, marked by hand, or a reply received. */
  source: SentHistoryItem['source'] | 'reply';
  /** The text, when the app sent it; null otherwise. */
  body: string | null;
  /** For a reply: what the app read in it, or null when it has not been read. */
  replyClass: ReplyClass | null;
}

/** One person with everything about them, across applications. */
export interface PersonDetail extends PersonSummary {
  /** Their interviews, by start. */
  interviews: Array<{
    id: string;
    applicationId: string;
    kind: Interview['kind'];
    startsAt: number;
    role: Participant['role'];
  }>;
  /** Every note to and from them, oldest first. */
  notes: PersonNote[];
}

/** A reply whose reading is not sure, as the review list shows it. */
export interface ReplyReviewItem {
  messageId: string;
  applicationId: string;
  company: string;
  roleTitle: string;
  /** Who wrote it: the person's name, else the sender's name or address. */
  from: string;
  at: number;
  subject: string;
  reading: ReplyReading;
}

/** A reply on an application's timeline. */
export interface ReplyEntry {
  messageId: string;
  /** The tracked person who wrote it, or null for someone else at the company. */
  personId: string | null;
  interviewId: string | null;
  at: number;
  subject: string;
  /** Who wrote it: the person's name, else the sender's name or address. */
  from: string;
  reading: ObligationReply;
}

export interface StatusSummary {
  /** The instant the states were computed for. */
  at: number;
  /** The zone due moments are shown in. */
  timeZone: string;
  obligations: ObligationView[];
  counts: Record<Obligation['state'], number>;
  /** Applications that could not be worked out; their notes are missing from `obligations`. */
  problems: StatusProblem[];
  /** What replies suggest doing to applications, until the user does it or dismisses it. */
  suggestions: StatusSuggestion[];
}

const id = z.string().min(1).max(100);
const none = z.undefined().or(z.object({}).strict());

/** Input for saving an application: new ones come without id and timestamps. */
export const applicationInputSchema = applicationSchema
  .omit({ id: true, createdAt: true, updatedAt: true })
  .extend({ id: id.optional() });

/** Input for saving an interview with its people in one step. */
export const interviewInputSchema = z.object({
  interview: interviewFieldsSchema
    .omit({ id: true })
    // contactPersonId: one of `participants` (see their `contact`), kept while they still take part.
    .extend({ id: id.optional(), contactPersonId: id.nullable().optional() })
    .refine(...interviewEndsAfterStart),
  participants: z
    .array(
      z.object({
        /** An existing person, or a new one when absent. */
        person: personSchema.omit({ id: true }).extend({ id: id.optional() }),
        role: participantSchema.shape.role,
        topics: participantSchema.shape.topics,
        notes: participantSchema.shape.notes,
        /** This person said they would be in touch: the round's check-in goes to them. */
        contact: z.boolean().optional(),
      }),
    )
    .max(50),
});

const serverSchema = z
  .object({
    host: z.string().trim().min(1, 'enter the server name').max(253),
    port: z.number().int().min(1).max(65535),
    security: z.enum(TRANSPORT_SECURITIES),
  })
  .strict();

/** A mail account as the connect wizard sends it; the password goes to the keychain only. */
export const accountInputSchema = z
  .object({
    id: id.optional(),
    label: z.string().trim().min(1, 'give the account a name').max(100),
    provider: z.enum(MAIL_PROVIDERS),
    email: emailSchema,
    username: z.string().min(1, 'enter the user name').max(320),
    imap: serverSchema,
    smtp: serverSchema,
    providerFilesSent: z.boolean(),
    sentFolder: z.string().min(1).max(500).nullable(),
    draftsFolder: z.string().min(1).max(500).nullable(),
    replyFolders: z.array(z.string().trim().min(1).max(500)).max(20).default([]),
    password: z.string().max(1000),
    /** 'oauth2': an account that signed in through the browser; saving keeps its sign-in. */
    auth: z.enum(MAIL_AUTHS).optional(),
  })
  .strict();

/**
 * Sign in with Google or Microsoft in the user's browser, then save the account and test it.
 * With `id`: sign an existing account in again (it keeps everything synced). `clientId` and
 * `clientSecret` replace the ones this build comes with (the connect view's Advanced section).
 */
export const oauthSignInSchema = accountInputSchema
  .omit({ email: true, username: true, password: true, auth: true, provider: true, label: true })
  .extend({
    provider: z.enum(['gmail', 'outlook']),
    label: z.string().trim().max(100).optional(),
    clientId: z.string().trim().max(500).optional(),
    clientSecret: z.string().trim().max(500).optional(),
  })
  .strict();

/** Whether this build has its own client id for each OAuth provider. */
export type OAuthClients = Record<'gmail' | 'outlook', { builtIn: boolean }>;

/**
 * How account passwords are kept. 'keychain': encrypted by the OS keychain; 'session-only':
 * in memory until the app quits; 'without-keyring': no keyring on this computer, kept
 * obfuscated on disk because the user chose that.
 */
export type SecretProtection = 'keychain' | 'session-only' | 'without-keyring';

export interface AccountView {
  account: MailAccount;
  status: AccountSyncStatus;
  hasPassword: boolean;
}

/** What Test connection found for incoming mail (IMAP): the folders, or the step that failed. */
export type IncomingCheck =
  | {
      ok: true;
      sentFolder: string;
      draftsFolder: string | null;
      inbox: string;
      folders: string[];
      /** Read for replies besides the inbox: \All, \Archive and the folders the user added. */
      replyFolders: string[];
      /** Folders the user added for replies that the server does not have. */
      missingReplyFolders: string[];
    }
  | { ok: false; step: string; message: string; folders: string[] };

/** What Test connection found for outgoing mail (SMTP): signed in (nothing sent), or the step that failed. */
export type OutgoingCheck = { ok: true } | { ok: false; step: string; message: string };

/** What Test connection found, each side on its own; `ok` only when both work. */
export interface ConnectionReport {
  ok: boolean;
  incoming: IncomingCheck;
  outgoing: OutgoingCheck;
}

export interface SyncReport {
  accountId: string;
  ok: boolean;
  error: string | null;
  added: number;
  removed: number;
}

export interface DraftView {
  draft: Draft;
  findings: NoteFinding[];
  obligation: ObligationView | null;
  /** What already went to this person in this application, oldest first. */
  history: SentHistoryItem[];
  /** How long until a note waiting in its undo window goes out, in ms; absent or null when none waits. */
  sendsInMs?: number | null;
  /** The message of theirs this note answers (a reply owed an answer), or null. */
  answering?: AnsweredMessage | null;
}

/** A message a note answers, as the editor shows it beside the note. */
export interface AnsweredMessage {
  from: { name: string | null; address: string } | null;
  date: number;
  subject: string;
  /** What the app read in it; null when it has not been read. */
  replyClass: ReplyClass | null;
  sentence: string;
  sure: boolean;
}

const obligationId = z.string().min(1).max(400);

export const channels = {
  'status:get': {
    input: z.object({ at: instantSchema.optional() }).strict(),
    output: {} as StatusSummary,
  },
  'status:dismiss-suggestion': {
    input: z.object({ applicationId: id, messageId: z.string().min(1).max(1000) }).strict(),
    output: {} as { dismissed: boolean },
  },
  /** The user says what a reply says; it wins over the app's reading, now and after syncs. */
  'replies:set-class': {
    input: z
      .object({ messageId: z.string().min(1).max(1000), replyClass: z.enum(REPLY_CLASSES) })
      .strict(),
    output: {} as ReplyReading,
  },
  /** Replies the app read but is not sure about, for the review list. */
  'replies:to-review': { input: none, output: [] as ReplyReviewItem[] },
  'applications:list': { input: none, output: [] as ApplicationSummary[] },
  'applications:get': { input: z.object({ id }).strict(), output: {} as ApplicationDetail },
  'applications:save': { input: applicationInputSchema, output: {} as Application },
  'applications:delete': { input: z.object({ id }).strict(), output: {} as { deleted: boolean } },
  'interviews:save': { input: interviewInputSchema, output: {} as Interview },
  'interviews:delete': { input: z.object({ id }).strict(), output: {} as { deleted: boolean } },
  'people:list': { input: none, output: [] as Person[] },
  'people:save': {
    input: personSchema.omit({ id: true }).extend({ id: id.optional() }),
    output: {} as Person,
  },
  /** Everyone, by name, with the applications they are part of. */
  'people:directory': { input: none, output: [] as PersonSummary[] },
  /** One person with their interviews and every note to and from them. */
  'people:get': { input: z.object({ id }).strict(), output: {} as PersonDetail },
  'contacts:mark-sent': {
    input: z
      .object({
        applicationId: id,
        interviewId: id.nullable(),
        personId: id,
        channel: z.enum(MANUAL_CHANNELS),
        at: instantSchema,
        note: z.string().max(2000),
      })
      .strict(),
    output: {} as ManualContact,
  },
  'contacts:unmark': { input: z.object({ id }).strict(), output: {} as { deleted: boolean } },
  'review:list': { input: none, output: [] as ReviewItem[] },
  'links:save': {
    input: z
      .object({
        messageId: z.string().min(1).max(1200),
        personId: id,
        applicationId: id,
        action: z.enum(['link', 'unlink']),
      })
      .strict(),
    output: {} as MessageLink,
  },
  'messages:find': {
    input: z
      .object({ query: z.string().max(200), limit: z.number().int().min(1).max(200) })
      .strict(),
    output: [] as MessageSummary[],
  },
  'obligations:snooze': {
    input: z
      .object({
        obligationId,
        until: instantSchema.nullable(),
      })
      .strict(),
    output: {} as { snoozedUntil: number | null },
  },
  'obligations:skip': {
    input: z.object({ obligationId, skipped: z.boolean() }).strict(),
    output: {} as { skipped: boolean },
  },
  'profile:get': { input: none, output: {} as Profile },
  'profile:save': { input: profileSchema, output: {} as Profile },
  'settings:get': { input: none, output: {} as Settings },
  'settings:save': { input: settingsSchema, output: {} as Settings },
  'workspace:load-sample': {
    input: z.object({ replace: z.boolean().optional() }).strict().optional(),
    output: {} as { applications: number },
  },
  'workspace:export': { input: none, output: {} as Workspace },
  'workspace:import': {
    input: z.object({ workspace: workspaceSchema, replace: z.literal(true) }).strict(),
    output: {} as { applications: number },
  },
  'accounts:list': {
    input: none,
    output: {} as { accounts: AccountView[]; protection: SecretProtection },
  },
  'accounts:keep-without-keyring': {
    input: z.object({ allowed: z.boolean() }).strict(),
    output: {} as { protection: SecretProtection },
  },
  'accounts:test': { input: accountInputSchema, output: {} as ConnectionReport },
  'accounts:save': { input: accountInputSchema, output: {} as AccountView },
  'accounts:oauth-clients': { input: z.object({}).strict(), output: {} as OAuthClients },
  'accounts:sign-in': {
    input: oauthSignInSchema,
    output: {} as { view: AccountView; report: ConnectionReport },
  },
  'accounts:cancel-sign-in': {
    input: z.object({}).strict(),
    output: {} as { cancelled: boolean },
  },
  'accounts:remove': { input: z.object({ id }).strict(), output: {} as { deleted: boolean } },
  'sync:run': {
    input: z.object({ accountId: id.optional() }).strict(),
    output: [] as SyncReport[],
  },
  'drafts:open': { input: z.object({ obligationId }).strict(), output: {} as DraftView },
  'drafts:update': {
    input: z
      .object({
        obligationId,
        subject: z.string().max(500),
        body: z.string().max(20000),
        to: z.array(emailSchema).max(20),
      })
      .strict(),
    output: {} as DraftView,
  },
  'drafts:use-template': {
    input: z.object({ obligationId, templateId: id }).strict(),
    output: {} as DraftView,
  },
  'drafts:save-to-folder': {
    input: z.object({ obligationId, accountId: id }).strict(),
    output: {} as Draft,
  },
  /** Queues the note for the undo window (`undoSendSeconds`), or sends it at once when that is 0. */
  'drafts:send': {
    input: z.object({ obligationId, accountId: id }).strict(),
    output: {} as { draft: Draft; sendsInMs: number | null },
  },
  /** Takes back a note waiting in its undo window; it stays a draft. */
  'notes:undo': { input: z.object({ obligationId }).strict(), output: {} as Draft },
  'templates:list': { input: none, output: [] as NoteTemplate[] },
  'templates:save': {
    input: z
      .object({
        id,
        name: z.string().trim().min(1, 'give the template a name').max(200),
        situation: z.string().max(1000),
        subject: z.string().max(500),
        body: z.string().max(20000),
      })
      .strict(),
    output: [] as NoteTemplate[],
  },
  'templates:restore': { input: z.object({ id }).strict(), output: [] as NoteTemplate[] },
  'templates:preview': {
    input: z
      .object({ obligationId, subject: z.string().max(500), body: z.string().max(20000) })
      .strict(),
    output: {} as FilledNote,
  },
  'invitations:list': { input: none, output: [] as InvitationView[] },
  'invitations:import': {
    input: z
      .object({
        text: z.string().min(1, 'the file is empty').max(1_000_000, 'the file is larger than 1 MB'),
        fileName: z.string().trim().min(1).max(255),
      })
      .strict(),
    output: [] as IcsImportOutcome[],
  },
  'invitations:accept': {
    input: z
      .object({
        id,
        application: z
          .union([
            z.object({ id }).strict(),
            z
              .object({
                new: z
                  .object({
                    company: z.string().trim().min(1, 'company is required').max(200),
                    roleTitle: z.string().trim().min(1, 'role title is required').max(200),
                    companyDomains: z.array(z.string().trim().min(1).max(253)).max(20),
                  })
                  .strict(),
              })
              .strict(),
          ])
          .optional(),
        kind: z.enum(INTERVIEW_KINDS).optional(),
        interviewers: z.array(emailSchema).max(50).optional(),
        arranger: emailSchema.nullable().optional(),
      })
      .strict(),
    output: {} as { interview: Interview | null; applicationId: string | null },
  },
  'invitations:dismiss': { input: z.object({ id }).strict(), output: {} as { dismissed: boolean } },
  'invitations:unreadable': { input: none, output: [] as UnreadableInvitation[] },
  'invitations:dismiss-unreadable': {
    input: z.object({ id }).strict(),
    output: {} as { dismissed: boolean },
  },
  'calendar:export': {
    input: z.object({ at: instantSchema.optional() }).strict(),
    output: {} as { fileName: string; text: string; events: number },
  },
  'shell:open-external': {
    // A mailto: link carries the whole note, hence the room.
    input: z.object({ url: z.url({ protocol: /^(https?|mailto)$/ }).max(20000) }).strict(),
    output: {} as { opened: boolean },
  },
} as const;

export type Channel = keyof typeof channels;
export type ChannelInput<C extends Channel> = z.input<(typeof channels)[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<(typeof channels)[C]['input']>;
export type ChannelOutput<C extends Channel> = (typeof channels)[C]['output'];

/** Expected failures travel as values, never as thrown errors across IPC. */
/** One thing wrong with one field of the input: where (`company`, `interview.startsAt`) and what. */
export interface FieldIssue {
  path: string;
  message: string;
}

export interface AppError {
  code: 'invalid-input' | 'not-found' | 'conflict' | 'unavailable' | 'failed';
  /** The whole failure in words, for places that show one line (the command line, banners). */
  message: string;
  /** For invalid input: what is wrong, field by field, so a form shows each at its field. */
  issues?: FieldIssue[];
}
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Events main pushes to the renderer. */
export interface Events {
  'status:changed': { at: number };
  'sync:progress': { accountId: string; folder: string; done: number; total: number };
  /** A sync of an account ended (on a timer, on new mail, or on request), well or not. */
  'sync:finished': { accountId: string; ok: boolean; error: string | null };
  /** The shell asks the renderer to show a view: from the menu, the tray or a notification. */
  'app:navigate':
    { to: 'home' | 'settings' | 'review' | 'invitations' } | { to: 'draft'; obligationId: string };
}

// Compile-time proof that the name list and the channel map agree, both ways.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const channelsMatchNames: Same<Channel, ChannelName> = true;
const eventsMatchNames: Same<keyof Events, EventName> = true;
void channelsMatchNames;
void eventsMatchNames;

/** The api preload exposes as `window.followthrough`. */
export interface FollowthroughApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Result<ChannelOutput<C>>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
}
