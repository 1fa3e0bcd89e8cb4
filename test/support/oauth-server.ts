/**
 * A real OAuth 2.0 / OpenID Connect authorization server on 127.0.0.1 for tests: panva's
 * oidc-provider (the certified implementation), with one public native client that must use
 * PKCE and redirects to a loopback address on any port. Nothing about tokens is faked: codes,
 * PKCE, refresh, expiry and revocation are the provider's own. Only the sign-in page is
 * ours: it signs in whichever address the test chose (`signInAs`), as a user would by typing.
 *
 * Dovecot and the SMTP receiver check access tokens at its userinfo endpoint (`/me`), which
 * answers with the address only for a token that is valid right now.
 */
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import Provider from 'oidc-provider';

export const TEST_CLIENT_ID = 'followthrough-test';

export interface OAuthServerOptions {
  /** Seconds an access token lives. Default an hour. */
  accessTokenTtl?: number;
}

export interface OAuthTestServer {
  issuer: string;
  authorizeUrl: string;
  tokenUrl: string;
  userinfoUrl: string;
  revocationUrl: string;
  clientId: string;
  /** Who the sign-in page signs in; null makes the user refuse (access_denied). */
  signInAs: string | null;
  /** Seconds an access token issued from now on lives. */
  accessTokenTtl: number;
  /** Every request the provider saw, as method and path, for tests that count refreshes. */
  readonly requests: string[];
  /** The address an access token belongs to when it is valid now, else null (as Dovecot asks). */
  addressOf(accessToken: string): Promise<string | null>;
  /**
   * Ends one access token and nothing else (the revocation endpoint would end the whole grant,
   * refresh token included), as when a provider cuts a token short.
   */
  endAccessToken(accessToken: string): Promise<void>;
  /** Revokes a token at the revocation endpoint, as the provider's account page would. */
  revoke(token: string, hint: 'refresh_token' | 'access_token'): Promise<void>;
  stop(): Promise<void>;
}

export async function startOAuthServer(options: OAuthServerOptions = {}): Promise<OAuthTestServer> {
  const http = createServer();
  http.listen(0, '127.0.0.1');
  await once(http, 'listening');
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  const issuer = `http://127.0.0.1:${address.port}`;

  const state = {
    signInAs: 'alice@example.test' as string | null,
    accessTokenTtl: options.accessTokenTtl ?? 3600,
  };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: TEST_CLIENT_ID,
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        redirect_uris: ['http://127.0.0.1/'],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'email', 'offline_access'],
    // The address in the ID token, as Google and Microsoft put it there, so the app learns it
    // without a userinfo call (Microsoft's mail tokens are not good for its userinfo).
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => ({
      accountId: sub,
      claims: () => ({ sub, email: sub, email_verified: true }),
    }),
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      introspection: { enabled: true },
    },
    pkce: { required: () => true },
    // Google gives a refresh token without offline_access (access_type=offline); so does this.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: {
      AccessToken: () => state.accessTokenTtl,
      AuthorizationCode: 60,
      Grant: 14 * 24 * 3600,
      IdToken: 3600,
      Interaction: 600,
      RefreshToken: 14 * 24 * 3600,
      Session: 3600,
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    cookies: { keys: ['followthrough-test-cookie-key'] },
    // A token is expired the second its lifetime ends (the default allows 15 s of skew).
    clockTolerance: 0,
  });
  // The provider refuses plain http issuers behind no proxy only in production mode.
  provider.proxy = false;

  const requests: string[] = [];
  const handle = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    const accountId = state.signInAs;
    if (accountId === null) {
      await provider.interactionFinished(
        req,
        res,
        { error: 'access_denied', error_description: 'The user said no.' },
        { mergeWithLastSubmission: false },
      );
      return;
    }
    const clientId = String(details.params.client_id);
    const grant = new provider.Grant({ accountId, clientId });
    const scope = details.params.scope;
    grant.addOIDCScope(typeof scope === 'string' ? scope : 'openid');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    requests.push(`${req.method ?? 'GET'} ${(req.url ?? '/').split('?')[0]}`);
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((error: unknown) => {
        res.statusCode = 500;
        res.end(String(error));
      });
      return;
    }
    void handle(req, res);
  });

  const userinfoUrl = `${issuer}/me`;
  return {
    issuer,
    authorizeUrl: `${issuer}/auth`,
    tokenUrl: `${issuer}/token`,
    userinfoUrl,
    revocationUrl: `${issuer}/token/revocation`,
    clientId: TEST_CLIENT_ID,
    get signInAs() {
      return state.signInAs;
    },
    set signInAs(value: string | null) {
      state.signInAs = value;
    },
    get accessTokenTtl() {
      return state.accessTokenTtl;
    },
    set accessTokenTtl(value: number) {
      state.accessTokenTtl = value;
    },
    requests,
    async addressOf(accessToken) {
      const response = await fetch(userinfoUrl, {
        headers: { authorization: `Bearer ${accessToken}` },
      });
      if (!response.ok) return null;
      const body = (await response.json()) as { email?: string };
      return body.email ?? null;
    },
    async endAccessToken(accessToken) {
      const token = await provider.AccessToken.find(accessToken);
      if (!token) throw new Error('no such access token');
      await token.destroy();
    },
    async revoke(token, hint) {
      const response = await fetch(`${issuer}/token/revocation`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ token, token_type_hint: hint, client_id: TEST_CLIENT_ID }),
      });
      if (!response.ok) throw new Error(`revocation answered ${response.status}`);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}

/**
 * What the user's browser does with the authorization URL: follows the provider's redirects,
 * carrying its cookies, through the sign-in page, up to the app's loopback address, and loads
 * that page. Returns the text the app's page showed.
 */
export async function browseAuthorization(url: string): Promise<{ status: number; page: string }> {
  const cookies = new Map<string, string>();
  let next = url;
  for (let hop = 0; hop < 12; hop++) {
    const response = await fetch(next, {
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const at = pair?.indexOf('=') ?? -1;
      if (pair && at > 0) cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      next = new URL(location, next).href;
      continue;
    }
    return { status: response.status, page: await response.text() };
  }
  throw new Error('too many redirects');
}
