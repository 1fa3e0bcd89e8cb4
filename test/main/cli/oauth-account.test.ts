/**
 * `followthrough account add --provider gmail|outlook` signs in through the browser against
 * the local authorization server; with no display it prints the address to open, and waits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInBrowser } from '../../../src/main/cli/browser';
import { runCli } from '../../../src/main/cli/index';
import type { OAuthConfig } from '../../../src/main/services/oauth/providers';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import {
  browseAuthorization,
  startOAuthServer,
  type OAuthTestServer,
} from '../../support/oauth-server';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtp-receiver';

const ADDRESS = 'robin@example.test';
let server: OAuthTestServer;
let dovecot: Dovecot;
let smtp: SmtpReceiver;
let dir: string;

beforeAll(async () => {
  server = await startOAuthServer();
  server.signInAs = ADDRESS;
  dovecot = await startDovecot({
    users: [{ user: ADDRESS, password: 'setup-only' }],
    oauth2: { userinfoUrl: server.userinfoUrl },
  });
  smtp = await startSmtpReceiver({ checkAccessToken: (token) => server.addressOf(token) });
  dir = mkdtempSync(join(tmpdir(), 'followthrough-cli-oauth-'));
});
afterAll(async () => {
  await smtp.stop();
  await dovecot.stop();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

function config(): OAuthConfig {
  const endpoints = { authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl };
  return {
    endpoints: { gmail: endpoints, outlook: endpoints },
    builtInClients: { gmail: null, outlook: null },
  };
}

describe('followthrough account add --provider', () => {
  it.each(['outlook', 'gmail'] as const)(
    '%s: prints the address when there is no browser, waits for the redirect, and adds the account',
    async (provider) => {
      let stdout = '';
      let stderr = '';
      let browsed: Promise<unknown> = Promise.resolve();
      const print = (text: string) => {
        stderr += text;
        // The user copies the printed address into a browser on another machine.
        const url = /\n {2}(http\S+)\n/.exec(text)?.[1];
        if (url) browsed = browseAuthorization(url);
      };
      const env = { TZ: 'UTC' }; // no DISPLAY: nothing to open
      const code = await runCli(
        [
          'account',
          'add',
          '--provider',
          provider,
          '--client-id',
          server.clientId,
          '--imap-host',
          '127.0.0.1',
          '--imap-port',
          String(dovecot.port),
          '--smtp-host',
          '127.0.0.1',
          '--smtp-port',
          String(smtp.port),
          '--security',
          'plaintext',
          '--db',
          join(dir, `${provider}.sqlite`),
        ],
        {
          stdout: (t) => (stdout += t),
          stderr: print,
          env,
          now: () => Date.now(),
          oauth: { config: config(), openBrowser: openInBrowser(print, env, 'linux') },
        },
      );
      await browsed;
      expect(stderr).toContain('open this address there');
      expect(stdout).toMatch(new RegExp(`Signed in as ${ADDRESS}; added [0-9a-f-]+\\.`));
      expect(stdout).toContain('Sent mail is read from "Sent".');
      expect(stderr).not.toContain('Sending will not work yet');
      expect(code).toBe(0);
    },
  );

  it('without a client id in the build or the command, says so and points to app passwords', async () => {
    let stderr = '';
    const code = await runCli(
      ['account', 'add', '--provider', 'gmail', '--db', join(dir, 'none.sqlite')],
      {
        stdout: () => undefined,
        stderr: (t) => (stderr += t),
        env: {},
        now: () => Date.now(),
        oauth: { config: config(), openBrowser: () => Promise.reject(new Error('not reached')) },
      },
    );
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/no client id for Gmail.*app password/);
  });
});
