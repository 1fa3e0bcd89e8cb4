import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * Calendar invitations waiting for the user (read from the inbox or from an .ics file), and
 * which calendar event each interview came from. The invitation is kept as parsed JSON, so a
 * proposal is worked out again against the workspace as it is when the user looks at it.
 * An event's UID belongs to at most one interview: a later copy of the same event updates
 * or cancels that interview instead of making a second one.
 */
const SCHEMA = `
CREATE TABLE invitations (
  id TEXT PRIMARY KEY NOT NULL,
  uid TEXT NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence >= 0),
  source TEXT NOT NULL CHECK (source IN ('mail', 'file')),
  source_ref TEXT,
  invite TEXT NOT NULL CHECK (json_valid(invite)),
  status TEXT NOT NULL CHECK (status IN ('pending', 'accepted', 'dismissed')),
  created_at INTEGER NOT NULL,
  decided_at INTEGER,
  interview_id TEXT REFERENCES interviews (id) ON DELETE SET NULL
) STRICT;

CREATE INDEX invitations_uid ON invitations (uid, sequence);
CREATE INDEX invitations_status ON invitations (status, created_at);
CREATE INDEX invitations_interview ON invitations (interview_id);

CREATE TABLE interview_invites (
  interview_id TEXT PRIMARY KEY NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
  uid TEXT NOT NULL UNIQUE,
  sequence INTEGER NOT NULL CHECK (sequence >= 0)
) STRICT;

-- Inbox messages a sync stored and whose invitations are still to be looked for; written in
-- the same transaction as the messages, so a sync cut off in between loses none.
CREATE TABLE invitation_checks (
  account_id TEXT NOT NULL,
  folder_path TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  uid INTEGER NOT NULL,
  message_id TEXT NOT NULL,
  PRIMARY KEY (account_id, folder_path, uid)
) STRICT;
`;

export const invitations: Migration = {
  version: 5,
  name: 'calendar invitations',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
