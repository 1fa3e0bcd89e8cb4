import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEEP_BACKUPS, listBackups, openDatabase } from '../../../src/main/store/database';
import { migrate, type Migration } from '../../../src/main/store/migrate';
import { MIGRATIONS, LATEST_SCHEMA_VERSION } from '../../../src/main/store/migrations';

/** The first schema alone: the fake step-2 migrations below build on it. */
const V1 = MIGRATIONS.slice(0, 1);
import { StoreError } from '../../../src/main/store/store-error';
import { application, makeTempDir } from './helpers';

let temp: ReturnType<typeof makeTempDir>;
let file: string;
const opened: Database[] = [];

beforeEach(() => {
  temp = makeTempDir();
  file = path.join(temp.dir, 'followthrough.sqlite');
});

afterEach(() => {
  for (const db of opened.splice(0)) if (db.open) db.close();
  temp.remove();
});

/** A raw connection that the test closes itself (or afterEach does). */
function raw(target = file): Database {
  const db = new BetterSqlite3(target);
  opened.push(db);
  return db;
}

async function open(options: Parameters<typeof openDatabase>[1] = {}) {
  const result = await openDatabase(file, options);
  opened.push(result.db);
  return result;
}

async function expectStoreError(promise: Promise<unknown>, code: string): Promise<StoreError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreError);
  expect((error as StoreError).code).toBe(code);
  return error as StoreError;
}

/** A test-only step 2: adds a column and fills it from existing rows. */
const addPriority: Migration = {
  version: 2,
  name: 'application-priority',
  up(db) {
    db.exec("ALTER TABLE applications ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal'");
    db.prepare("UPDATE applications SET priority = 'high' WHERE status = @status").run({
      status: 'offer',
    });
  },
};

/** Writes a database at schema 1 holding two applications, then closes it. */
async function seedAtVersion1(): Promise<void> {
  const { store } = await open({ migrations: V1 });
  store.saveApplication(application({ id: 'a', status: 'offer' }));
  store.saveApplication(application({ id: 'b', status: 'applied' }));
  store.close();
}

describe('migration 001 (initial)', () => {
  it('creates the schema on an empty file and sets the pragmas', async () => {
    const { db, migratedFrom, backupPath } = await open();

    expect(migratedFrom).toBe(0);
    expect(backupPath).toBeNull();
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);

    const tables = db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name",
      )
      .all()
      .map((row) => row.name);
    expect(tables).toEqual([
      'applications',
      'delivery_reports',
      'drafts',
      'interview_invites',
      'interviews',
      'invitation_checks',
      'invitations',
      'mail_account_secrets',
      'mail_accounts',
      'mail_folders',
      'manual_contacts',
      'message_changes',
      'message_links',
      'messages',
      'note_templates',
      'participants',
      'people',
      'person_emails',
      'profile',
      'reply_readings',
      'sent_notes',
      'settings',
      'skipped_notes',
      'snoozes',
      'sqlite_sequence',
      'suggestion_dismissals',
      'unreadable_invitations',
    ]);
    expect(db.pragma('foreign_key_list(participants)')).toHaveLength(2);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('has an index for every lookup by key and for each cascade', async () => {
    const { db } = await open();
    const lookups: [string, Record<string, string>][] = [
      ['SELECT person_id FROM person_emails WHERE email = @k ORDER BY position', { k: 'a' }],
      ['SELECT id FROM interviews WHERE application_id = @k ORDER BY starts_at', { k: 'a' }],
      ['SELECT role FROM participants WHERE interview_id = @k ORDER BY position', { k: 'a' }],
      ['SELECT role FROM participants WHERE person_id = @k', { k: 'a' }],
      ['SELECT id FROM manual_contacts WHERE application_id = @k ORDER BY at', { k: 'a' }],
      ['SELECT id FROM manual_contacts WHERE interview_id = @k', { k: 'a' }],
      ['SELECT id FROM manual_contacts WHERE person_id = @k', { k: 'a' }],
      ['SELECT email FROM person_emails WHERE person_id = @k ORDER BY position', { k: 'a' }],
    ];
    for (const [sql, params] of lookups) {
      const plan = db
        .prepare<Record<string, string>, { detail: string }>(`EXPLAIN QUERY PLAN ${sql}`)
        .all(params)
        .map((row) => row.detail)
        .join(' | ');
      expect(plan, sql).toMatch(/USING (COVERING )?INDEX/);
      expect(plan, sql).not.toMatch(/TEMP B-TREE/);
    }
  });

  it('is not run again on the next open', async () => {
    (await open()).store.close();
    const second = await open();
    expect(second.migratedFrom).toBeNull();
    expect(second.backupPath).toBeNull();
    expect(listBackups(file)).toEqual([]);
  });

  it('is at the position of its version in the list', () => {
    MIGRATIONS.forEach((migration, index) => expect(migration.version).toBe(index + 1));
  });
});

