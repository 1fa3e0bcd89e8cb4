import type { Database } from 'better-sqlite3';
import type { Migration } from '../migrate';

/*
 * How an account signs in: with a password, or with OAuth 2.0 (Gmail, Microsoft 365), whose
 * refresh token, like a password, lives only in the vault. Existing accounts use passwords.
 */
const SCHEMA = `
ALTER TABLE mail_accounts ADD COLUMN auth TEXT NOT NULL DEFAULT 'password'
  CHECK (auth IN ('password', 'oauth2'));
`;

export const accountSignIn: Migration = {
  version: 13,
  name: 'account sign-in',
  up(db: Database) {
    db.exec(SCHEMA);
  },
};
