import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * What the user decided about obligations, which are otherwise computed: an item snoozed
 * until a moment (alerts and the home list leave it alone until then), and the notes the
 * app sent, kept with their text so a later check-in can be written next to them.
 */
const SCHEMA = `
CREATE TABLE snoozes (
  obligation_id TEXT PRIMARY KEY NOT NULL,
  until INTEGER NOT NULL
) STRICT;

CREATE TABLE sent_notes (
  message_id TEXT PRIMARY KEY NOT NULL,
  obligation_id TEXT NOT NULL,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  person_id TEXT REFERENCES people (id) ON DELETE SET NULL,
  account_id TEXT NOT NULL,
  to_addrs TEXT NOT NULL CHECK (json_valid(to_addrs)),
  subject TEXT NOT NULL,
  body TEXT NOT NULL,
  sent_at INTEGER NOT NULL
) STRICT;

CREATE INDEX sent_notes_person ON sent_notes (application_id, person_id, sent_at);
`;

export const followUpState: Migration = {
  version: 4,
  name: 'snoozes and sent notes',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
