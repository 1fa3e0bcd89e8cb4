import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * What each reply says, as read from its first text part (or set by the user): the class and
 * the deciding sentence only, never the body. Keyed by the message's stable local id and not
 * tied to the messages table by a foreign key: a message read again after a UIDVALIDITY change
 * gets the same id, and the user's correction must survive that.
 */
const SCHEMA = `
CREATE TABLE reply_readings (
  message_id TEXT PRIMARY KEY,
  reply_class TEXT NOT NULL
    CHECK (reply_class IN ('acknowledgement', 'scheduling', 'rejection', 'offer', 'other')),
  sentence TEXT NOT NULL CHECK (length(sentence) <= 200),
  confidence REAL NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
  source TEXT NOT NULL CHECK (source IN ('classifier', 'user')),
  at INTEGER NOT NULL
);
`;

export const replyReadings: Migration = {
  version: 7,
  name: 'reply readings',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
