import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * Mass mailings: a message to more recipients than a personal note has keeps only its first
 * addresses and how many recipients were counted. NULL means an ordinary message; a count
 * marks a mass mailing, which matching never reads person by person.
 */
const SCHEMA = `
ALTER TABLE messages ADD COLUMN recipient_count INTEGER
  CHECK (recipient_count IS NULL OR recipient_count > 0);
`;

export const massMailings: Migration = {
  version: 9,
  name: 'mass mailings',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
