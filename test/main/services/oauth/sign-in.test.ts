import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImap } from '../../../../src/main/mail/imap-account';
import { OAuthError } from '../../../../src/main/services/oauth/errors';
import { codeChallenge, newCodeVerifier } from '../../../../src/main/services/oauth/pkce';
import type { OAuthConfig } from '../../../../src/main/services/oauth/providers';
import { authorizationUrl, signIn } from '../../../../src/main/services/oauth/sign-in';
import { exchangeCode } from '../../../../src/main/services/oauth/token-endpoint';
import {
  createTokenSource,
  decodeGrant,
  encodeGrant,
} from '../../../../src/main/services/oauth/token-source';
import { createMemoryVault } from '../../../../src/main/services/secrets';
import type { MailAccount } from '../../../../src/shared/model';
import { startDovecot, type Dovecot } from '../../../support/dovecot';
import {
  browseAuthorization,
  startOAuthServer,
  type OAuthTestServer,
} from '../../../support/oauth-server';

let server: OAuthTestServer;
let dovecot: Dovecot;
const ADDRESS = 'alice@example.test';

beforeAll(async () => {
  server = await startOAuthServer();
  dovecot = await startDovecot({
    users: [{ user: ADDRESS, password: 'not-used-by-the-app' }],
    oauth2: { userinfoUrl: server.userinfoUrl },
  });
});
afterAll(async () => {
  await dovecot.stop();
  await server.stop();
});

const endpoints = () => ({ authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl });
const client = () => ({ clientId: server.clientId });

function config(): OAuthConfig {
  return {
    endpoints: { gmail: endpoints(), outlook: endpoints() },
    builtInClients: { gmail: client(), outlook: client() },
  };
}

function account(provider: 'gmail' | 'outlook' = 'gmail'): MailAccount {
  return {
    id: `acct-${provider}`,
    label: 'Mail',
    provider,
    email: ADDRESS,
    username: ADDRESS,
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: 1, security: 'plaintext' },
    providerFilesSent: true,
    sentFolder: null,
    draftsFolder: null,
    replyFolders: [],
    auth: 'oauth2',
    createdAt: 0,
  };
}

/** The user's browser: opens the URL, signs in, comes back; keeps what the app's page said. */
function browser() {
  const seen: { url: string; page: string }[] = [];
  return {
    seen,
    open: async (url: string) => {
      const { page } = await browseAuthorization(url);
      seen.push({ url, page });
    },
  };
}

async function signInTo(provider: 'gmail' | 'outlook') {
  const user = browser();
  const result = await signIn(
    { provider, endpoints: endpoints(), client: client() },
    { openBrowser: user.open, now: Date.now },
  );
  return { result, user };
}

async function imapLogin(accessToken: string): Promise<string> {
  const imap = await connectImap({
    host: '127.0.0.1',
    port: dovecot.port,
    security: 'plaintext',
    user: ADDRESS,
    password: '',
    accessToken,
  });
  const mailbox = await imap.mailboxOpen('INBOX', { readOnly: true });
  await imap.logout();
  return mailbox.path;
}

