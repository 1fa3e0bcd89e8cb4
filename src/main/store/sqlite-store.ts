import type { Database, Statement } from 'better-sqlite3';
import {
  DEFAULT_SETTINGS,
  type Application,
  type ApplicationStatus,
  type Interview,
  type InterviewKind,
  type InterviewOutcome,
  type ManualChannel,
  type ManualContact,
  type Participant,
  type ParticipantRole,
  type Person,
  type Profile,
  type Settings,
  type SuggestionDismissal,
  type Workspace,
} from '../../shared/model';
import { SETTING_CHECKS } from '../../shared/plain-checks';
import {
  applicationOrder,
  compareText,
  interviewOrder,
  manualContactOrder,
  personOrder,
} from '../domain/row-order';
import type { Store } from './store';
import { StoreError } from './store-error';

/*
 * Row types mirror the tables of migration 001 column for column; `toRow`/`fromRow` are the
 * only places that know both shapes. Statements bind rows by name (`@column`).
 *
 * List order, so that listing and export are deterministic and an export imported into an
 * empty database exports identically:
 *   applications    by created_at, then id
 *   interviews      by starts_at, then id
 *   people          by name, then id
 *   participants    by interview id, then the order given to setParticipants
 *   manual contacts by at, then id
 *   a person's emails and an application's company domains keep the order they were saved in.
 */

export interface ApplicationRow {
  id: string;
  company: string;
  role_title: string;
  posting_url: string | null;
  status: string;
  applied_on: string | null;
  decided_on: string | null;
  /** JSON array of strings. */
  company_domains: string;
  notes: string;
  created_at: number;
  updated_at: number;
}

export interface InterviewRow {
  id: string;
  application_id: string;
  kind: string;
  starts_at: number;
  ends_at: number;
  time_zone: string;
  location: string | null;
  decision_by: string | null;
  contact_plan: string;
  contact_person_id: string | null;
  outcome: string;
  notes: string;
  cancelled: number;
}

export interface PersonRow {
  id: string;
  name: string;
  title: string;
  company: string;
  phone: string;
  first_name_ok: number;
  do_not_contact: number;
  not_applicable: number;
  notes: string;
}

export interface PersonEmailRow {
  person_id: string;
  email: string;
  position: number;
}

export interface ParticipantRow {
  interview_id: string;
  person_id: string;
  role: string;
  topics: string;
  notes: string;
  position: number;
}

export interface ManualContactRow {
  id: string;
  application_id: string;
  interview_id: string | null;
  person_id: string;
  channel: string;
  at: number;
  note: string;
}

export interface ProfileRow {
  full_name: string;
  phone: string;
  email: string;
  /** JSON array of addresses; absent in a file older than migration 012. */
  aliases?: string;
}

export interface SettingsRow {
  json: string;
}

const EMPTY_PROFILE: Profile = { fullName: '', phone: '', email: '', aliases: [] };

const bit = (value: boolean): number => (value ? 1 : 0);

export function applicationToRow(a: Application): ApplicationRow {
  return {
    id: a.id,
    company: a.company,
    role_title: a.roleTitle,
    posting_url: a.postingUrl,
    status: a.status,
    applied_on: a.appliedOn,
    decided_on: a.decidedOn,
    company_domains: JSON.stringify(a.companyDomains),
    notes: a.notes,
    created_at: a.createdAt,
    updated_at: a.updatedAt,
  };
}

