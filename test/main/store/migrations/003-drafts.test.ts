import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { application, person } from '../helpers';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
beforeEach(() => (file = migrationFile()));
afterEach(() => file.dispose());

// The draft store's statements span later migrations too: at version 3 the rows are read
// and written with plain SQL, as the schema stood then.
const INSERT_DRAFT = `INSERT INTO drafts (obligation_id, application_id, person_id, to_addrs, subject,
  body, state, updated_at) VALUES (@id, 'a', @person, '["ada@acme.example"]', 'Thank you',
  'Dear Ada', @state, 0)`;

describe('migration 003 (drafts and note templates)', () => {
  it('keeps the workspace seeded at version 2 and adds empty draft and template tables', async () => {
    const old = await file.open(2);
    old.store.saveApplication(application({ id: 'a', notes: 'kept' }));
    old.store.savePerson(person({ id: 'p' }));
    old.db.close();

    const { db, store, migratedFrom } = await file.open(3);
    expect(migratedFrom).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(3);
    expect(store.getApplication('a')?.notes).toBe('kept');
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM note_templates').pluck().get()).toBe(0);
  });

  it('keeps a draft past its person, and drops it with its application', async () => {
    const { db, store } = await file.open(3);
    store.saveApplication(application({ id: 'a' }));
    store.savePerson(person({ id: 'p' }));
    db.prepare(INSERT_DRAFT).run({ id: 'thank-you:a:i:p', person: 'p', state: 'editing' });

    // The text the user wrote outlives the person it was for.
    store.deletePerson('p');
    const kept = db.prepare('SELECT person_id, body FROM drafts').all();
    expect(kept).toEqual([{ person_id: null, body: 'Dear Ada' }]);

    store.deleteApplication('a');
    expect(db.prepare('SELECT count(*) FROM drafts').pluck().get()).toBe(0);
  });

  it('refuses a draft in a state the app does not know', async () => {
    const { db, store } = await file.open(3);
    store.saveApplication(application({ id: 'a' }));
    expect(() => db.prepare(INSERT_DRAFT).run({ id: 'o', person: null, state: 'queued' })).toThrow(
      /CHECK/,
    );
  });
});
