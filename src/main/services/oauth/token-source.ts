/**
 * Access tokens for accounts that sign in with OAuth. The refresh token lives only in the
 * vault (the keychain in the app), together with the token endpoint and client it was issued
 * to, and is sent only there: if the app's configuration now names another token endpoint or
 * client, it is not sent and the user signs in again. Access tokens stay in memory and are
 * renewed a while before they expire, one refresh at a time per account (a rotating server
 * treats a refresh token used twice as stolen). A refresh the server refuses forgets the
 * refresh token: the account then needs a new sign-in, and keeps everything synced so far.
 */
import type { MailAccount } from '../../../shared/model';
import type { SecretVault } from '../secrets';
import { OAuthError } from './errors';
import { isOAuthProvider, type OAuthClient, type OAuthConfig } from './providers';
import { refreshTokens, type Fetch } from './token-endpoint';

/** What the vault holds for an OAuth account. */
export interface StoredGrant {
  refreshToken: string;
  tokenUrl: string;
  client: OAuthClient;
}

const GRANT_MARK = 'oauth2:';

/** The vault's text for a grant; marked, so a password is never read as one. */
export function encodeGrant(grant: StoredGrant): string {
  return GRANT_MARK + JSON.stringify(grant);
}

/** The grant in a vault text, or null when it holds something else (a password). */
export function decodeGrant(secret: string | null): StoredGrant | null {
  if (!secret?.startsWith(GRANT_MARK)) return null;
  try {
    const value = JSON.parse(secret.slice(GRANT_MARK.length)) as Partial<StoredGrant>;
    if (
      typeof value.refreshToken === 'string' &&
      typeof value.tokenUrl === 'string' &&
      typeof value.client?.clientId === 'string'
    ) {
      return value as StoredGrant;
    }
  } catch {
    return null;
  }
  return null;
}

export interface TokenSourceDeps {
  vault: SecretVault;
  config: OAuthConfig;
  now: () => number;
  /** Renew an access token this long before it expires. Default 5 minutes. */
  refreshAheadMs?: number;
  fetch?: Fetch;
  /** Told when an account's refresh was refused and it needs a new sign-in. */
  onSignInNeeded?: (accountId: string) => void;
}

export interface TokenSource {
  /**
   * An access token for the account, good for at least the refresh margin. `renew`: get
   * another whatever is held; `refused`: the server refused this one, so not it again. Throws OAuthError: 'refused' (sign in again),
   * 'server' (try later).
   */
  accessToken(
    account: MailAccount,
    options?: { renew?: boolean; refused?: string },
  ): Promise<string>;
  /** Keeps what a sign-in brought: the access token in memory, the grant in the vault. */
  keep(
    accountId: string,
    access: { accessToken: string; expiresAt: number },
    grant: StoredGrant,
  ): void;
  /** Whether the vault holds a live grant (a refresh token) for the account. */
  hasGrant(accountId: string): boolean;
  /** The client the account last signed in as (kept after a refused refresh, for the next one). */
  clientOf(accountId: string): OAuthClient | null;
  forget(accountId: string): void;
}

export const SIGN_IN_AGAIN =
  'Sign in again: the permission to read this mailbox was withdrawn or has expired. Everything synced so far is kept.';

export function createTokenSource(deps: TokenSourceDeps): TokenSource {
  const margin = deps.refreshAheadMs ?? 5 * 60_000;
  const held = new Map<string, { accessToken: string; expiresAt: number }>();
  const refreshing = new Map<string, Promise<string>>();

  function needSignIn(accountId: string, grant: StoredGrant, detail: string | null): never {
    // The dead refresh token goes; the client it was issued to stays for the next sign-in.
    deps.vault.save(accountId, encodeGrant({ ...grant, refreshToken: '' }));
    held.delete(accountId);
    deps.onSignInNeeded?.(accountId);
    throw new OAuthError('refused', SIGN_IN_AGAIN, detail);
  }

  async function refresh(account: MailAccount): Promise<string> {
    const grant = decodeGrant(deps.vault.read(account.id));
    if (!grant?.refreshToken)
      throw new OAuthError('refused', SIGN_IN_AGAIN, 'no refresh token saved');
    const tokenUrl = isOAuthProvider(account.provider)
      ? deps.config.endpoints[account.provider].tokenUrl
      : null;
    if (tokenUrl !== grant.tokenUrl) {
      // The refresh token goes only to the server that issued it.
      throw new OAuthError('refused', SIGN_IN_AGAIN, 'token endpoint changed');
    }
    try {
      const answer = await refreshTokens(
        { tokenUrl: grant.tokenUrl, client: grant.client, refreshToken: grant.refreshToken },
        deps,
      );
      if (answer.refreshToken && answer.refreshToken !== grant.refreshToken) {
        deps.vault.save(account.id, encodeGrant({ ...grant, refreshToken: answer.refreshToken }));
      }
      held.set(account.id, { accessToken: answer.accessToken, expiresAt: answer.expiresAt });
      return answer.accessToken;
    } catch (error) {
      if (error instanceof OAuthError && error.failure === 'refused') {
        needSignIn(account.id, grant, error.detail);
      }
      throw error;
    }
  }

  return {
    accessToken(account, options = {}) {
      const current = held.get(account.id);
      // Several connections refused the same token: the first renews it, the others get its
      // successor instead of refreshing again.
      const renew =
        options.renew === true ||
        (options.refused !== undefined && current?.accessToken === options.refused);
      if (renew) held.delete(account.id);
      else if (current && current.expiresAt - margin > deps.now()) {
        return Promise.resolve(current.accessToken);
      }
      const running = refreshing.get(account.id);
      if (running) return running;
      const next = refresh(account).finally(() => refreshing.delete(account.id));
      refreshing.set(account.id, next);
      return next;
    },
    keep(accountId, access, grant) {
      held.set(accountId, { accessToken: access.accessToken, expiresAt: access.expiresAt });
      deps.vault.save(accountId, encodeGrant(grant));
    },
    hasGrant: (accountId) => !!decodeGrant(deps.vault.read(accountId))?.refreshToken,
    clientOf: (accountId) => decodeGrant(deps.vault.read(accountId))?.client ?? null,
    forget(accountId) {
      held.delete(accountId);
    },
  };
}
