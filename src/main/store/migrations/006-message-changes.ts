import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * A log of which messages were written or removed, by any connection: the app's own or the
 * command line beside the app. The mail store keeps every message
 * in memory and reads again only the ids logged since it last looked; SQLite's
 * `data_version` only says that something changed, which would mean reading 100,000 rows
 * again after every sync. One entry per write (a sync batch is one), holding its ids as a
 * JSON array: a row per message would cost the sync a second insert for each. AUTOINCREMENT
 * keeps the sequence rising even when the log is emptied, so a reader can tell whether
 * entries it has not seen were trimmed away.
 */
const SCHEMA = `
CREATE TABLE message_changes (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ids TEXT NOT NULL CHECK (json_valid(ids))
);
`;

export const messageChanges: Migration = {
  version: 6,
  name: 'message change log',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
