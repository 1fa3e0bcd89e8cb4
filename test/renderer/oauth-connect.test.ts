/**
 * The connect view's Gmail and Outlook presets sign in through the browser: the window asks
 * main, main "opens the user's browser" (here a second Chromium context the test owns, which
 * follows the provider's pages to the app's loopback page), and the account comes back saved,
 * tested and read. Against the local authorization server, Dovecot and the SMTP receiver.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  ensureRendererBuilt,
  launchChromium,
  openApp,
  type AppPage,
} from '../support/bridge/harness';
import { startDovecot, type Dovecot } from '../support/dovecot';
import { startOAuthServer, type OAuthTestServer } from '../support/oauth-server';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver';

vi.setConfig({ testTimeout: 60_000 });

const ADDRESS = 'sam.rivera@example.test';

let server: OAuthTestServer;
let dovecot: Dovecot;
let smtp: SmtpReceiver;
let browser: Browser;
let userBrowser: BrowserContext;
let app: AppPage;
/** The tabs "the user's browser" opened, with what they show at the end. */
const tabs: Page[] = [];

beforeAll(async () => {
  ensureRendererBuilt();
  server = await startOAuthServer();
  server.signInAs = ADDRESS;
  [dovecot, smtp, browser] = await Promise.all([
    startDovecot({
      users: [{ user: ADDRESS, password: 'setup-only' }],
      oauth2: { userinfoUrl: server.userinfoUrl },
    }),
    startSmtpReceiver({ checkAccessToken: (token) => server.addressOf(token) }),
    launchChromium(),
  ]);
  await dovecot.appendMessages(ADDRESS, 'Sent', [
    [
      'Message-ID: <thanks-1@example.test>',
      'Date: Mon, 23 Nov 2026 18:00:00 +0100',
      `From: Sam Rivera <${ADDRESS}>`,
      'To: Ada Okafor <ada@northwind.example>',
      'Subject: Thank you',
      '',
      'Thank you for today.',
      '',
    ].join('\r\n'),
  ]);
  userBrowser = await browser.newContext({ locale: 'en-GB' });
  const endpoints = { authorizeUrl: server.authorizeUrl, tokenUrl: server.tokenUrl };
  app = await openApp(browser, {
    oauth: {
      config: {
        endpoints: { gmail: endpoints, outlook: endpoints },
        // This build "has" a Google client id and no Microsoft one.
        builtInClients: { gmail: { clientId: server.clientId }, outlook: null },
      },
      openBrowser: async (url) => {
        const tab = await userBrowser.newPage();
        tabs.push(tab);
        await tab.goto(url);
      },
      timeoutMs: 20_000,
    },
  });
}, 180_000);

afterAll(async () => {
  await app?.close();
  await userBrowser?.close();
  await browser?.close();
  await smtp?.stop();
  await dovecot?.stop();
  await server?.stop();
});

async function pointAtLocalServers(page: Page): Promise<void> {
  const advanced = page.locator('details.advanced');
  if (!(await advanced.evaluate((d) => (d as unknown as { open: boolean }).open))) {
    await advanced.locator('summary').click();
  }
  await page.getByLabel('Incoming (IMAP) server').fill('127.0.0.1');
  await page.getByLabel('IMAP port', { exact: true }).fill(String(dovecot.port));
  await page.getByLabel('IMAP security').selectOption('plaintext');
  await page.getByLabel('Outgoing (SMTP) server').fill('127.0.0.1');
  await page.getByLabel('SMTP port', { exact: true }).fill(String(smtp.port));
  await page.getByLabel('SMTP security').selectOption('plaintext');
}

