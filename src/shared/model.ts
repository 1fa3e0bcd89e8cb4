/**
 * The data Followthrough tracks, as plain JSON-safe values shared by every layer.
 *
 * Conventions: instants are epoch milliseconds (UTC); calendar dates without a time are
 * `YYYY-MM-DD` strings; time zones are IANA names. Ids are opaque strings.
 */

export const APPLICATION_STATUSES = [
  'applied',
  'interviewing',
  'offer',
  'accepted',
  'rejected',
  'withdrawn',
] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export interface Application {
  id: string;
  company: string;
  roleTitle: string;
  postingUrl: string | null;
  status: ApplicationStatus;
  /** Day the application went out, `YYYY-MM-DD`. */
  appliedOn: string | null;
  /** Day of the final decision (offer accepted, rejection, withdrawal), `YYYY-MM-DD`. */
  decidedOn: string | null;
  /** Mail domains of the company (e.g. `acme.com`), used to recognise replies. */
  companyDomains: string[];
  notes: string;
  createdAt: number;
  updatedAt: number;
}

export const INTERVIEW_KINDS = [
  'phone',
  'video',
  'onsite',
  'panel',
  'assessment',
  'other',
] as const;
export type InterviewKind = (typeof INTERVIEW_KINDS)[number];

export const INTERVIEW_OUTCOMES = ['unknown', 'good', 'mixed', 'bad'] as const;
export type InterviewOutcome = (typeof INTERVIEW_OUTCOMES)[number];

export interface Interview {
  id: string;
  applicationId: string;
  kind: InterviewKind;
  /** Start and end instants; `timeZone` is the zone the interview was held in. */
  startsAt: number;
  endsAt: number;
  timeZone: string;
  location: string | null;
  /** The decision date the company stated ("we'll decide by …"), `YYYY-MM-DD`, in `timeZone`. */
  decisionBy: string | null;
  /** Who said they would get in touch, and how. Free text. */
  contactPlan: string;
  /**
   * The person who said they would be in touch (one of the interview's people): the round's
   * check-in goes to them. Null: not said, so it goes to whoever arranged it, else the first
   * interviewer.
   */
  contactPersonId: string | null;
  outcome: InterviewOutcome;
  notes: string;
  cancelled: boolean;
}

export interface Person {
  id: string;
  name: string;
  title: string;
  company: string;
  /** Any number of addresses; the first is the one notes go to. */
  emails: string[];
  phone: string;
  /** The person said first names are fine: greet informally. */
  firstNameOk: boolean;
  /** The person asked not to be contacted: no obligations, any message is flagged. */
  doNotContact: boolean;
  /** The user decided this person needs no follow-up. */
  notApplicable: boolean;
  notes: string;
}

