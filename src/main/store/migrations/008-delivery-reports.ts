import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * What each delivery report (bounce) in the inbox said, read once from its report parts: the
 * outcome, the original's Message-ID, the failed recipients (a JSON array) and the first
 * failure's status and diagnostic. A report that could not be read gets a row too, with the
 * outcome 'unreadable', so it is tried once and not on every sync. Keyed by the report's
 * stable local id (`KnownMessage.id`) without a foreign key, as reply readings are: a message
 * read again after a UIDVALIDITY change gets the same id and is not fetched again.
 */
const SCHEMA = `
CREATE TABLE delivery_reports (
  message_id TEXT PRIMARY KEY,
  outcome TEXT NOT NULL CHECK (outcome IN ('failed', 'delayed', 'other', 'unreadable')),
  original_message_id TEXT,
  failed_recipients TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(failed_recipients)),
  status TEXT,
  diagnostic TEXT CHECK (diagnostic IS NULL OR length(diagnostic) <= 300),
  read_at INTEGER NOT NULL
);
`;

export const deliveryReports: Migration = {
  version: 8,
  name: 'delivery reports',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