describe('connecting Gmail and Outlook through the browser', () => {
  test('Gmail signs in with Google in the browser and reads the mail', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Connect an email account' }).click();
    await page.getByLabel('Provider', { exact: true }).selectOption('gmail');
    const browserWay = page.getByLabel('In the browser, with Google (recommended)');
    expect(await browserWay.isChecked()).toBe(true);
    // No password to type on this path.
    expect(await page.getByLabel('Password or app password').count()).toBe(0);
    await app.screenshotAtSizes(
      '40-connect-gmail',
      page.getByRole('heading', { name: 'Add an account' }),
    );

    await pointAtLocalServers(page);
    await page.getByRole('button', { name: 'Sign in with Google' }).click();
    await page.getByText('is up to date').waitFor();
    expect(await page.getByRole('heading', { name: 'Connected accounts' }).isVisible()).toBe(true);
    await page.getByText(`${ADDRESS} · Gmail`).waitFor();
    // The user's browser ended on the app's page, telling them to come back.
    expect(await tabs.at(-1)?.textContent('body')).toContain(
      'You can close this tab and return to Followthrough.',
    );
    expect(new URL(tabs.at(-1)?.url() ?? '').hostname).toBe('127.0.0.1');
    expect(app.problems).toEqual([]);
  });

  test('Outlook without a client id in this build says so and offers the app password; with one it signs in', async () => {
    const { page } = app;
    await page.getByLabel('Provider', { exact: true }).selectOption('outlook');
    await page.getByTestId('no-client-id').waitFor();
    expect(await page.getByTestId('no-client-id').textContent()).toContain(
      'This build of Followthrough has no Microsoft client id',
    );
    await app.screenshotAtSizes(
      '41-connect-outlook-no-client-id',
      page.getByRole('heading', { name: 'Add an account' }),
    );
    // The app-password way is one click away.
    await page.getByLabel('With an app password').check();
    await page.getByLabel('Password or app password').waitFor();
    await app.screenshotAtSizes(
      '42-connect-outlook-app-password',
      page.getByRole('heading', { name: 'Add an account' }),
    );
    await page.getByLabel('In the browser, with Microsoft (recommended)').check();

    await pointAtLocalServers(page);
    await page.getByLabel('Client ID').fill(server.clientId);
    expect(await page.getByTestId('no-client-id').count()).toBe(0);
    server.signInAs = 'sam.rivera.work@example.test';
    try {
      await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
      // That mailbox is not on the IMAP server: saved, and the view says what failed.
      await page.getByTestId('connection-failure').waitFor();
    } finally {
      server.signInAs = ADDRESS;
    }
    expect(await page.getByTestId('incoming-result').textContent()).toContain(
      'Incoming mail (IMAP):',
    );
    // Saved all the same: signed in, to be fixed and read later.
    await page.getByText('sam.rivera.work@example.test · Outlook / Microsoft 365').waitFor();
    await app.screenshotAtSizes(
      '43-connect-outlook-signed-in-not-read',
      page.getByTestId('connection-failure'),
    );
    expect(app.problems).toEqual([]);
  });

  test('a Gmail account whose permission was withdrawn says so, and signs in again with one click', async () => {
    const { page } = app;
    const { services } = app.bridge;
    const gmail = services.accounts.list().find((v) => v.account.provider === 'gmail')?.account;
    if (!gmail) throw new Error('no Gmail account');
    const held = await services.credentials.get(gmail);
    if (!held || !('accessToken' in held)) throw new Error('no access token');
    // The user withdraws the app's access in their Google account: the grant ends, and the
    // refresh token with it.
    await server.revoke(held.accessToken, 'access_token');
    const row = page.locator('li.account', { hasText: `${ADDRESS} · Gmail` });
    await row.getByRole('button', { name: 'Read now' }).click();
    await row
      .getByText('Sign in again: the permission to read this mailbox was withdrawn or has expired.')
      .waitFor();
    await app.screenshotAtSizes(
      '44-connect-gmail-signed-out',
      page.getByRole('heading', { name: 'Connected accounts' }),
    );
    const opened = tabs.length;
    await row.getByRole('button', { name: 'Sign in again' }).click();
    await page.getByText('Gmail is up to date').waitFor();
    expect(tabs.length).toBe(opened + 1);
    expect(await row.getByRole('button', { name: 'Sign in again' }).count()).toBe(0);
    expect(services.accounts.list().filter((v) => v.account.provider === 'gmail')).toHaveLength(1);
    expect(app.problems).toEqual([]);
  });
});
