/** What the workspace's parts are built from: the store, what mail sync knows, the clock. */
import type { KnownMessage, MessageLink, ReplyReading, SentNote } from '../../../shared/model';
import type { Store } from '../../store/store';

export interface WorkspaceServiceDeps {
  store: Store;
  /** What mail sync knows: message headers, the user's link corrections, the user's own addresses. */
  mail: {
    /** The same array while no message changed (see MailStore.knownMessages); never modified. */
    messages: () => readonly KnownMessage[];
    /**
     * Every received message, the sent and linked ones they refer to, and the senders of all
     * sent ones (see domain/reply-context.ts): enough to tell the sure replies without reading
     * every message. Without it, every message is read.
     */
    replyContext?: () => { messages: readonly KnownMessage[]; sentSenders: readonly string[] };
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
    /** Notes the user chose to skip, by obligation id, with when; none when absent. */
    skips?: () => Map<string, number>;
    setSkip?: (obligationId: string, at: number | null) => void;
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