describe('migration runner', () => {
  it('seeds rows at version 1 and finds them migrated at version 2', async () => {
    await seedAtVersion1();

    const { db, store, migratedFrom, backupPath } = await open({
      migrations: [...V1, addPriority],
      now: () => Date.UTC(2025, 2, 5, 14, 7, 9),
    });

    expect(migratedFrom).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(
      db
        .prepare<[], { id: string; priority: string }>(
          'SELECT id, priority FROM applications ORDER BY id',
        )
        .all(),
    ).toEqual([
      { id: 'a', priority: 'high' },
      { id: 'b', priority: 'normal' },
    ]);
    expect(store.listApplications().map((a) => a.id)).toEqual(['a', 'b']);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);

    expect(backupPath).toBe(path.join(temp.dir, 'followthrough.backup-v1-20250305T140709.sqlite'));
    const backup = raw(backupPath ?? '');
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT count(*) AS n FROM applications').get()).toEqual({ n: 2 });
  });

  it('rolls a failing step back, leaving data and version as they were', async () => {
    await seedAtVersion1();
    const broken: Migration = {
      version: 2,
      name: 'broken',
      up(db) {
        db.exec('DELETE FROM applications');
        db.exec('SELECT * FROM no_such_table');
      },
    };

    const error = await expectStoreError(
      openDatabase(file, { migrations: [...V1, broken] }),
      'migration-failed',
    );
    expect(error.message).toContain('step 2');

    const db = raw();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare('SELECT count(*) AS n FROM applications').get()).toEqual({ n: 2 });
  });

  it('refuses a step that leaves a broken foreign key', async () => {
    await seedAtVersion1();
    const orphan: Migration = {
      version: 2,
      name: 'orphan',
      up(db) {
        db.prepare(
          `INSERT INTO interviews (id, application_id, kind, starts_at, ends_at, time_zone)
           VALUES (@id, @applicationId, 'phone', 0, 0, 'UTC')`,
        ).run({ id: 'i', applicationId: 'missing' });
      },
    };
    await expectStoreError(openDatabase(file, { migrations: [...V1, orphan] }), 'migration-failed');
    expect(raw().prepare('SELECT count(*) AS n FROM interviews').get()).toEqual({ n: 0 });
  });

  it('rejects a list with gaps', () => {
    const db = raw();
    expect(() => migrate(db, [{ ...addPriority, version: 2 }])).toThrow(/out of order/);
  });
});

