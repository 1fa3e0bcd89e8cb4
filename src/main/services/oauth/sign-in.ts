/**
 * Signing in as Thunderbird does: authorization code with PKCE (S256) in the user's own
 * browser, a loopback redirect on a port the OS picks, `state` checked, one answer, then the
 * code traded for tokens. No embedded browser: the page the user types a password into is the
 * provider's, in the browser they trust. Opening the browser is injected (Electron's
 * `shell.openExternal` in the app, `xdg-open` or a printed address on the command line).
 */
import { OAuthError } from './errors';
import { LoopbackClosed, listenForRedirect } from './loopback';
import { codeChallenge, newCodeVerifier, newState } from './pkce';
import {
  EXTRA_AUTHORIZE_PARAMS,
  OAUTH_SCOPES,
  type OAuthClient,
  type OAuthEndpoints,
  type OAuthProvider,
} from './providers';
import { exchangeCode, type Fetch, type TokenAnswer } from './token-endpoint';

export interface SignInRequest {
  provider: OAuthProvider;
  endpoints: OAuthEndpoints;
  client: OAuthClient;
  /** The address the user means, so the provider offers that account first. */
  loginHint?: string;
}

export interface SignInDeps {
  /** Shows the authorization URL to the user: opens their browser, or prints it. */
  openBrowser: (url: string) => Promise<void>;
  now: () => number;
  /** How long to wait for the browser to come back. Default 5 minutes. */
  timeoutMs?: number;
  fetch?: Fetch;
  /** Ends the wait early (the user pressed Cancel). */
  signal?: AbortSignal;
}

export interface SignedIn extends TokenAnswer {
  email: string;
  refreshToken: string;
}

/** The authorization request URL for one sign-in. */
export function authorizationUrl(
  request: SignInRequest,
  redirectUri: string,
  state: string,
  challenge: string,
): string {
  const url = new URL(request.endpoints.authorizeUrl);
  const params: Record<string, string> = {
    client_id: request.client.clientId,
    response_type: 'code',
    redirect_uri: redirectUri,
    scope: OAUTH_SCOPES[request.provider].join(' '),
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...EXTRA_AUTHORIZE_PARAMS[request.provider],
    ...(request.loginHint ? { login_hint: request.loginHint } : {}),
  };
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return url.href;
}

const RETURN_TEXT = 'You can close this tab and return to Followthrough.';

export async function signIn(request: SignInRequest, deps: SignInDeps): Promise<SignedIn> {
  const verifier = newCodeVerifier();
  const state = newState();
  const loopback = await listenForRedirect({
    timeoutMs: deps.timeoutMs ?? 5 * 60_000,
    page: (answer) => {
      if (answer.get('state') !== state)
        return {
          ok: false,
          text: `This answer does not belong to a sign-in Followthrough started. ${RETURN_TEXT}`,
        };
      if (answer.has('error'))
        return { ok: false, text: `The sign-in was not completed. ${RETURN_TEXT}` };
      return { ok: true, text: RETURN_TEXT };
    },
  });
  const onAbort = () => loopback.close();
  deps.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await deps.openBrowser(
      authorizationUrl(request, loopback.redirectUri, state, codeChallenge(verifier)),
    );
    let answer: URLSearchParams;
    try {
      answer = await loopback.answer;
    } catch (error) {
      if (error instanceof LoopbackClosed && error.reason === 'timeout') {
        throw new OAuthError(
          'timeout',
          'No answer came back from the browser in time. Start the sign-in again.',
        );
      }
      throw new OAuthError('denied', 'The sign-in was stopped.');
    }
    if (answer.get('state') !== state) {
      throw new OAuthError(
        'state',
        'The answer that came back does not belong to the sign-in this app started, so it was ignored. Start the sign-in again.',
      );
    }
    const error = answer.get('error');
    if (error !== null) {
      const description = answer.get('error_description');
      throw new OAuthError(
        'denied',
        error === 'access_denied'
          ? 'Access was not granted in the browser. Sign in again and allow access to your mail.'
          : `The provider did not complete the sign-in (${error}).`,
        description ? `${error}: ${description}` : error,
      );
    }
    const code = answer.get('code');
    if (!code) throw new OAuthError('server', 'The provider sent no authorization code.');
    const tokens = await exchangeCode(
      {
        tokenUrl: request.endpoints.tokenUrl,
        client: request.client,
        code,
        redirectUri: loopback.redirectUri,
        verifier,
      },
      deps,
    );
    if (!tokens.refreshToken) {
      throw new OAuthError(
        'server',
        'The provider signed you in but gave no lasting permission (no refresh token). Try again.',
      );
    }
    if (!tokens.email) {
      throw new OAuthError(
        'server',
        'The provider did not say which address was signed in. Try again, allowing access to your email address.',
      );
    }
    return { ...tokens, email: tokens.email, refreshToken: tokens.refreshToken };
  } finally {
    deps.signal?.removeEventListener('abort', onAbort);
    loopback.close();
  }
}
