import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src/main/store/migrations';
import { checkInContact } from '../../../../src/main/store/migrations/011-check-in-contact';
import { workspaceSchema } from '../../../../src/shared/schemas';
import { application, interview, participant, person } from '../helpers';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
beforeEach(() => (file = migrationFile()));
afterEach(() => file.dispose());

const VERSION = MIGRATIONS.indexOf(checkInContact) + 1;

const open = (version: number) => file.open(version);

describe('migration 011 (check-in contact, suggestion dismissals)', () => {
  it('keeps every interview seeded the version before, with no contact said', async () => {
    const old = await open(VERSION - 1);
    old.store.saveApplication(application({ id: 'app-1' }));
    old.store.savePerson(person({ id: 'person-1' }));
    // The interview as the version before wrote it: no contact column yet.
    old.db
      .prepare(
        `INSERT INTO interviews (id, application_id, kind, starts_at, ends_at, time_zone,
           location, decision_by, contact_plan, outcome, notes, cancelled)
         VALUES ('int-1', 'app-1', 'panel', 1741000000000, 1741003600000, 'Europe/Berlin',
           NULL, '2025-03-14', 'Rosa will call', 'good', 'kept', 0)`,
      )
      .run();
    old.store.setParticipants('int-1', [participant()]);
    old.db.close();

    const { db, store, migratedFrom } = await open(VERSION);
    expect(migratedFrom).toBe(VERSION - 1);
    expect(db.pragma('user_version', { simple: true })).toBe(VERSION);
    expect(store.getInterview('int-1')).toMatchObject({
      contactPlan: 'Rosa will call',
      contactPersonId: null,
      notes: 'kept',
    });
    expect(store.listParticipants('int-1')).toHaveLength(1);
    expect(store.listSuggestionDismissals()).toEqual([]);
  });

  it('keeps the contact, clears it when the person is deleted, and imports interviews before people', async () => {
    const { store } = await open(VERSION);
    store.saveApplication(application({ id: 'app-1' }));
    store.savePerson(person({ id: 'person-1' }));
    store.saveInterview(interview({ contactPersonId: 'person-1' }));
    expect(store.getInterview('int-1')?.contactPersonId).toBe('person-1');

    const workspace = store.exportWorkspace();
    store.replaceWorkspace(workspace);
    expect(store.getInterview('int-1')?.contactPersonId).toBe('person-1');

    store.deletePerson('person-1');
    expect(store.getInterview('int-1')?.contactPersonId).toBeNull();
    expect(() => store.saveInterview(interview({ contactPersonId: 'nobody' }))).toThrow(/FOREIGN/);
  });

  it('keeps a dismissal once, and drops it with its application', async () => {
    const { store } = await open(VERSION);
    store.saveApplication(application({ id: 'app-1' }));
    store.dismissSuggestion({ applicationId: 'app-1', messageId: 'm1', at: 5 });
    store.dismissSuggestion({ applicationId: 'app-1', messageId: 'm1', at: 9 });
    expect(store.listSuggestionDismissals()).toEqual([
      { applicationId: 'app-1', messageId: 'm1', at: 5 },
    ]);
    store.deleteApplication('app-1');
    expect(store.listSuggestionDismissals()).toEqual([]);
  });
});

describe('exports from before the contact existed', () => {
  it('import with no contact said', async () => {
    const { store } = await open(VERSION);
    store.saveApplication(application({ id: 'app-1' }));
    store.savePerson(person({ id: 'person-1' }));
    store.saveInterview(interview({ contactPersonId: 'person-1' }));
    const exported = JSON.parse(JSON.stringify(store.exportWorkspace())) as {
      interviews: Record<string, unknown>[];
    };
    for (const i of exported.interviews) delete i['contactPersonId'];
    const parsed = workspaceSchema.parse(exported);
    expect(parsed.interviews[0]?.contactPersonId).toBeNull();
    store.replaceWorkspace(parsed);
    expect(store.getInterview('int-1')?.contactPersonId).toBeNull();
  });
});