export function applicationFromRow(row: ApplicationRow): Application {
  return {
    id: row.id,
    company: row.company,
    roleTitle: row.role_title,
    postingUrl: row.posting_url,
    // The CHECK constraint holds the column to the model's list.
    status: row.status as ApplicationStatus,
    appliedOn: row.applied_on,
    decidedOn: row.decided_on,
    companyDomains: JSON.parse(row.company_domains) as string[],
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function interviewToRow(i: Interview): InterviewRow {
  return {
    id: i.id,
    application_id: i.applicationId,
    kind: i.kind,
    starts_at: i.startsAt,
    ends_at: i.endsAt,
    time_zone: i.timeZone,
    location: i.location,
    decision_by: i.decisionBy,
    contact_plan: i.contactPlan,
    contact_person_id: i.contactPersonId,
    outcome: i.outcome,
    notes: i.notes,
    cancelled: bit(i.cancelled),
  };
}

export function interviewFromRow(row: InterviewRow): Interview {
  return {
    id: row.id,
    applicationId: row.application_id,
    kind: row.kind as InterviewKind,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    timeZone: row.time_zone,
    location: row.location,
    decisionBy: row.decision_by,
    contactPlan: row.contact_plan,
    contactPersonId: row.contact_person_id,
    outcome: row.outcome as InterviewOutcome,
    notes: row.notes,
    cancelled: row.cancelled === 1,
  };
}

export function personToRow(p: Person): PersonRow {
  return {
    id: p.id,
    name: p.name,
    title: p.title,
    company: p.company,
    phone: p.phone,
    first_name_ok: bit(p.firstNameOk),
    do_not_contact: bit(p.doNotContact),
    not_applicable: bit(p.notApplicable),
    notes: p.notes,
  };
}

export function personFromRow(row: PersonRow, emails: string[]): Person {
  return {
    id: row.id,
    name: row.name,
    title: row.title,
    company: row.company,
    emails,
    phone: row.phone,
    firstNameOk: row.first_name_ok === 1,
    doNotContact: row.do_not_contact === 1,
    notApplicable: row.not_applicable === 1,
    notes: row.notes,
  };
}

/** The form addresses are stored and matched in: trimmed and lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** A person's address rows: normalized, blanks dropped, repeats dropped (first one kept). */
export function personEmailRows(person: Person): PersonEmailRow[] {
  const seen = new Set<string>();
  const rows: PersonEmailRow[] = [];
  for (const raw of person.emails) {
    const email = normalizeEmail(raw);
    if (email === '' || seen.has(email)) continue;
    seen.add(email);
    rows.push({ person_id: person.id, email, position: rows.length });
  }
  return rows;
}

export function participantToRow(p: Participant, position: number): ParticipantRow {
  return {
    interview_id: p.interviewId,
    person_id: p.personId,
    role: p.role,
    topics: p.topics,
    notes: p.notes,
    position,
  };
}

export function participantFromRow(row: ParticipantRow): Participant {
  return {
    interviewId: row.interview_id,
    personId: row.person_id,
    role: row.role as ParticipantRole,
    topics: row.topics,
    notes: row.notes,
  };
}

export function manualContactToRow(c: ManualContact): ManualContactRow {
  return {
    id: c.id,
    application_id: c.applicationId,
    interview_id: c.interviewId,
    person_id: c.personId,
    channel: c.channel,
    at: c.at,
    note: c.note,
  };
}

export function manualContactFromRow(row: ManualContactRow): ManualContact {
  return {
    id: row.id,
    applicationId: row.application_id,
    interviewId: row.interview_id,
    personId: row.person_id,
    channel: row.channel as ManualChannel,
    at: row.at,
    note: row.note,
  };
}

export function profileToRow(p: Profile): ProfileRow {
  return { full_name: p.fullName, phone: p.phone, email: p.email };
}

export function profileFromRow(row: ProfileRow): Profile {
  return {
    fullName: row.full_name,
    phone: row.phone,
    email: row.email,
    aliases: JSON.parse(row.aliases ?? '[]') as string[],
  };
}

export function settingsToRow(s: Settings): SettingsRow {
  // Only known keys are stored, in the order of DEFAULT_SETTINGS.
  const known = Object.fromEntries(
    (Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]).map((key) => [key, s[key]]),
  );
  return { json: JSON.stringify(known) };
}

/**
 * Settings from the stored JSON, each field checked on its own: a missing or unreadable
 * field (a setting added after the row was written, a hand-edited file) takes its default.
 */
export function settingsFromRow(row: SettingsRow | undefined): Settings {
  const stored: unknown = row ? JSON.parse(row.json) : {};
  const source = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    unknown
  >;
  const settings = structuredClone(DEFAULT_SETTINGS) as unknown as Record<string, unknown>;
  for (const key of Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]) {
    if (SETTING_CHECKS[key](source[key])) settings[key] = source[key];
  }
  return settings as unknown as Settings;
}

