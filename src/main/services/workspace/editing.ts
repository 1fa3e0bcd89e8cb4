/**
 * The user's edits of the workspace: applications, interviews, people, notes marked by hand,
 * snoozes, profile and settings, the sample, import and export. Each write puts the rows it
 * touched back into the kept rows (see `KeptRows.edit`) and then tells the shell.
 */
import type { ChannelParsedInput } from '../../../shared/contract';
import type {
  Application,
  Interview,
  ManualContact,
  Person,
  Profile,
  Settings,
  Workspace,
} from '../../../shared/model';
import type { WorkspaceRows } from '../../domain/application-rows';
import { applicationOrder } from '../../domain/row-order';
import type { Store } from '../../store/store';
import { ServiceError } from '../errors';
import { newId } from '../ids';
import { buildSampleWorkspace } from '../sample-workspace';
import { moveStatus } from '../status-moves';
import type { WorkspaceServiceDeps } from './deps';
import { placed, type KeptRows } from './rows';
import type { StatusModel } from './status-model';

export function createWorkspaceEditing(
  deps: WorkspaceServiceDeps,
  kept: KeptRows,
  model: Pick<StatusModel, 'requireApplication'>,
) {
  const { store } = deps;
  const { rows, edit, withPeople, withInterview, withManualContacts } = kept;
  const { requireApplication } = model;
  const changed = () => deps.onChange?.();

  return {
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
            applicationOrder,
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
            const application = requireApplication(input.interview.applicationId);
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
            moveStatus(store, application, input.interview.id === undefined, interview, deps.now());
            return interview;
          }),
        // The application too: its status may have moved with the interview.
        (current, interview) => ({
          ...withInterview(current, interview.id),
          applications: placed(
            current.applications,
            interview.applicationId,
            store.getApplication(interview.applicationId),
            applicationOrder,
          ),
        }),
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

    /** Quiets an item until `until` (no alerts, listed apart), or wakes it when `until` is null. */
    snooze(obligationId: string, until: number | null): { snoozedUntil: number | null } {
      if (until !== null && until <= deps.now())
        throw new ServiceError('invalid-input', 'Pick a moment in the future to snooze until.');
      deps.followUps.setSnooze(obligationId, until);
      changed();
      return { snoozedUntil: until };
    },

    /**
     * Skips a note the user will not write (it is listed as skipped, no longer owed), or takes
     * the skip back. Other notes to the same person stay as they are.
     */
    skip(obligationId: string, skipped: boolean): { skipped: boolean } {
      if (!deps.followUps.setSkip)
        throw new ServiceError('unavailable', 'Notes cannot be skipped here.');
      deps.followUps.setSkip(obligationId, skipped ? deps.now() : null);
      changed();
      return { skipped };
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
      const sample = buildSampleWorkspace(deps.now(), settings.timeZone ?? deps.systemTimeZone());
      // The user's own name and addresses (Welcome asks for them) sign every note and say
      // which mail is theirs: the sample brings its own person only when none is set yet.
      const profile = store.getProfile();
      const own = profile.fullName.trim() !== '' || profile.email.trim() !== '';
      const workspace = { ...sample, profile: own ? profile : sample.profile, settings };
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
