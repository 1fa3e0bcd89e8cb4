import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * Calendar parts of inbox messages that could not be read (refused, or stopped for taking
 * too long), one row per message: the reason is shown to the user until dismissed, and the
 * message is never read again. Keyed by the message's stable local id, without a foreign key,
 * like the reply readings: the same message read again after a UIDVALIDITY change keeps it.
 */
const SCHEMA = `
CREATE TABLE unreadable_invitations (
  id TEXT PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  label TEXT NOT NULL CHECK (length(label) <= 300),
  reason TEXT NOT NULL CHECK (length(reason) <= 400),
  received_at INTEGER NOT NULL,
  dismissed_at INTEGER
);
`;

export const unreadableInvitations: Migration = {
  version: 10,
  name: 'unreadable invitations',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
