import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * Notes being written (one per obligation, saved as the user types), what was sent, and
 * templates the user edited or added. A draft outlives its obligation on purpose: an
 * obligation is computed, and may vanish and come back (an interview moved), the text
 * the user wrote must not.
 */
const SCHEMA = `
CREATE TABLE drafts (
  obligation_id TEXT PRIMARY KEY NOT NULL,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  person_id TEXT REFERENCES people (id) ON DELETE SET NULL,
  template_id TEXT,
  to_addrs TEXT NOT NULL CHECK (json_valid(to_addrs)),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('editing', 'sending', 'sent', 'failed')),
  message_id TEXT,
  sent_at INTEGER,
  error TEXT,
  drafts_copy TEXT CHECK (drafts_copy IS NULL OR json_valid(drafts_copy)),
  updated_at INTEGER NOT NULL
) STRICT;

CREATE INDEX drafts_application ON drafts (application_id);

CREATE TABLE note_templates (
  id TEXT PRIMARY KEY NOT NULL,
  name TEXT NOT NULL,
  situation TEXT NOT NULL,
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;
`;

export const drafts: Migration = {
  version: 3,
  name: 'drafts and note templates',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
