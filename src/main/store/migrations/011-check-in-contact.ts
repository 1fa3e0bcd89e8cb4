import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * The round's check-in goes to one person: whoever said they would be in touch. The column is
 * null (not said) for every interview there was. The reference is checked at commit, so an
 * import may insert the interviews before their people; deleting the person clears it.
 *
 * The user's "no" to a suggestion made from a reply (mark the application as rejected, as an
 * offer) is kept per application and reply, so the same reply never suggests it again; a new
 * reply with the same news may.
 */
const SCHEMA = `
ALTER TABLE interviews ADD COLUMN contact_person_id TEXT
  REFERENCES people(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;

CREATE TABLE suggestion_dismissals (
  application_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
  message_id TEXT NOT NULL,
  at INTEGER NOT NULL,
  PRIMARY KEY (application_id, message_id)
);
`;

export const checkInContact: Migration = {
  version: 11,
  name: 'check-in contact and suggestion dismissals',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
