/**
 * The two calls to a provider's token endpoint: a code for tokens (with the PKCE verifier) and
 * a refresh. Answers are checked for shape; errors become OAuthError with the server's code in
 * `detail` and never a token in any message.
 */
import { OAuthError } from './errors';
import type { OAuthClient } from './providers';

export interface TokenAnswer {
  accessToken: string;
  /** Epoch ms the access token stops working (the server's expires_in, from the request's start). */
  expiresAt: number;
  /** Absent on a refresh that keeps the old one. */
  refreshToken: string | null;
  /** The address in the ID token (`email`, else a `preferred_username` that is one). */
  email: string | null;
}

export type Fetch = typeof fetch;

/** Without expires_in the token is assumed good for an hour, which both providers give. */
const DEFAULT_LIFETIME_S = 3600;

function addressInIdToken(idToken: unknown): string | null {
  if (typeof idToken !== 'string') return null;
  const payload = idToken.split('.')[1];
  if (!payload) return null;
  try {
    // Straight from the token endpoint over TLS, so its origin is known (OpenID Core 3.1.3.7).
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    for (const value of [claims.email, claims.preferred_username]) {
      if (typeof value === 'string' && /^[^@\s]+@[^@\s]+$/.test(value)) return value;
    }
  } catch {
    return null;
  }
  return null;
}

async function callTokenEndpoint(
  tokenUrl: string,
  client: OAuthClient,
  params: Record<string, string>,
  deps: { fetch?: Fetch; now: () => number },
): Promise<TokenAnswer> {
  const started = deps.now();
  const body = new URLSearchParams({ ...params, client_id: client.clientId });
  if (client.clientSecret) body.set('client_secret', client.clientSecret);
  let response: Response;
  try {
    response = await (deps.fetch ?? fetch)(tokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    throw new OAuthError(
      'server',
      `The sign-in server (${new URL(tokenUrl).host}) could not be reached. Check that this computer is online, then try again.`,
      error instanceof Error ? error.message : String(error),
    );
  }
  let json: Record<string, unknown> = {};
  try {
    json = (await response.json()) as Record<string, unknown>;
  } catch {
    json = {};
  }
  if (!response.ok) {
    const code = typeof json.error === 'string' ? json.error : `http-${response.status}`;
    const description =
      typeof json.error_description === 'string' ? `: ${json.error_description}` : '';
    // invalid_grant: the code or refresh token is wrong, used, expired or revoked;
    // invalid_client / unauthorized_client: the client id is not one the server knows.
    if (['invalid_grant', 'invalid_client', 'unauthorized_client'].includes(code)) {
      throw new OAuthError(
        'refused',
        code === 'invalid_grant'
          ? 'The sign-in was refused: it has expired or was withdrawn. Sign in again.'
          : 'The sign-in server does not accept this app’s client id. Check the client id in the advanced settings.',
        `${code}${description}`,
      );
    }
    throw new OAuthError(
      'server',
      `The sign-in server answered with an error (${code}). Try again in a few minutes.`,
      `${code}${description}`,
    );
  }
  if (typeof json.access_token !== 'string' || json.access_token === '') {
    throw new OAuthError('server', 'The sign-in server sent no access token.', null);
  }
  const lifetime =
    typeof json.expires_in === 'number' && json.expires_in > 0
      ? json.expires_in
      : Number(json.expires_in) > 0
        ? Number(json.expires_in)
        : DEFAULT_LIFETIME_S;
  return {
    accessToken: json.access_token,
    expiresAt: started + lifetime * 1000,
    refreshToken:
      typeof json.refresh_token === 'string' && json.refresh_token !== ''
        ? json.refresh_token
        : null,
    email: addressInIdToken(json.id_token),
  };
}

/** Trades the authorization code for tokens, proving with the verifier that this app asked. */
export function exchangeCode(
  request: {
    tokenUrl: string;
    client: OAuthClient;
    code: string;
    redirectUri: string;
    verifier: string;
  },
  deps: { fetch?: Fetch; now: () => number },
): Promise<TokenAnswer> {
  return callTokenEndpoint(
    request.tokenUrl,
    request.client,
    {
      grant_type: 'authorization_code',
      code: request.code,
      redirect_uri: request.redirectUri,
      code_verifier: request.verifier,
    },
    deps,
  );
}

/** A new access token for a refresh token (and, where the server rotates them, a new one of those). */
export function refreshTokens(
  request: { tokenUrl: string; client: OAuthClient; refreshToken: string },
  deps: { fetch?: Fetch; now: () => number },
): Promise<TokenAnswer> {
  return callTokenEndpoint(
    request.tokenUrl,
    request.client,
    { grant_type: 'refresh_token', refresh_token: request.refreshToken },
    deps,
  );
}
