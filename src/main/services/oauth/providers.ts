/**
 * The two providers that sign in with OAuth 2.0: where their authorization servers are, what
 * the app asks for, and which client id it asks as. Production endpoints are constants; tests
 * and the command line's `--oauth-issuer` point a provider at another server through
 * `OAuthConfig`. Client ids are configuration: set at build time (README) or by the user.
 */
import type { MailProvider } from '../../../shared/model';

export const OAUTH_PROVIDERS = ['gmail', 'outlook'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

export function isOAuthProvider(provider: MailProvider): provider is OAuthProvider {
  return (OAUTH_PROVIDERS as readonly string[]).includes(provider);
}

export interface OAuthEndpoints {
  authorizeUrl: string;
  tokenUrl: string;
}

/** A registered app: its id and, for Google's desktop clients only, the (not secret) secret. */
export interface OAuthClient {
  clientId: string;
  clientSecret?: string;
}

export const PRODUCTION_ENDPOINTS: Readonly<Record<OAuthProvider, OAuthEndpoints>> = {
  gmail: {
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
  },
  outlook: {
    authorizeUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/authorize',
    tokenUrl: 'https://login.microsoftonline.com/common/oauth2/v2.0/token',
  },
};

/** Mail access, plus `openid email` to learn the address signed in. */
export const OAUTH_SCOPES: Readonly<Record<OAuthProvider, readonly string[]>> = {
  gmail: ['https://mail.google.com/', 'openid', 'email'],
  outlook: [
    'https://outlook.office.com/IMAP.AccessAsUser.All',
    'https://outlook.office.com/SMTP.Send',
    'offline_access',
    'openid',
    'email',
  ],
};

/**
 * Google gives a refresh token only for `access_type=offline`, and on a second sign-in only
 * when consent is asked again; Microsoft gives one for the `offline_access` scope.
 */
export const EXTRA_AUTHORIZE_PARAMS: Readonly<Record<OAuthProvider, Record<string, string>>> = {
  gmail: { access_type: 'offline', prompt: 'consent' },
  outlook: {},
};

/** Where each provider's authorization server is and the client id this build comes with. */
export interface OAuthConfig {
  endpoints: Record<OAuthProvider, OAuthEndpoints>;
  /** The client this build was made with; null when it has none (the user may give one). */
  builtInClients: Record<OAuthProvider, OAuthClient | null>;
}

function clientFrom(id: string | undefined, secret?: string): OAuthClient | null {
  const clientId = id?.trim() ?? '';
  if (clientId === '') return null;
  const clientSecret = secret?.trim() ?? '';
  return clientSecret === '' ? { clientId } : { clientId, clientSecret };
}

/**
 * The production configuration. electron-vite writes `MAIN_VITE_*` variables into the build;
 * where they were not set (tests, a build without ids) the provider has no client.
 */
export function productionOAuthConfig(
  env: Record<string, string | undefined> = buildEnvironment(),
): OAuthConfig {
  return {
    endpoints: { ...PRODUCTION_ENDPOINTS },
    builtInClients: {
      gmail: clientFrom(env.MAIN_VITE_GOOGLE_CLIENT_ID, env.MAIN_VITE_GOOGLE_CLIENT_SECRET),
      outlook: clientFrom(env.MAIN_VITE_MICROSOFT_CLIENT_ID),
    },
  };
}

function buildEnvironment(): Record<string, string | undefined> {
  // Compiles to `import.meta.env`, which the build replaces; undefined under plain Node.
  const env = (import.meta as { env?: Record<string, string | undefined> }).env;
  return {
    MAIN_VITE_GOOGLE_CLIENT_ID: env?.MAIN_VITE_GOOGLE_CLIENT_ID,
    MAIN_VITE_GOOGLE_CLIENT_SECRET: env?.MAIN_VITE_GOOGLE_CLIENT_SECRET,
    MAIN_VITE_MICROSOFT_CLIENT_ID: env?.MAIN_VITE_MICROSOFT_CLIENT_ID,
  };
}