export const PARTICIPANT_ROLES = ['interviewer', 'arranger'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

/** A person's part in one interview, with what was specific to them. */
export interface Participant {
  interviewId: string;
  personId: string;
  role: ParticipantRole;
  topics: string;
  notes: string;
}

/** The user: the signature of every note, and the addresses that are "me". */
export interface Profile {
  fullName: string;
  phone: string;
  email: string;
  /**
   * The other addresses the user sends from (aliases, a work or a personal address). Like
   * `email` and the accounts' addresses they are "me": never a person, never a reply, and
   * mail from them counts as sent. Absent means none (a profile from before they existed).
   */
  aliases?: string[];
}

export const THANK_YOU_WINDOWS = ['same-day', '24h', 'next-business-day', '48h'] as const;
export type ThankYouWindow = (typeof THANK_YOU_WINDOWS)[number];

export interface Settings {
  /** When a thank-you note is due after the interview ends. Default: next business day. */
  thankYouWindow: ThankYouWindow;
  /** Hours to wait after the interview before the note is suggested. Default 0. */
  notBeforeHours: number;
  /** ISO weekdays (1 = Monday … 7 = Sunday) that are not business days. Default [6, 7]. */
  weekendDays: number[];
  /** Days off, `YYYY-MM-DD`, in the user's zone. */
  holidays: string[];
  /** Business days after a stated decision date before a check-in is fitting. Default 2. */
  checkInGraceBusinessDays: number;
  /** Days after the thank-you before a check-in when no decision date was given. Default 7. */
  checkInFallbackDays: number;
  /** Outreach messages per interviewer per application without a reply before the app says stop. Default 3. */
  maxUnansweredOutreach: number;
  /** Whoever arranged the interview is owed a short thanks. Default on. */
  thankArranger: boolean;
  /**
   * Read the opening text of replies from tracked people and companies to tell what they say
   * (kept: the class and one sentence, never the body). Off: headers only. Default on.
   */
  readReplies: boolean;
  /** Start with the session, hidden (tray only), so due notes are announced. Default off. */
  openAtLogin: boolean;
  /** The user's IANA zone; null means the system's zone. */
  timeZone: string | null;
  /** Seconds a sent note waits, with Undo, before it goes out (0–30). Default 10. */
  undoSendSeconds: number;
  /** How the user last marked a note as sent by hand; the dialog starts there. Default null (email). */
  lastManualChannel: ManualChannel | null;
}

export const DEFAULT_SETTINGS: Settings = {
  thankYouWindow: 'next-business-day',
  notBeforeHours: 0,
  weekendDays: [6, 7],
  holidays: [],
  checkInGraceBusinessDays: 2,
  checkInFallbackDays: 7,
  maxUnansweredOutreach: 3,
  thankArranger: true,
  readReplies: true,
  openAtLogin: false,
  timeZone: null,
  undoSendSeconds: 10,
  lastManualChannel: null,
};

export interface MailAddress {
  name: string | null;
  /** Lower-cased, trimmed address. */
  address: string;
}

export type MessageFolderRole = 'sent' | 'inbox';

/**
 * Headers of one message seen in the user's mail (never the body). Until mail sync exists
 * this list is empty; later it is filled from IMAP or local mailboxes.
 */
export interface KnownMessage {
  /** Stable local key: source, folder and Message-ID or UID. */
  id: string;
  folderRole: MessageFolderRole;
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  /** The Date header, or the server's arrival time when the header is missing or broken. */
  date: number;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  subject: string;
  /** Auto-Submitted, X-Autoreply, Precedence: auto_reply or bulk. */
  autoReply: boolean;
  /** A delivery status report (bounce). */
  bounce: boolean;
  /** What a bounce's report said, once read (migration 008); absent until then. */
  deliveryReport?: DeliveryReportFacts;
  /**
   * Present on a mass mailing (more recipients than a personal note has): only the first
   * addresses are kept, and the message is never matched person by person. `recipients` is
   * how many were counted, at least (a header longer than the fetch budget is cut).
   */
  massMailing?: { recipients: number };
}

/** A message as stored from one folder: its UID there, or null for a local mailbox file. */
export interface FolderMessage extends KnownMessage {
  uid: number | null;
}

/**
 * What a delivery status report said, read from its report parts. Only `failed` is a bounce:
 * a delayed report is not, and one that could not be read is kept so it is tried only once.
 */
export interface DeliveryReportFacts {
  outcome: 'failed' | 'delayed' | 'other' | 'unreadable';
  /** The Message-ID of the message that came back, if the report names it. */
  originalMessageId: string | null;
  /** Recipients it could not be delivered to, lower-cased. */
  failedRecipients: string[];
  /** The enhanced status code of the first failed recipient, e.g. `5.1.1`. */
  status: string | null;
  /** The receiving server's words for the first failed recipient, trimmed and capped. */
  diagnostic: string | null;
}

/** What a reply says, as the app read it: the class decides what follows (RULES.md, "They wrote back"). */
export const REPLY_CLASSES = [
  'acknowledgement',
  'scheduling',
  'rejection',
  'offer',
  'other',
] as const;
export type ReplyClass = (typeof REPLY_CLASSES)[number];

/**
 * The app's reading of one received reply. Only the class and the sentence that decided it
 * are kept, never the body. A reading the user set (`source: 'user'`) wins over any later
 * reading by the classifier.
 */
export interface ReplyReading {
  /** `KnownMessage.id` of the reply. */
  messageId: string;
  replyClass: ReplyClass;
  /** The sentence that decided it, at most 200 characters; empty when none did. */
  sentence: string;
  /** From 0 to 1; a reading that is not sure waits on the review list. */
  confidence: number;
  source: 'classifier' | 'user';
  at: number;
}

export const MANUAL_CHANNELS = [
  'letter',
  'linkedin',
  'in-person',
  'phone',
  'other-email',
  'other',
] as const;
export type ManualChannel = (typeof MANUAL_CHANNELS)[number];

/** A note the user marks as sent another way (a letter, LinkedIn, in person). */
export interface ManualContact {
  id: string;
  applicationId: string;
  interviewId: string | null;
  personId: string;
  channel: ManualChannel;
  at: number;
  note: string;
}

/** The whole workspace, as exported and imported. */
export interface Workspace {
  applications: Application[];
  interviews: Interview[];
  people: Person[];
  participants: Participant[];
  manualContacts: ManualContact[];
  profile: Profile;
  settings: Settings;
}

export const OBLIGATION_KINDS = [
  'thank-you',
  'arranger-thanks',
  'check-in',
  'respond-promptly',
  'get-address',
  'after-rejection',
] as const;
export type ObligationKind = (typeof OBLIGATION_KINDS)[number];

export const OBLIGATION_STATES = ['upcoming', 'due', 'overdue', 'done', 'skipped'] as const;
export type ObligationState = (typeof OBLIGATION_STATES)[number];

export type WarningCode = 'group-note' | 'pestering' | 'do-not-contact' | 'address-bounced';

export interface ObligationWarning {
  code: WarningCode;
  message: string;
  /** KnownMessage ids the warning is about. */
  messageIds: string[];
  /** For `address-bounced`: the bounce itself, the latest one when there are several. */
  bounce?: BounceDetails;
}

/** A note that bounced: when the report came, for which address, and why. */
export interface BounceDetails {
  /** When the report arrived (its Date). */
  at: number;
  /** The address that failed. */
  address: string;
  status: string | null;
  diagnostic: string | null;
}

/** What proves an obligation was met. */
export type Evidence =
  | { type: 'message'; messageId: string; at: number; subject: string; to: string[] }
  | { type: 'manual'; contactId: string; at: number; channel: ManualChannel };

export interface Obligation {
  /** Stable across recomputation: `kind:applicationId:interviewId:personId`. */
  id: string;
  kind: ObligationKind;
  state: ObligationState;
  applicationId: string;
  interviewId: string | null;
  /** Null only for a reply from someone at the company who is not tracked as a person. */
  personId: string | null;
  /** From this instant the note is fitting (after the interview, past "not before", past the check-in date). */
  openFrom: number | null;
  /** After this instant the obligation is overdue. */
  dueAt: number | null;
  /** The rule that made the obligation, as an id and a sentence in the user's words. */
  rule: { id: string; text: string };
  /** Why it is done or skipped, in words. */
  reason: string | null;
  evidence: Evidence | null;
  warnings: ObligationWarning[];
  /** For an answer owed to a reply: the reply and how the app read it. */
  reply?: ObligationReply;
}

/** The reply an obligation answers, with the app's reading of it (see `ReplyReading`). */
export interface ObligationReply {
  /** `KnownMessage.id` of the reply. */
  messageId: string;
  /** The class read, or null when there is no reading yet. */
  replyClass: ReplyClass | null;
  /** The sentence that decided it; empty without one. */
  sentence: string;
  /** Whether the reading is sure enough to act on (the user's own always is). */
  sure: boolean;
}

/** What the app suggests doing to an application because of a reply, until the user does it or dismisses it. */
export interface StatusSuggestion {
  applicationId: string;
  status: 'rejected' | 'offer';
  /** `KnownMessage.id` of the reply that brought the news. */
  messageId: string;
  /** Why, in words: who wrote, when, and what. */
  reason: string;
}

/** The user said no to a suggestion: it is not made again for that reply. */
export interface SuggestionDismissal {
  applicationId: string;
  messageId: string;
  at: number;
}

/**
 * An application the rules could not work out (a row with a value they cannot use, such as a
 * date that does not exist): its obligations are left out and everything else is shown.
 */
export interface StatusProblem {
  applicationId: string;
  /** The interview at fault, when one is. */
  interviewId: string | null;
  company: string;
  roleTitle: string;
  /** What is wrong and what to do about it, in the user's words. */
  message: string;
}

export const MAIL_PROVIDERS = ['gmail', 'outlook', 'icloud', 'yahoo', 'fastmail', 'other'] as const;
export type MailProvider = (typeof MAIL_PROVIDERS)[number];

/**
 * How a connection is protected: implicit TLS, STARTTLS that must succeed, or plaintext,
 * which is only ever allowed to a loopback host and only when the user asks for it.
 */
export const TRANSPORT_SECURITIES = ['tls', 'starttls', 'plaintext'] as const;
export type TransportSecurity = (typeof TRANSPORT_SECURITIES)[number];

export interface ServerSettings {
  host: string;
  port: number;
  security: TransportSecurity;
}

/** A mail account the app reads (IMAP) and may send from (SMTP). The secret is never here. */
export interface MailAccount {
  id: string;
  label: string;
  provider: MailProvider;
  /** The user's own address on this account. */
  email: string;
  username: string;
  imap: ServerSettings;
  smtp: ServerSettings;
  /** The provider files a copy of SMTP-sent mail in Sent by itself (Gmail, Microsoft 365). */
  providerFilesSent: boolean;
  /** Folder paths chosen by the user; null means "find it by its special-use flag or name". */
  sentFolder: string | null;
  draftsFolder: string | null;
  /**
   * Folders the user adds to be read for replies besides the inbox and the folders flagged
   * \All or \Archive (a folder their mail program files replies into).
   */
  replyFolders: string[];
  /**
   * 'oauth2': signs in through the provider's page in the browser (Gmail, Microsoft 365); the
   * vault holds a refresh token. Absent: a password.
   */
  auth?: MailAuth;
  createdAt: number;
}

export const MAIL_AUTHS = ['password', 'oauth2'] as const;
export type MailAuth = (typeof MAIL_AUTHS)[number];

export interface AccountSyncStatus {
  accountId: string;
  state: 'never' | 'ok' | 'error';
  lastSyncAt: number | null;
  /** What went wrong, in words a user understands, with what to do. */
  error: string | null;
  messages: number;
}

/**
 * Where a folder's sync stands: the UIDVALIDITY it was read under and how far. The folder
 * sync advances it, the mail store keeps it with the messages it covers.
 */
export interface FolderState {
  /** UIDVALIDITY (a 32-bit unsigned, kept as a decimal string like the modseq). */
  uidValidity: string;
  /** Every UID up to this one has been looked at (and written when it was in the window). */
  lastUid: number;
  /** HIGHESTMODSEQ at the end of the last complete sync, where the server has CONDSTORE. */
  highestModseq: string | null;
  /** UIDNEXT and message count at the end of the last complete sync; 0 while incomplete. */
  uidNext: number;
  messages: number;
}

/** A user's correction to matching: this message is (or is not) about this person. */
export interface MessageLink {
  messageId: string;
  personId: string;
  applicationId: string;
  action: 'link' | 'unlink';
  at: number;
}

export type MatchDirection = 'sent' | 'reply';
export type MatchConfidence = 'sure' | 'unsure';
export type MatchSource = 'address' | 'thread' | 'domain' | 'name' | 'forward' | 'manual';

/** One message matched to one person (or, for a reply, perhaps only to the company) of one application. */
export interface MessageMatch {
  /** `KnownMessage.id` of the message. */
  messageId: string;
  /**
   * The person the message went to or came from. Null only for a reply from someone at the
   * company, or someone answering in the thread of a note, who is not a tracked person of the
   * application.
   */
  personId: string | null;
  applicationId: string;
  /**
   * The interview the message belongs to: the latest interview of the person in the
   * application that started before the message (for a reply from the company: the latest
   * interview of the application). Null for a message linked by hand from before any of them.
   */
  interviewId: string | null;
  direction: MatchDirection;
  /** Sure matches count for the rules; unsure ones wait on the review list. */
  confidence: MatchConfidence;
  /** Why the app thinks so, in plain words for the user. */
  reason: string;
  source: MatchSource;
}

/** An unsure match waiting for the user, with what the review list shows of its message. */
export interface ReviewItem {
  match: MessageMatch;
  message: MessageSummary;
  personName: string | null;
  company: string;
  roleTitle: string;
}

/** The headers of a synced message the way the UI shows them. */
export interface MessageSummary {
  id: string;
  folderRole: MessageFolderRole;
  date: number;
  subject: string;
  from: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
}

/** A note the app sent, kept with its text. */
export interface SentNote {
  messageId: string;
  obligationId: string;
  applicationId: string;
  personId: string | null;
  accountId: string;
  to: string[];
  subject: string;
  body: string;
  sentAt: number;
}

/** One earlier note to the same person in the same application, as the draft editor lists it. */
export interface SentHistoryItem {
  /** The Message-ID, or the id of a contact marked by hand. */
  id: string;
  at: number;
  subject: string;
  to: string[];
  /** The text, when the app sent it; null for one found only in the Sent folder. */
  body: string | null;
  /** How it went out: found in Sent, sent by the app, or marked by hand. */
  source: 'mailbox' | 'app' | 'manual';
}

export const DRAFT_STATES = ['editing', 'sending', 'sent', 'failed'] as const;
/** editing → sending → sent; a failed send returns to editable with its reason kept. */
export type DraftState = (typeof DRAFT_STATES)[number];

/** The note being written for one obligation, saved as the user types. */
export interface Draft {
  obligationId: string;
  applicationId: string;
  personId: string | null;
  templateId: string | null;
  to: string[];
  subject: string;
  body: string;
  state: DraftState;
  /** Set before a send starts and kept, so a retry reuses it and the sync can confirm it. */
  messageId: string | null;
  sentAt: number | null;
  /** Why the last send failed, in words. */
  error: string | null;
  /** The copy in the account's Drafts folder, replaced on every save there. */
  draftsCopy: { accountId: string; uid: number; uidValidity: string } | null;
  updatedAt: number;
}

/** A note template as the app offers it: built-ins ship with the app, the user's are edited copies. */
export interface NoteTemplate {
  id: string;
  name: string;
  /** When to use it, in the user's words. */
  situation: string;
  subject: string;
  body: string;
  builtIn: boolean;
  /** A built-in template the user changed: it can be restored to the app's text. */
  edited?: boolean;
}

/**
 * The user's own template as the store keeps it: one they added, or their edit of a built-in
 * one (same id, it overrides the built-in). It has no `builtIn`/`edited`; those come from
 * laying these over the built-ins into the `NoteTemplate` list.
 */
export interface StoredTemplate extends Omit<NoteTemplate, 'builtIn' | 'edited'> {
  updatedAt: number;
}

/**
 * A note's subject and body as a template filled them: a result, not a template. Placeholders
 * without data stay in the text as `[[name]]` and are listed in `unfilled`.
 */
export interface FilledNote {
  subject: string;
  body: string;
  /** Placeholders that had no data, in order of first appearance, each once. */
  unfilled: string[];
}

/** One thing a draft check found: what to change, and where. */
export interface NoteFinding {
  /** Which check found it (see `CHECK_IDS` in domain/draft-checks). */
  id: string;
  severity: 'error' | 'warning' | 'info';
  /** What to change, in plain words. */
  message: string;
  /** Which part of the draft the finding is about. */
  field: 'subject' | 'body' | 'to';
  /** Character offsets into that field's text (end exclusive); null when about the whole field. */
  range: { start: number; end: number } | null;
}

/** Someone named in a calendar invitation. */
export interface CalendarPerson {
  name: string | null;
  /** Lower-cased, trimmed address. */
  email: string;
}

/** CUTYPE: what kind of attendee this is; rooms and resources are never interviewers. */
export type CalendarAttendeeKind = 'individual' | 'group' | 'room' | 'resource' | 'unknown';

export interface CalendarAttendee extends CalendarPerson {
  /** ROLE as sent, upper case: CHAIR, REQ-PARTICIPANT, OPT-PARTICIPANT, NON-PARTICIPANT. */
  role: string;
  /** PARTSTAT as sent, upper case: NEEDS-ACTION, ACCEPTED, DECLINED, TENTATIVE, DELEGATED. */
  partstat: string;
  kind: CalendarAttendeeKind;
}

/** One event read from a calendar invitation (.ics), as plain values. */
export interface CalendarInvite {
  uid: string;
  /** SEQUENCE: a higher one is a newer version of the same event. */
  sequence: number;
  /** METHOD of the file, upper case: REQUEST, CANCEL, PUBLISH, … (PUBLISH when absent). */
  method: string;
  status: 'confirmed' | 'tentative' | 'cancelled' | null;
  /** METHOD:CANCEL or STATUS:CANCELLED. */
  cancelled: boolean;
  summary: string;
  description: string;
  startsAt: number;
  endsAt: number;
  /** The IANA zone the event was planned in; null when the file gives only UTC or floating times. */
  timeZone: string | null;
  allDay: boolean;
  location: string | null;
  /** The video-call link (Zoom, Teams, Meet, …) found in the event, if any. */
  meetingLink: string | null;
  organizer: CalendarPerson | null;
  attendees: CalendarAttendee[];
  /** For a repeating event: its rule; `startsAt` is then the occurrence that was picked. */
  recurrence: { rule: string } | null;
  /** DTSTAMP, when the file has one. */
  stampedAt: number | null;
}

export const INVITATION_PROPOSAL_KINDS = ['new', 'reschedule', 'cancel', 'unchanged'] as const;
/** What accepting an invitation would do to the interviews the user tracks. */
export type InvitationProposalKind = (typeof INVITATION_PROPOSAL_KINDS)[number];

/** An application an invitation probably belongs to, with how sure the app is and why. */
export interface InvitationApplicationMatch {
  applicationId: string;
  company: string;
  roleTitle: string;
  score: number;
  confidence: 'sure' | 'likely' | 'weak';
  /** Why, in the user's words. */
  reasons: string[];
}

/** A person from an invitation and the part the app suggests for them. */
export interface InvitationPerson {
  name: string;
  email: string;
  /** The tracked person with this address, if there is one. */
  personId: string | null;
  suggested: 'interviewer' | 'arranger' | 'none';
  /** Why that suggestion, in words, or null. */
  note: string | null;
}

/** What the app would do with one invitation; nothing happens until the user accepts. */
export interface InvitationProposal {
  kind: InvitationProposalKind;
  invite: CalendarInvite;
  /** One sentence: "Interview with Acme on Tue 1 Dec, 14:00 (Europe/Berlin), 3 interviewers: …". */
  headline: string;
  /** The best match, or null when no application fits well enough. */
  application: InvitationApplicationMatch | null;
  /** Every application that fits at all, best first (the best one included). */
  candidates: InvitationApplicationMatch[];
  /** Fields for a new application, when the user wants one instead. */
  newApplication: { company: string; roleTitle: string; companyDomains: string[] };
  /** Everyone who could be an interviewer or the arranger, organiser first. */
  people: InvitationPerson[];
  /** Addresses left out, with why: the user's own, rooms, no-reply senders. */
  excluded: Array<{ email: string; name: string | null; reason: string }>;
  interviewKind: InterviewKind;
  /** The zone the interview will be kept in: the invitation's, or the user's. */
  timeZone: string;
  /** The interview this invitation updates or cancels. */
  existingInterviewId: string | null;
  /** For a reschedule or cancellation: what changes, in words. */
  changes: string[];
}

export const INVITATION_SOURCES = ['mail', 'file'] as const;
export type InvitationSource = (typeof INVITATION_SOURCES)[number];

export const INVITATION_STATUSES = ['pending', 'accepted', 'dismissed'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/** An invitation as kept until the user accepts or dismisses it. */
export interface StoredInvitation {
  id: string;
  uid: string;
  sequence: number;
  source: InvitationSource;
  /** The file name, or the id of the message it came in. */
  sourceRef: string | null;
  invite: CalendarInvite;
  status: InvitationStatus;
  createdAt: number;
  decidedAt: number | null;
  /** The interview it created, moved or cancelled once accepted. */
  interviewId: string | null;
}

/** Which calendar event an interview came from, so a later version updates it. */
export interface InterviewInviteLink {
  interviewId: string;
  uid: string;
  sequence: number;
}

/** A pending invitation with what accepting it would do, for the invitations view. */
export interface InvitationView {
  id: string;
  source: InvitationSource;
  sourceRef: string | null;
  receivedAt: number;
  proposal: InvitationProposal;
}

/** An inbox message whose calendar part could not be read, shown until the user dismisses it. */
export interface UnreadableInvitation {
  id: string;
  /** `KnownMessage.id` of the message. */
  messageId: string;
  /** Which message: its subject and sender, as far as the sync knows them. */
  label: string;
  /** Why, in one line ("line 9: the RRULE … asks for day 30 of a month too short to have it"). */
  reason: string;
  receivedAt: number;
}

/** What became of one event of an imported calendar file. */
export interface IcsImportOutcome {
  /** new: a proposal was added; updated: a waiting one got the newer copy; the rest changed nothing. */
  outcome: 'new' | 'updated' | 'duplicate' | 'older' | 'up-to-date' | 'ignored';
  headline: string;
  /** The proposal waiting for the user, when there is one. */
  invitation: InvitationView | null;
}
