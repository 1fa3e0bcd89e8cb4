/**
 * The whole database contract in one interface: services depend on this, the SQLite
 * implementation is typed against it, so a missing method is a compile error.
 * Every method is synchronous (better-sqlite3) and takes or returns model types.
 */
import type {
  Application,
  Interview,
  ManualContact,
  Participant,
  Person,
  Profile,
  SuggestionDismissal,
  Settings,
  Workspace,
} from '../../shared/model';

export interface Store {
  listApplications(): Application[];
  getApplication(id: string): Application | null;
  /** Inserts or replaces by id. */
  saveApplication(application: Application): void;
  /** Deletes the application with its interviews, participants and manual contacts. */
  deleteApplication(id: string): boolean;

  listInterviews(applicationId?: string): Interview[];
  getInterview(id: string): Interview | null;
  saveInterview(interview: Interview): void;
  deleteInterview(id: string): boolean;

  listPeople(): Person[];
  getPerson(id: string): Person | null;
  savePerson(person: Person): void;
  /** Deletes the person with their addresses, participations and manual contacts. */
  deletePerson(id: string): boolean;
  /** Finds a person by any of their addresses (case-insensitive). */
  findPersonByEmail(email: string): Person | null;

  listParticipants(interviewId?: string): Participant[];
  /** Replaces the participants of one interview with exactly these. */
  setParticipants(interviewId: string, participants: Participant[]): void;

  listManualContacts(applicationId?: string): ManualContact[];
  saveManualContact(contact: ManualContact): void;
  deleteManualContact(id: string): boolean;

  /** The user's "no" to suggestions made from replies, by application then message. */
  listSuggestionDismissals(): SuggestionDismissal[];
  /** Keeps a dismissal; dismissing the same suggestion again changes nothing. */
  dismissSuggestion(dismissal: SuggestionDismissal): void;

  getProfile(): Profile;
  saveProfile(profile: Profile): void;
  getSettings(): Settings;
  saveSettings(settings: Settings): void;

  /** The whole workspace, for export. */
  exportWorkspace(): Workspace;
  /** Replaces the whole workspace in one transaction: all or nothing. */
  replaceWorkspace(workspace: Workspace): void;

  /** Runs `fn` in one transaction (nested calls join the outer one). */
  transaction<T>(fn: () => T): T;
  close(): void;
}