/** Groups email rows (ordered by person, then position) into one list per person. */
function groupEmails(rows: PersonEmailRow[]): Map<string, string[]> {
  const byPerson = new Map<string, string[]>();
  for (const row of rows) {
    const list = byPerson.get(row.person_id);
    if (list) list.push(row.email);
    else byPerson.set(row.person_id, [row.email]);
  }
  return byPerson;
}

/**
 * Every statement the store runs, prepared once; fixed SQL text, values bound by name. Lists
 * of workspace rows are sorted in TypeScript with `domain/row-order`, the order the UI shows
 * and the workspace service keeps, not with ORDER BY.
 */
function prepareStatements(db: Database) {
  return {
    listApplications: db.prepare<[], ApplicationRow>(
      `SELECT id, company, role_title, posting_url, status, applied_on, decided_on,
         company_domains, notes, created_at, updated_at
       FROM applications`,
    ),
    getApplication: db.prepare<{ id: string }, ApplicationRow>(
      `SELECT id, company, role_title, posting_url, status, applied_on, decided_on,
         company_domains, notes, created_at, updated_at
       FROM applications WHERE id = @id`,
    ),
    // An upsert, not INSERT OR REPLACE: REPLACE deletes the old row first, which would
    // cascade to the application's interviews and contacts.
    saveApplication: db.prepare<ApplicationRow>(
      `INSERT INTO applications (
         id, company, role_title, posting_url, status, applied_on, decided_on,
         company_domains, notes, created_at, updated_at
       )
       VALUES (@id, @company, @role_title, @posting_url, @status, @applied_on, @decided_on,
               @company_domains, @notes, @created_at, @updated_at)
       ON CONFLICT (id) DO UPDATE SET
         company = excluded.company, role_title = excluded.role_title,
         posting_url = excluded.posting_url, status = excluded.status,
         applied_on = excluded.applied_on, decided_on = excluded.decided_on,
         company_domains = excluded.company_domains, notes = excluded.notes,
         created_at = excluded.created_at, updated_at = excluded.updated_at`,
    ),
    deleteApplication: db.prepare<{ id: string }>('DELETE FROM applications WHERE id = @id'),

    listInterviews: db.prepare<[], InterviewRow>(
      `SELECT id, application_id, kind, starts_at, ends_at, time_zone, location, decision_by,
         contact_plan, contact_person_id, outcome, notes, cancelled
       FROM interviews`,
    ),
    listInterviewsOfApplication: db.prepare<{ applicationId: string }, InterviewRow>(
      `SELECT id, application_id, kind, starts_at, ends_at, time_zone, location, decision_by,
         contact_plan, contact_person_id, outcome, notes, cancelled
       FROM interviews
       WHERE application_id = @applicationId`,
    ),
    getInterview: db.prepare<{ id: string }, InterviewRow>(
      `SELECT id, application_id, kind, starts_at, ends_at, time_zone, location, decision_by,
         contact_plan, contact_person_id, outcome, notes, cancelled
       FROM interviews WHERE id = @id`,
    ),
    saveInterview: db.prepare<InterviewRow>(
      `INSERT INTO interviews (
         id, application_id, kind, starts_at, ends_at, time_zone, location, decision_by,
         contact_plan, contact_person_id, outcome, notes, cancelled
       )
       VALUES (@id, @application_id, @kind, @starts_at, @ends_at, @time_zone, @location,
               @decision_by, @contact_plan, @contact_person_id, @outcome, @notes, @cancelled)
       ON CONFLICT (id) DO UPDATE SET
         application_id = excluded.application_id, kind = excluded.kind,
         starts_at = excluded.starts_at, ends_at = excluded.ends_at,
         time_zone = excluded.time_zone, location = excluded.location,
         decision_by = excluded.decision_by, contact_plan = excluded.contact_plan,
         contact_person_id = excluded.contact_person_id,
         outcome = excluded.outcome, notes = excluded.notes, cancelled = excluded.cancelled`,
    ),
    deleteInterview: db.prepare<{ id: string }>('DELETE FROM interviews WHERE id = @id'),

    listPeople: db.prepare<[], PersonRow>(
      `SELECT id, name, title, company, phone, first_name_ok, do_not_contact, not_applicable,
         notes
       FROM people`,
    ),
    getPerson: db.prepare<{ id: string }, PersonRow>(
      `SELECT id, name, title, company, phone, first_name_ok, do_not_contact, not_applicable,
         notes
       FROM people WHERE id = @id`,
    ),
    savePerson: db.prepare<PersonRow>(
      `INSERT INTO people (
         id, name, title, company, phone, first_name_ok, do_not_contact, not_applicable,
         notes
       )
       VALUES (@id, @name, @title, @company, @phone, @first_name_ok, @do_not_contact,
               @not_applicable, @notes)
       ON CONFLICT (id) DO UPDATE SET
         name = excluded.name, title = excluded.title, company = excluded.company,
         phone = excluded.phone, first_name_ok = excluded.first_name_ok,
         do_not_contact = excluded.do_not_contact, not_applicable = excluded.not_applicable,
         notes = excluded.notes`,
    ),
    deletePerson: db.prepare<{ id: string }>('DELETE FROM people WHERE id = @id'),
    listAllEmails: db.prepare<[], PersonEmailRow>(
      'SELECT person_id, email, position FROM person_emails ORDER BY person_id, position',
    ),
    listEmailsOfPerson: db.prepare<{ personId: string }, PersonEmailRow>(
      `SELECT person_id, email, position FROM person_emails
       WHERE person_id = @personId ORDER BY position`,
    ),
    deleteEmailsOfPerson: db.prepare<{ personId: string }>(
      'DELETE FROM person_emails WHERE person_id = @personId',
    ),
    insertEmail: db.prepare<PersonEmailRow>(
      `INSERT INTO person_emails (person_id, email, position)
       VALUES (@person_id, @email, @position)`,
    ),
    // When two people share an address, the one for whom it is the main address wins, then
    // the lower id, so the answer does not depend on insertion order.
    findPersonIdByEmail: db.prepare<{ email: string }, { person_id: string }>(
      `SELECT person_id FROM person_emails WHERE email = @email
       ORDER BY position, person_id LIMIT 1`,
    ),

    listParticipants: db.prepare<[], ParticipantRow>(
      `SELECT interview_id, person_id, role, topics, notes, position
       FROM participants`,
    ),
    listParticipantsOfInterview: db.prepare<{ interviewId: string }, ParticipantRow>(
      `SELECT interview_id, person_id, role, topics, notes, position FROM participants
       WHERE interview_id = @interviewId ORDER BY position`,
    ),
    deleteParticipantsOfInterview: db.prepare<{ interviewId: string }>(
      'DELETE FROM participants WHERE interview_id = @interviewId',
    ),
    insertParticipant: db.prepare<ParticipantRow>(
      `INSERT INTO participants (interview_id, person_id, role, topics, notes, position)
       VALUES (@interview_id, @person_id, @role, @topics, @notes, @position)`,
    ),

    listManualContacts: db.prepare<[], ManualContactRow>(
      `SELECT id, application_id, interview_id, person_id, channel, at, note
       FROM manual_contacts`,
    ),
    listManualContactsOfApplication: db.prepare<{ applicationId: string }, ManualContactRow>(
      `SELECT id, application_id, interview_id, person_id, channel, at, note
       FROM manual_contacts
       WHERE application_id = @applicationId`,
    ),
    saveManualContact: db.prepare<ManualContactRow>(
      `INSERT INTO manual_contacts (
         id, application_id, interview_id, person_id, channel, at, note
       )
       VALUES (@id, @application_id, @interview_id, @person_id, @channel, @at, @note)
       ON CONFLICT (id) DO UPDATE SET
         application_id = excluded.application_id, interview_id = excluded.interview_id,
         person_id = excluded.person_id, channel = excluded.channel, at = excluded.at,
         note = excluded.note`,
    ),
    deleteManualContact: db.prepare<{ id: string }>('DELETE FROM manual_contacts WHERE id = @id'),

    listSuggestionDismissals: db.prepare<
      [],
      { application_id: string; message_id: string; at: number }
    >(
      `SELECT application_id, message_id, at FROM suggestion_dismissals
       ORDER BY application_id, message_id`,
    ),
    dismissSuggestion: db.prepare<{ application_id: string; message_id: string; at: number }>(
      `INSERT INTO suggestion_dismissals (application_id, message_id, at)
       VALUES (@application_id, @message_id, @at)
       ON CONFLICT (application_id, message_id) DO NOTHING`,
    ),

    getProfile: db.prepare<[], ProfileRow>('SELECT * FROM profile WHERE id = 1'),
    saveProfile: db.prepare<ProfileRow>(
      `INSERT INTO profile (id, full_name, phone, email) VALUES (1, @full_name, @phone, @email)
       ON CONFLICT (id) DO UPDATE SET
         full_name = excluded.full_name, phone = excluded.phone, email = excluded.email`,
    ),
    getSettings: db.prepare<[], SettingsRow>('SELECT json FROM settings WHERE id = 1'),
    saveSettings: db.prepare<SettingsRow>(
      `INSERT INTO settings (id, json) VALUES (1, @json)
       ON CONFLICT (id) DO UPDATE SET json = excluded.json`,
    ),

    // Children first, so no cascade has work left to do.
    clear: [
      'DELETE FROM manual_contacts',
      'DELETE FROM participants',
      'DELETE FROM person_emails',
      'DELETE FROM interviews',
      'DELETE FROM people',
      'DELETE FROM applications',
      'DELETE FROM profile',
      'DELETE FROM settings',
    ].map((sql) => db.prepare<[]>(sql)),
  };
}

