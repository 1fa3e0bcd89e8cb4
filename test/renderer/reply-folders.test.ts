/**
 * Replies wherever they are filed, in the window: the connect view lists the folders read for
 * replies (All Mail and Archive found by their flags, the user's own added by hand) and names
 * an added folder the server does not have; the settings keep the user's other addresses.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  ensureRendererBuilt,
  launchChromium,
  openApp,
  type AppPage,
} from '../support/bridge/harness';
import { startDovecot, type Dovecot } from '../support/dovecot';

vi.setConfig({ testTimeout: 60_000 });

const USER = 'sam';
const PASSWORD = 'imap-pass';

let dovecot: Dovecot;
let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  ensureRendererBuilt();
  [dovecot, browser] = await Promise.all([
    startDovecot({
      users: [{ user: USER, password: PASSWORD }],
      folders: [
        { name: 'All Mail', specialUse: '\\All' },
        { name: 'Archive', specialUse: '\\Archive' },
        { name: 'Jobs' },
      ],
    }),
    launchChromium(),
  ]);
  app = await openApp(browser);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await dovecot?.stop();
});

const sidebar = () => app.page.getByRole('navigation', { name: 'Main' });

describe('folders read for replies', () => {
  test('the connect view says which folders are read for replies and which added one is missing', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Connect an email account' }).click();
    await page.getByLabel('Provider', { exact: true }).selectOption('other');
    await page.getByLabel('Email address', { exact: true }).fill('sam.rivera@example.com');
    await page.getByLabel('Password or app password').fill(PASSWORD);
    await page.getByLabel('User name', { exact: true }).fill(USER);
    await page.getByLabel('Incoming (IMAP) server').fill('127.0.0.1');
    await page.getByLabel('IMAP port', { exact: true }).fill(String(dovecot.port));
    await page.getByLabel('IMAP security').selectOption('plaintext');
    await page.getByLabel('Outgoing (SMTP) server').fill('127.0.0.1');
    await page.getByLabel('SMTP security').selectOption('plaintext');
    await page.getByLabel('Also read for replies').fill('Jobs\nRecruiters');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Replies are also read from All Mail, Archive, Jobs.').waitFor();
    const missing = await page.getByTestId('missing-reply-folders').textContent();
    expect(missing?.replace(/\s+/g, ' ')).toContain(
      '1 folder to read for replies is not on the server: Recruiters.',
    );
    await app.screenshot('30-connect-reply-folders');

    await page.getByLabel('Also read for replies').fill('Jobs');
    await page.getByRole('button', { name: 'Save and read mail' }).click();
    await page.getByText('is up to date').waitFor();
    await page.getByRole('button', { name: 'Edit' }).click();
    expect(await page.getByLabel('Also read for replies').inputValue()).toBe('Jobs');
  });

  test('settings keep the other addresses the user sends from, and refuse one that is not an address', async () => {
    const { page } = app;
    await sidebar().getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const aliases = page.getByLabel('Other addresses you send from');
    await aliases.fill('sam@home.example\nnot an address');
    await page.getByRole('button', { name: 'Save signature' }).click();
    await page.locator('#aliases[aria-invalid="true"]').waitFor();

    await aliases.fill('sam@home.example\nsam.rivera@work.example');
    await page.getByRole('button', { name: 'Save signature' }).click();
    await page.getByText('Saved.').waitFor();
    await app.screenshot('31-settings-aliases');

    await sidebar().getByRole('button', { name: 'Email accounts' }).click();
    await sidebar().getByRole('button', { name: 'Settings' }).click();
    expect(await page.getByLabel('Other addresses you send from').inputValue()).toBe(
      'sam@home.example\nsam.rivera@work.example',
    );
  });
});
