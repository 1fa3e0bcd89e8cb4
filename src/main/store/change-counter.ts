/**
 * A version of what is in the database, for caches of what is computed from it: it changes
 * whenever a row of a watched table is inserted, updated or deleted, however that happened (a
 * store method, a cascade, a migration of another process), and only then.
 *
 * Writes on this connection are counted by temporary triggers (they live on this connection
 * only, never in the file) that call a JavaScript function; the count only grows, even when a
 * transaction is rolled back, so a cache is at worst rebuilt once too often, never trusted
 * wrongly. Commits by other connections (the command line beside the app) move SQLite's
 * `PRAGMA data_version`, which is part of the version as well.
 */
import type { Database } from 'better-sqlite3';

/**
 * Tables not watched by default: they change often and no cached status is computed from them
 * (drafts are saved on every keystroke, folder state and accounts' sync state on every sync),
 * or the caller compares what it uses of them itself (messages by the mail store's array,
 * the accounts' addresses by value), or they are read afresh on every call (snoozes).
 */
export const UNWATCHED_TABLES: readonly string[] = [
  'drafts',
  'note_templates',
  'sent_notes',
  'snoozes',
  'messages',
  'mail_accounts',
  'mail_folders',
  'mail_account_secrets',
];

interface Counter {
  count: number;
  /** Tables that already have triggers on this connection. */
  tables: Set<string>;
}

const counters = new WeakMap<Database, Counter>();
const FUNCTION_NAME = 'followthrough_row_changed';

/**
 * Starts counting writes to every table of the main database except `unwatched` (and
 * SQLite's own), and returns a function giving the current version. Watching a table twice
 * on one connection is harmless. Tables created later are not watched: call it after
 * migrations.
 */
export function watchChanges(
  db: Database,
  unwatched: readonly string[] = UNWATCHED_TABLES,
): () => string {
  let counter = counters.get(db);
  if (counter === undefined) {
    const created: Counter = { count: 0, tables: new Set() };
    db.function(FUNCTION_NAME, { deterministic: false, varargs: false }, () => {
      created.count += 1;
      return null;
    });
    counters.set(db, (counter = created));
  }
  const skip = new Set(unwatched);
  const tables = (
    db
      .prepare(
        "SELECT name FROM main.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
      )
      .pluck()
      .all() as string[]
  ).filter((name) => !skip.has(name) && !counter.tables.has(name));
  for (const table of tables) {
    // Table names come from the schema; quoted as identifiers all the same.
    const quoted = `"${table.replaceAll('"', '""')}"`;
    for (const event of ['INSERT', 'UPDATE', 'DELETE']) {
      const trigger = `"followthrough_watch_${table.replaceAll('"', '""')}_${event.toLowerCase()}"`;
      db.exec(
        `CREATE TEMP TRIGGER IF NOT EXISTS ${trigger} AFTER ${event} ON main.${quoted} ` +
          `BEGIN SELECT ${FUNCTION_NAME}(); END`,
      );
    }
    counter.tables.add(table);
  }
  const dataVersion = db.prepare('PRAGMA data_version').pluck();
  const own = counter;
  return () => `${own.count}:${String(dataVersion.get())}`;
}