type Statements = ReturnType<typeof prepareStatements>;

/**
 * The connection as `prepareStatements` sees it: each statement is compiled on its first
 * use. A database opened with an older migration list (migration tests seed rows at N-1)
 * lacks the newer columns, and only the statements that name them may fail.
 */
function lazilyPreparing(db: Database): Database {
  const prepare = (sql: string) => {
    type Loose = Record<'run' | 'get' | 'all', (...args: unknown[]) => unknown>;
    let statement: Loose | null = null;
    const real = (): Loose => (statement ??= db.prepare(sql) as unknown as Loose);
    return {
      run: (...args: unknown[]) => real().run(...args),
      get: (...args: unknown[]) => real().get(...args),
      all: (...args: unknown[]) => real().all(...args),
    };
  };
  return { prepare } as unknown as Database;
}

/**
 * The Store on a better-sqlite3 connection that is already open and migrated (see
 * `openDatabase`). Every method is synchronous; writes that touch several rows run in
 * one transaction.
 */
export class SqliteStore implements Store {
  readonly #db: Database;
  readonly #sql: Statements;
  /** Migration 012's column, looked for once: a file at an older version (a migration's test) has none. */
  #setAliases: Statement<{ aliases: string }> | null | undefined;

  constructor(db: Database) {
    this.#db = db;
    this.#sql = prepareStatements(lazilyPreparing(db));
  }