describe('signing in through the browser', () => {
  it.each(['gmail', 'outlook'] as const)(
    'asks %s for mail access with PKCE, learns the address and gets tokens Dovecot accepts',
    async (provider) => {
      const { result, user } = await signInTo(provider);
      const url = new URL(user.seen[0]?.url ?? '');
      expect(url.searchParams.get('code_challenge_method')).toBe('S256');
      expect(url.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(url.searchParams.get('scope')).toContain(
        provider === 'gmail' ? 'https://mail.google.com/' : 'IMAP.AccessAsUser.All',
      );
      expect(user.seen[0]?.page).toContain('return to Followthrough');
      expect(result.email).toBe(ADDRESS);
      expect(result.refreshToken).not.toBe('');
      expect(await imapLogin(result.accessToken)).toBe('INBOX');
      await expect(imapLogin('made-up-token')).rejects.toMatchObject({ step: 'login' });
    },
  );

  it.each([['xoauth2'], ['oauthbearer']] as const)(
    'signs in to IMAP with %s when that is the mechanism offered',
    async (mechanism) => {
      const only = await startDovecot({
        users: [{ user: ADDRESS, password: 'x' }],
        oauth2: { userinfoUrl: server.userinfoUrl, mechanisms: [mechanism] },
      });
      try {
        const { result } = await signInTo('gmail');
        const imap = await connectImap({
          host: '127.0.0.1',
          port: only.port,
          security: 'plaintext',
          user: ADDRESS,
          password: '',
          accessToken: result.accessToken,
        });
        await imap.logout();
        // Dovecot writes its log line a moment after the login.
        await expect
          .poll(() => readFile(`${only.dir}/dovecot.log`, 'utf8'))
          .toContain(`method=${mechanism.toUpperCase()}`);
      } finally {
        await only.stop();
      }
    },
  );

  it('refuses an answer whose state is not the one it sent, and never trades its code', async () => {
    const before = server.requests.filter((r) => r === 'POST /token').length;
    const tampered = async (url: string) => {
      const forged = new URL(url);
      forged.searchParams.set('state', 'someone-elses-state');
      await browseAuthorization(forged.href);
    };
    const failure = await signIn(
      { provider: 'gmail', endpoints: endpoints(), client: client() },
      { openBrowser: tampered, now: Date.now },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OAuthError);
    expect((failure as OAuthError).failure).toBe('state');
    expect(server.requests.filter((r) => r === 'POST /token').length).toBe(before);
  });

  it('has its code refused by the server when the PKCE verifier is not the one challenged', async () => {
    const verifier = newCodeVerifier();
    const { listenForRedirect } = await import('../../../../src/main/services/oauth/loopback');
    const loopback = await listenForRedirect({
      timeoutMs: 10_000,
      page: () => ({ ok: true, text: 'ok' }),
    });
    const url = authorizationUrl(
      { provider: 'outlook', endpoints: endpoints(), client: client() },
      loopback.redirectUri,
      'the-state',
      codeChallenge(verifier),
    );
    await browseAuthorization(url);
    const code = (await loopback.answer).get('code') ?? '';
    const request = {
      tokenUrl: server.tokenUrl,
      client: client(),
      code,
      redirectUri: loopback.redirectUri,
    };
    const wrong = await exchangeCode(
      { ...request, verifier: newCodeVerifier() },
      { now: Date.now },
    ).catch((e: unknown) => e);
    expect(wrong).toMatchObject({ failure: 'refused' });
    expect((wrong as OAuthError).detail).toMatch(/invalid_grant/);
  });

  it('says so when the user does not allow access', async () => {
    server.signInAs = null;
    try {
      await expect(signInTo('gmail')).rejects.toMatchObject({ failure: 'denied' });
    } finally {
      server.signInAs = ADDRESS;
    }
  });

  it('stops waiting after the time-out and closes the listener', async () => {
    let redirect = '';
    const failure = await signIn(
      { provider: 'gmail', endpoints: endpoints(), client: client() },
      {
        openBrowser: (url) => {
          redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
          return Promise.resolve();
        },
        now: Date.now,
        timeoutMs: 300,
      },
    ).catch((e: unknown) => e);
    expect(failure).toMatchObject({ failure: 'timeout' });
    await expect(fetch(`${redirect}?state=x&code=y`)).rejects.toThrow();
  });
});

describe('the token source', () => {
  async function signedInSource(now: () => number, onSignInNeeded?: (id: string) => void) {
    const vault = createMemoryVault();
    const tokens = createTokenSource({
      vault,
      config: config(),
      now,
      ...(onSignInNeeded ? { onSignInNeeded } : {}),
    });
    const { result } = await signInTo('gmail');
    tokens.keep(account().id, result, {
      refreshToken: result.refreshToken,
      tokenUrl: server.tokenUrl,
      client: client(),
    });
    return { vault, tokens, result };
  }

  it('keeps the access token in memory and refreshes it ahead of expiry, saving a rotated refresh token', async () => {
    let clock = Date.now();
    const { vault, tokens, result } = await signedInSource(() => clock);
    expect(await tokens.accessToken(account())).toBe(result.accessToken);
    clock = result.expiresAt - 60_000; // inside the five-minute margin
    const [a, b] = await Promise.all([
      tokens.accessToken(account()),
      tokens.accessToken(account()),
    ]);
    expect(a).not.toBe(result.accessToken);
    expect(b).toBe(a); // one refresh for both callers
    expect(await server.addressOf(a)).toBe(ADDRESS);
    const grant = decodeGrant(vault.read(account().id));
    expect(grant?.refreshToken).not.toBe(result.refreshToken); // oidc-provider rotates
    expect(await imapLogin(a)).toBe('INBOX');
  });

  it('turns a revoked refresh token into "sign in again", forgetting it', async () => {
    const needed: string[] = [];
    const { vault, tokens, result } = await signedInSource(Date.now, (id) => needed.push(id));
    await server.revoke(result.refreshToken, 'refresh_token');
    const failure = await tokens.accessToken(account(), { renew: true }).catch((e: unknown) => e);
    expect(failure).toMatchObject({ failure: 'refused' });
    expect((failure as Error).message).toMatch(/Sign in again/);
    expect(decodeGrant(vault.read(account().id))).toMatchObject({
      refreshToken: '',
      client: client(),
    });
    expect(tokens.hasGrant(account().id)).toBe(false);
    expect(needed).toEqual([account().id]);
  });

  it('sends a refresh token only to the token endpoint that issued it', async () => {
    const { vault, tokens, result } = await signedInSource(Date.now);
    vault.save(
      account().id,
      encodeGrant({
        refreshToken: result.refreshToken,
        tokenUrl: 'https://elsewhere.example/token',
        client: client(),
      }),
    );
    const before = server.requests.length;
    await expect(tokens.accessToken(account(), { renew: true })).rejects.toMatchObject({
      failure: 'refused',
    });
    expect(server.requests.length).toBe(before);
  });
});