describe('a file from a newer Followthrough', () => {
  it('is refused with a plain message and left byte-identical', async () => {
    const db = raw();
    db.exec('CREATE TABLE future (x INTEGER)');
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(file);

    const error = await expectStoreError(openDatabase(file), 'newer-version');
    expect(error.message).toMatch(/newer version of Followthrough/);
    expect(error.message).toMatch(/update Followthrough/i);
    expect(error.message).toMatch(/has not been changed/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(temp.dir)).toEqual(['followthrough.sqlite']);
  });

  it('is refused by migrate itself too', () => {
    const db = raw();
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 3}`);
    expect(() => migrate(db, MIGRATIONS)).toThrow(StoreError);
  });
});

describe('backups before migrating', () => {
  it('keeps the newest five, one per upgrade', async () => {
    await seedAtVersion1();
    const start = Date.UTC(2025, 0, 1, 9, 0, 0);
    const taken: string[] = [];

    for (let run = 0; run < 7; run += 1) {
      // Each run reopens a file at version 1 with a pending step 2.
      const { db, backupPath } = await open({
        migrations: [...V1, addPriority],
        now: () => start + run * 60_000,
      });
      taken.push(backupPath ?? '');
      db.exec('ALTER TABLE applications DROP COLUMN priority');
      db.pragma('user_version = 1');
      db.close();
    }

    const kept = listBackups(file);
    expect(kept).toHaveLength(DEFAULT_KEEP_BACKUPS);
    expect(kept.map((b) => b.path)).toEqual(taken.slice(2).reverse());
    expect(kept[0]).toEqual({
      path: taken[6],
      fromVersion: 1,
      takenAt: start + 6 * 60_000,
    });
    for (const gone of taken.slice(0, 2)) expect(fs.existsSync(gone)).toBe(false);
  });

  it('gives a second backup in the same second its own name', async () => {
    await seedAtVersion1();
    const at = () => Date.UTC(2025, 5, 1, 12, 0, 0);
    const paths: string[] = [];
    for (let run = 0; run < 2; run += 1) {
      const { db, backupPath } = await open({ migrations: [...V1, addPriority], now: at });
      paths.push(backupPath ?? '');
      db.exec('ALTER TABLE applications DROP COLUMN priority');
      db.pragma('user_version = 1');
      db.close();
    }
    expect(paths.map((p) => path.basename(p))).toEqual([
      'followthrough.backup-v1-20250601T120000.sqlite',
      'followthrough.backup-v1-20250601T120000-2.sqlite',
    ]);
    expect(listBackups(file).map((b) => b.path)).toEqual([...paths].reverse());
  });

  it('lists nothing for a file without backups or a missing folder', () => {
    expect(listBackups(file)).toEqual([]);
    expect(listBackups(path.join(temp.dir, 'nope', 'x.sqlite'))).toEqual([]);
  });
});

describe('a damaged file', () => {
  it('of garbage bytes is refused as corrupt and left untouched', async () => {
    const garbage = Buffer.alloc(8192);
    for (let i = 0; i < garbage.length; i += 1) garbage[i] = (i * 7919 + 13) % 256;
    fs.writeFileSync(file, garbage);

    const error = await expectStoreError(openDatabase(file), 'corrupt');
    expect(error.message).toMatch(/damaged or is not a Followthrough database/);
    expect(error.message).toMatch(/has not been changed/);
    expect(fs.readFileSync(file).equals(garbage)).toBe(true);
    expect(fs.readdirSync(temp.dir)).toEqual(['followthrough.sqlite']);
  });

  it('with a valid header but broken pages fails quick_check and is left untouched', async () => {
    const { store } = await open();
    for (let i = 0; i < 300; i += 1) {
      store.saveApplication(application({ id: `app-${i}`, notes: 'x'.repeat(200) }));
    }
    store.close();
    const bytes = fs.readFileSync(file);
    // Overwrite the b-tree page headers of pages 2..6 (page size 4096).
    for (let page = 1; page < 6; page += 1) bytes.fill(0xff, page * 4096, page * 4096 + 64);
    fs.writeFileSync(file, bytes);

    await expectStoreError(openDatabase(file), 'corrupt');
    expect(fs.readFileSync(file).equals(bytes)).toBe(true);
  });

  it('that another program made (tables, but no version) is refused and left untouched', async () => {
    const db = raw();
    db.exec('CREATE TABLE contacts (id INTEGER PRIMARY KEY, name TEXT)');
    db.close();
    const before = fs.readFileSync(file);
    await expectStoreError(openDatabase(file), 'corrupt');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('names the latest backup when there is one', async () => {
    const backup = path.join(temp.dir, 'followthrough.backup-v1-20250101T000000.sqlite');
    fs.writeFileSync(backup, '');
    fs.writeFileSync(file, Buffer.from('this is not a database, just some text'.repeat(200)));
    const error = await expectStoreError(openDatabase(file), 'corrupt');
    expect(error.message).toContain(backup);
  });
});

describe('opening', () => {
  it('reports a missing folder as cannot-open', async () => {
    await expectStoreError(
      openDatabase(path.join(temp.dir, 'missing', 'db.sqlite')),
      'cannot-open',
    );
  });

  it('passes nativeBinding through to better-sqlite3', async () => {
    const binding = path.join(temp.dir, 'not-a-binding.node');
    fs.writeFileSync(binding, 'not a native module');
    await expectStoreError(openDatabase(file, { nativeBinding: binding }), 'cannot-open');
    expect(fs.existsSync(file)).toBe(false);
  });
});

describe('migration 005 (calendar invitations)', () => {
  it('seeds a workspace at version 4 and finds it at version 5 with empty invitation tables', async () => {
    const atFour = MIGRATIONS.slice(0, 4);
    const atFive = MIGRATIONS.slice(0, 5);
    const old = await open({ migrations: atFour });
    old.store.saveApplication(application({ id: 'a' }));
    // The interview as version 4 wrote it (the store of today names newer columns).
    old.db
      .prepare(
        `INSERT INTO interviews (id, application_id, kind, starts_at, ends_at, time_zone,
           location, decision_by, contact_plan, outcome, notes, cancelled)
         VALUES ('i', 'a', 'panel', 1796130000000, 1796135400000, 'Europe/Berlin',
           NULL, NULL, '', 'unknown', 'kept', 0)`,
      )
      .run();
    old.store.close();

    const { db, store, invitationStore, migratedFrom, backupPath } = await open({
      migrations: atFive,
    });
    expect(migratedFrom).toBe(4);
    expect(backupPath).not.toBeNull();
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    expect(db.prepare("SELECT notes FROM interviews WHERE id = 'i'").pluck().get()).toBe('kept');
    expect(store.getApplication('a')).not.toBeNull();
    expect(invitationStore.listInvitations()).toEqual([]);
    expect(invitationStore.listLinks()).toEqual([]);

    // An interview links to one event; deleting the interview drops the link.
    invitationStore.saveLink({ interviewId: 'i', uid: 'panel@google.com', sequence: 1 });
    expect(invitationStore.getLinkByUid('panel@google.com')).toEqual({
      interviewId: 'i',
      uid: 'panel@google.com',
      sequence: 1,
    });
    store.deleteInterview('i');
    expect(invitationStore.listLinks()).toEqual([]);
  });
});
