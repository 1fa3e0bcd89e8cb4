import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * Mail: accounts, per-folder sync state, the headers of known messages, and the user's
 * corrections to matching. Secrets are stored only as ciphertext made by the OS keychain
 * (Electron safeStorage); the database never holds a password in clear.
 */
const SCHEMA = `
CREATE TABLE mail_accounts (
  id TEXT PRIMARY KEY NOT NULL,
  label TEXT NOT NULL,
  provider TEXT NOT NULL
    CHECK (provider IN ('gmail', 'outlook', 'icloud', 'yahoo', 'fastmail', 'other')),
  email TEXT NOT NULL,
  username TEXT NOT NULL,
  imap_host TEXT NOT NULL,
  imap_port INTEGER NOT NULL,
  imap_security TEXT NOT NULL CHECK (imap_security IN ('tls', 'starttls', 'plaintext')),
  smtp_host TEXT NOT NULL,
  smtp_port INTEGER NOT NULL,
  smtp_security TEXT NOT NULL CHECK (smtp_security IN ('tls', 'starttls', 'plaintext')),
  provider_files_sent INTEGER NOT NULL CHECK (provider_files_sent IN (0, 1)),
  sent_folder TEXT,
  drafts_folder TEXT,
  created_at INTEGER NOT NULL,
  sync_state TEXT NOT NULL DEFAULT 'never' CHECK (sync_state IN ('never', 'ok', 'error')),
  last_sync_at INTEGER,
  last_sync_error TEXT,
  -- Messages from this instant on are read; a wider window later means reading again.
  sync_window_start INTEGER
) STRICT;

CREATE TABLE mail_account_secrets (
  account_id TEXT PRIMARY KEY NOT NULL REFERENCES mail_accounts (id) ON DELETE CASCADE,
  ciphertext BLOB NOT NULL
) STRICT;

CREATE TABLE mail_folders (
  account_id TEXT NOT NULL,
  path TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('sent', 'inbox')),
  uid_validity TEXT NOT NULL,
  last_uid INTEGER NOT NULL,
  highest_modseq TEXT,
  uid_next INTEGER NOT NULL,
  message_count INTEGER NOT NULL,
  synced_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, path)
) STRICT;

CREATE TABLE messages (
  id TEXT PRIMARY KEY NOT NULL,
  source TEXT NOT NULL,
  folder_path TEXT NOT NULL,
  folder_role TEXT NOT NULL CHECK (folder_role IN ('sent', 'inbox')),
  uid INTEGER,
  message_id TEXT,
  in_reply_to TEXT,
  refs TEXT NOT NULL CHECK (json_valid(refs)),
  date INTEGER NOT NULL,
  from_addrs TEXT NOT NULL CHECK (json_valid(from_addrs)),
  to_addrs TEXT NOT NULL CHECK (json_valid(to_addrs)),
  cc_addrs TEXT NOT NULL CHECK (json_valid(cc_addrs)),
  bcc_addrs TEXT NOT NULL CHECK (json_valid(bcc_addrs)),
  subject TEXT NOT NULL,
  auto_reply INTEGER NOT NULL CHECK (auto_reply IN (0, 1)),
  bounce INTEGER NOT NULL CHECK (bounce IN (0, 1))
) STRICT;

CREATE INDEX messages_folder_uid ON messages (source, folder_path, uid);
CREATE INDEX messages_message_id ON messages (message_id);
CREATE INDEX messages_date ON messages (date);

CREATE TABLE message_links (
  message_id TEXT NOT NULL,
  person_id TEXT NOT NULL REFERENCES people (id) ON DELETE CASCADE,
  application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
  action TEXT NOT NULL CHECK (action IN ('link', 'unlink')),
  at INTEGER NOT NULL,
  PRIMARY KEY (message_id, person_id, application_id)
) STRICT;
`;

export const mail: Migration = {
  version: 2,
  name: 'mail accounts, folders, messages and links',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
