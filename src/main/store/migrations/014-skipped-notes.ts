import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * Notes the user chose not to write ("too late now", or skipped from the list), one by one,
 * beside snoozes: what the user decided about a computed obligation, kept by its id. Skipping
 * a note no longer means marking its person as needing no follow-up, which skipped every
 * other note to them too.
 */
const SCHEMA = `
CREATE TABLE skipped_notes (
  obligation_id TEXT PRIMARY KEY,
  at INTEGER NOT NULL
) STRICT;
`;

export const skippedNotes: Migration = {
  version: 14,
  name: 'skipped notes',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