  #aliasesStatement(): Statement<{ aliases: string }> | null {
    if (this.#setAliases === undefined) {
      const columns = this.#db.pragma('table_info(profile)') as Array<{ name: string }>;
      this.#setAliases = columns.some((c) => c.name === 'aliases')
        ? this.#db.prepare<{ aliases: string }>(
            'UPDATE profile SET aliases = @aliases WHERE id = 1',
          )
        : null;
    }
    return this.#setAliases;
  }

  listApplications(): Application[] {
    return this.#sql.listApplications.all().map(applicationFromRow).sort(applicationOrder);
  }

  getApplication(id: string): Application | null {
    const row = this.#sql.getApplication.get({ id });
    return row ? applicationFromRow(row) : null;
  }

  saveApplication(application: Application): void {
    this.#sql.saveApplication.run(applicationToRow(application));
  }

  deleteApplication(id: string): boolean {
    return this.#sql.deleteApplication.run({ id }).changes > 0;
  }

  listInterviews(applicationId?: string): Interview[] {
    const rows =
      applicationId === undefined
        ? this.#sql.listInterviews.all()
        : this.#sql.listInterviewsOfApplication.all({ applicationId });
    return rows.map(interviewFromRow).sort(interviewOrder);
  }

  getInterview(id: string): Interview | null {
    const row = this.#sql.getInterview.get({ id });
    return row ? interviewFromRow(row) : null;
  }

  saveInterview(interview: Interview): void {
    this.#sql.saveInterview.run(interviewToRow(interview));
  }

  deleteInterview(id: string): boolean {
    return this.#sql.deleteInterview.run({ id }).changes > 0;
  }

  /** Two queries whatever the count: people, then every address grouped in memory. */
  listPeople(): Person[] {
    return this.transaction(() => {
      const emails = groupEmails(this.#sql.listAllEmails.all());
      return this.#sql.listPeople
        .all()
        .map((row) => personFromRow(row, emails.get(row.id) ?? []))
        .sort(personOrder);
    });
  }

  getPerson(id: string): Person | null {
    return this.transaction(() => {
      const row = this.#sql.getPerson.get({ id });
      if (!row) return null;
      const emails = this.#sql.listEmailsOfPerson.all({ personId: id }).map((e) => e.email);
      return personFromRow(row, emails);
    });
  }

  /** Addresses are stored trimmed and lower-cased, without blanks or repeats. */
  savePerson(person: Person): void {
    this.transaction(() => {
      this.#sql.savePerson.run(personToRow(person));
      this.#insertEmails(person, true);
    });
  }

  deletePerson(id: string): boolean {
    return this.#sql.deletePerson.run({ id }).changes > 0;
  }

  findPersonByEmail(email: string): Person | null {
    const match = this.#sql.findPersonIdByEmail.get({ email: normalizeEmail(email) });
    return match ? this.getPerson(match.person_id) : null;
  }

  listParticipants(interviewId?: string): Participant[] {
    const rows =
      interviewId === undefined
        ? this.#sql.listParticipants.all()
        : this.#sql.listParticipantsOfInterview.all({ interviewId });
    return rows
      .sort((a, b) => compareText(a.interview_id, b.interview_id) || a.position - b.position)
      .map(participantFromRow);
  }

  setParticipants(interviewId: string, participants: Participant[]): void {
    const stray = participants.find((p) => p.interviewId !== interviewId);
    if (stray) {
      throw new StoreError(
        'invalid-input',
        `A participant of interview ${stray.interviewId} was given for interview ${interviewId}.`,
      );
    }
    this.transaction(() => {
      this.#sql.deleteParticipantsOfInterview.run({ interviewId });
      participants.forEach((p, position) =>
        this.#sql.insertParticipant.run(participantToRow(p, position)),
      );
    });
  }

  listManualContacts(applicationId?: string): ManualContact[] {
    const rows =
      applicationId === undefined
        ? this.#sql.listManualContacts.all()
        : this.#sql.listManualContactsOfApplication.all({ applicationId });
    return rows.map(manualContactFromRow).sort(manualContactOrder);
  }

  saveManualContact(contact: ManualContact): void {
    this.#sql.saveManualContact.run(manualContactToRow(contact));
  }

  deleteManualContact(id: string): boolean {
    return this.#sql.deleteManualContact.run({ id }).changes > 0;
  }

  listSuggestionDismissals(): SuggestionDismissal[] {
    return this.#sql.listSuggestionDismissals.all().map((row) => ({
      applicationId: row.application_id,
      messageId: row.message_id,
      at: row.at,
    }));
  }

  dismissSuggestion(dismissal: SuggestionDismissal): void {
    this.#sql.dismissSuggestion.run({
      application_id: dismissal.applicationId,
      message_id: dismissal.messageId,
      at: dismissal.at,
    });
  }

  /** Empty strings until the user saves a profile. */
  getProfile(): Profile {
    const row = this.#sql.getProfile.get();
    return row ? profileFromRow(row) : { ...EMPTY_PROFILE };
  }

  saveProfile(profile: Profile): void {
    this.#db.transaction(() => {
      this.#sql.saveProfile.run(profileToRow(profile));
      if (profile.aliases !== undefined) {
        this.#aliasesStatement()?.run({ aliases: JSON.stringify(profile.aliases) });
      }
    })();
  }

  /** DEFAULT_SETTINGS until saved; a field missing from the stored row takes its default. */
  getSettings(): Settings {
    return settingsFromRow(this.#sql.getSettings.get());
  }

  saveSettings(settings: Settings): void {
    this.#sql.saveSettings.run(settingsToRow(settings));
  }

  /** One consistent read of everything, in the list orders documented at the top. */
  exportWorkspace(): Workspace {
    return this.transaction(() => ({
      applications: this.listApplications(),
      interviews: this.listInterviews(),
      people: this.listPeople(),
      participants: this.listParticipants(),
      manualContacts: this.listManualContacts(),
      profile: this.getProfile(),
      settings: this.getSettings(),
    }));
  }

  /**
   * Deletes everything and inserts `workspace`, in one transaction: if any row is refused
   * (a broken reference, a value outside a CHECK list, a duplicate id) nothing changes and
   * the error is thrown. Participants keep their order within each interview.
   */
  replaceWorkspace(workspace: Workspace): void {
    this.transaction(() => {
      for (const statement of this.#sql.clear) statement.run();
      for (const application of workspace.applications) {
        this.#sql.saveApplication.run(applicationToRow(application));
      }
      for (const interview of workspace.interviews) {
        this.#sql.saveInterview.run(interviewToRow(interview));
      }
      for (const person of workspace.people) {
        this.#sql.savePerson.run(personToRow(person));
        this.#insertEmails(person, false);
      }
      const positions = new Map<string, number>();
      for (const participant of workspace.participants) {
        const position = positions.get(participant.interviewId) ?? 0;
        positions.set(participant.interviewId, position + 1);
        this.#sql.insertParticipant.run(participantToRow(participant, position));
      }
      for (const contact of workspace.manualContacts) {
        this.#sql.saveManualContact.run(manualContactToRow(contact));
      }
      this.saveProfile(workspace.profile);
      this.#sql.saveSettings.run(settingsToRow(workspace.settings));
    });
  }

  transaction<T>(fn: () => T): T {
    // better-sqlite3 turns a nested call into a savepoint inside the outer transaction.
    return this.#db.transaction(fn)();
  }

  close(): void {
    if (!this.#db.open) return;
    // Lets SQLite refresh its query planner statistics for the tables this session used.
    this.#db.pragma('optimize');
    this.#db.close();
  }

  #insertEmails(person: Person, replace: boolean): void {
    if (replace) this.#sql.deleteEmailsOfPerson.run({ personId: person.id });
    for (const row of personEmailRows(person)) this.#sql.insertEmail.run(row);
  }
}
