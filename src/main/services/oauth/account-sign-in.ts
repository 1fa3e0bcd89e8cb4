/**
 * Adding (or signing in again) an account through the provider's page in the browser: the
 * client id to ask as, one sign-in at a time (a new one, or Cancel, stops the wait), the
 * account saved with its grant in the vault, then both servers tested with the new token.
 */
import type {
  AccountView,
  ChannelParsedInput,
  ConnectionReport,
  OAuthClients,
} from '../../../shared/contract';
import { PROVIDER_PRESETS } from '../../../shared/mail-presets';
import type { MailAccount } from '../../../shared/model';
import type { MailStore } from '../../store/mail-store';
import { ServiceError } from '../errors';
import { newId } from '../ids';
import { OAuthError } from './errors';
import type { MailCredential } from './mail-credentials';
import type { OAuthClient, OAuthConfig } from './providers';
import { signIn as signInWithBrowser, type SignedIn } from './sign-in';
import type { TokenSource } from './token-source';

export type SignInInput = ChannelParsedInput<'accounts:sign-in'>;

export interface AccountSignInDeps {
  mailStore: MailStore;
  now: () => number;
  oauth: {
    config: OAuthConfig;
    tokens: TokenSource;
    /** Shows the authorization page: the user's browser in the app, or a printed address. */
    openBrowser: (url: string) => Promise<void>;
    /** How long to wait for the browser to come back (tests use short ones). */
    timeoutMs?: number;
  } | null;
  /** The connection test of both servers, as Test connection runs it. */
  test: (account: MailAccount, credential: MailCredential) => Promise<ConnectionReport>;
  /** Folder paths as the user typed them, each once. */
  replyFolders: (paths: readonly string[]) => string[];
}

export function createAccountSignIn(deps: AccountSignInDeps) {
  const { mailStore } = deps;
  let signingIn: AbortController | null = null;

  return {
    oauthClients(): OAuthClients {
      const built = deps.oauth?.config.builtInClients;
      return { gmail: { builtIn: !!built?.gmail }, outlook: { builtIn: !!built?.outlook } };
    },

    /**
     * Signs in through the provider's page in the user's browser, saves the account with the
     * refresh token in the vault, and tests both servers with the new access token. Signing an
     * existing account in again keeps everything it synced; it must be the same mailbox.
     */
    async signIn(input: SignInInput): Promise<{ view: AccountView; report: ConnectionReport }> {
      const oauth = deps.oauth;
      if (!oauth) {
        throw new ServiceError(
          'unavailable',
          'Signing in through the browser is not available here.',
        );
      }
      const preset = PROVIDER_PRESETS[input.provider];
      const existing = input.id ? mailStore.getAccount(input.id) : null;
      if (input.id && !existing)
        throw new ServiceError('not-found', 'That account no longer exists.');
      // The user's own client, else the one the account last signed in as, else the build's.
      const given = input.clientId?.trim() ?? '';
      const client: OAuthClient | null =
        given !== ''
          ? { clientId: given, ...(input.clientSecret ? { clientSecret: input.clientSecret } : {}) }
          : ((existing ? oauth.tokens.clientOf(existing.id) : null) ??
            oauth.config.builtInClients[input.provider]);
      if (!client) {
        throw ServiceError.atField(
          'clientId',
          `This build of Followthrough has no client id for ${preset.label}. Enter your own under Advanced, or use an app password instead.`,
        );
      }
      signingIn?.abort();
      const controller = new AbortController();
      signingIn = controller;
      let signed: SignedIn;
      try {
        signed = await signInWithBrowser(
          {
            provider: input.provider,
            endpoints: oauth.config.endpoints[input.provider],
            client,
            ...(existing ? { loginHint: existing.username } : {}),
          },
          {
            openBrowser: oauth.openBrowser,
            now: deps.now,
            signal: controller.signal,
            ...(oauth.timeoutMs ? { timeoutMs: oauth.timeoutMs } : {}),
          },
        );
      } catch (error) {
        if (error instanceof OAuthError) {
          throw new ServiceError(
            error.failure === 'server' || error.failure === 'timeout' ? 'unavailable' : 'failed',
            error.message,
          );
        }
        throw error;
      } finally {
        if (signingIn === controller) signingIn = null;
      }
      if (existing && existing.username.toLowerCase() !== signed.email.toLowerCase()) {
        throw new ServiceError(
          'conflict',
          `You signed in as ${signed.email}, but this account is ${existing.username}. Sign in as ${existing.username}, or add ${signed.email} as a new account.`,
        );
      }
      const { clientId: _id, clientSecret: _secret, label, replyFolders, ...fields } = input;
      const account: MailAccount = {
        ...fields,
        label: label || existing?.label || preset.label,
        email: existing?.email ?? signed.email,
        username: signed.email,
        replyFolders: deps.replyFolders(replyFolders ?? existing?.replyFolders ?? []),
        auth: 'oauth2',
        id: existing?.id ?? newId(),
        createdAt: existing?.createdAt ?? deps.now(),
      };
      mailStore.saveAccount(account);
      oauth.tokens.keep(account.id, signed, {
        refreshToken: signed.refreshToken,
        tokenUrl: oauth.config.endpoints[input.provider].tokenUrl,
        client,
      });
      const report = await deps.test(account, { accessToken: signed.accessToken });
      return {
        view: { account, status: mailStore.getSyncStatus(account.id), hasPassword: true },
        report,
      };
    },

    /** Stops waiting for the browser (the user pressed Cancel). */
    cancel(): { cancelled: boolean } {
      const running = signingIn;
      signingIn = null;
      running?.abort();
      return { cancelled: running !== null };
    },
  };
}
