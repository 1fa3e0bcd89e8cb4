/**
 * What the services sign in to IMAP and SMTP with: the saved password, or for an OAuth account
 * a fresh access token. `withCredential` runs a connection and, when an OAuth sign-in is
 * refused (the token expired early or was revoked), renews the token once and tries again, so
 * IDLE, the sync timer and sending all share one token source and refresh it when needed.
 */
import type { MailAccount } from '../../../shared/model';
import type { SecretVault } from '../secrets';
import { OAuthError } from './errors';
import { SIGN_IN_AGAIN, type TokenSource } from './token-source';

export type MailCredential = { password: string } | { accessToken: string };

export interface MailCredentials {
  /** The credential, or null when none is saved (a password kept only for a session). */
  get(
    account: MailAccount,
    options?: { renew?: boolean; refused?: string },
  ): Promise<MailCredential | null>;
  /** Whether the account has what it needs to sign in (a password, or a grant). */
  has(account: MailAccount): boolean;
  /** Null where nothing signs in with OAuth (services built without a token source). */
  tokens: TokenSource | null;
}

/** Passwords from the vault, and access tokens from `tokens` for OAuth accounts. */
export function createMailCredentials(
  vault: SecretVault,
  tokens: TokenSource | null,
): MailCredentials {
  return {
    async get(account, options = {}) {
      if (account.auth === 'oauth2') {
        if (!tokens || !tokens.hasGrant(account.id)) return null;
        return { accessToken: await tokens.accessToken(account, options) };
      }
      const password = vault.read(account.id);
      return password === null ? null : { password };
    },
    has(account) {
      return account.auth === 'oauth2'
        ? (tokens?.hasGrant(account.id) ?? false)
        : vault.read(account.id) !== null;
    },
    tokens,
  };
}

/** True for an error that means the server did not accept the sign-in. */
function isLoginRefused(error: unknown): boolean {
  const step = (error as { step?: unknown } | null)?.step;
  return (
    step === 'login' ||
    (error as { authenticationFailed?: unknown } | null)?.authenticationFailed === true
  );
}

/**
 * Runs `use` with the account's credential. An OAuth sign-in the server refuses is tried once
 * more with a renewed token. Throws OAuthError('refused') when a new sign-in is needed.
 */
export async function withCredential<T>(
  credentials: MailCredentials,
  account: MailAccount,
  use: (credential: MailCredential) => Promise<T>,
  missing: () => Error,
): Promise<T> {
  const credential = await credentials.get(account);
  if (!credential) throw missing();
  try {
    return await use(credential);
  } catch (error) {
    if (!('accessToken' in credential) || !isLoginRefused(error)) throw error;
    const renewed = await credentials.get(account, { refused: credential.accessToken });
    if (!renewed) throw missing();
    return use(renewed);
  }
}

/** What to tell the user when an account has nothing to sign in with. */
export function missingCredentialText(account: MailAccount): string {
  return account.auth === 'oauth2'
    ? SIGN_IN_AGAIN
    : 'Enter the password for this account again: it was kept only until the app closed.';
}

export { OAuthError };
