import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * The other addresses the user sends from (aliases), kept with the profile, and the folders
 * the user adds to an account to be read for replies besides the inbox, \All and \Archive.
 * Both are JSON arrays of strings; existing rows get an empty list.
 */
const SCHEMA = `
ALTER TABLE profile ADD COLUMN aliases TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(aliases) AND json_type(aliases) = 'array');
ALTER TABLE mail_accounts ADD COLUMN reply_folders TEXT NOT NULL DEFAULT '[]'
  CHECK (json_valid(reply_folders) AND json_type(reply_folders) = 'array');
`;

export const aliasesAndReplyFolders: Migration = {
  version: 12,
  name: 'aliases and reply folders',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
