/**
 * The editor's send flow in the window, over a real SMTP receiver: Undo within the window,
 * Ctrl+Enter, the next note after a send (through the Northwind panel of three), the manual
 * path (Copy all, the mailto: link) and Mark as sent remembering its channel.
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
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver';
import { goHome, obligationRow } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let dovecot: Dovecot;
let smtp: SmtpReceiver;
let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  ensureRendererBuilt();
  [dovecot, smtp, browser] = await Promise.all([
    startDovecot({ users: [{ user: 'sam', password: 'imap-pass' }] }),
    startSmtpReceiver({ user: 'sam', password: 'imap-pass' }),
    launchChromium(),
  ]);
  app = await openApp(browser);
  const { services } = app.bridge;
  services.workspace.loadSample();
  // The account is setup here, not what these tests are about: the wizard has its own.
  services.accounts.save({
    label: 'Work mail',
    provider: 'other',
    email: 'sam.rivera@example.com',
    username: 'sam',
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'plaintext' },
    providerFilesSent: true,
    sentFolder: null,
    draftsFolder: null,
    password: 'imap-pass',
  });
  await app.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.page.reload();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
}, 180_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await smtp?.stop();
  await dovecot?.stop();
});

const body = () => app.page.getByLabel('Note', { exact: true });
const services = () => app.bridge.services;
const obligation = (person: string, kind = 'thank-you') =>
  services()
    .workspace.status()
    .obligations.find((o) => o.personName === person && o.kind === kind)!;

function undoWindow(seconds: number) {
  services().workspace.saveSettings({
    ...services().workspace.getSettings(),
    undoSendSeconds: seconds,
  });
}

async function openNote(kind: string, person: string, withAccount = true) {
  await goHome(app.page);
  await obligationRow(app.page, kind, person)
    .getByRole('button', { name: /^Write note/ })
    .click();
  await app.page.getByRole('heading', { level: 1, name: `Note to ${person}` }).waitFor();
  if (withAccount)
    await app.page.getByText('From sam.rivera@example.com', { exact: true }).waitFor();
}

/** Fills what the template leaves to the user, so nothing blocks the note. */
async function fillIn() {
  await body().fill((await body().inputValue()).replace(/\[\[\w+\]\]/g, 'the pipeline design'));
  await app.page
    .getByTestId('save-state')
    .filter({ hasText: /^Saved$/ })
    .waitFor();
}

const focused = () =>
  app.page.evaluate<string>("document.activeElement?.textContent?.trim() ?? ''");

describe('sending with undo', () => {
  test('Ctrl+Enter asks to send; Undo in the window sends nothing and the note stays a draft', async () => {
    const { page } = app;
    undoWindow(20);
    await openNote('Thank-you note', 'Jonas Weber');
    const before = smtp.messages.length;

    // With a placeholder left, Ctrl+Enter goes to it instead of asking.
    await body().focus();
    await page.keyboard.press('Control+Enter');
    await page.getByTestId('send-blocked').and(page.getByRole('alert')).waitFor();
    expect(await page.getByRole('dialog', { name: 'Send this note now?' }).count()).toBe(0);

    await fillIn();
    await body().focus();
    await page.keyboard.press('Control+Enter');
    const confirm = page.getByRole('dialog', { name: 'Send this note now?' });
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('For 20 seconds you can undo it');
    await confirm.getByRole('button', { name: 'Send now' }).click();

    const waiting = page.getByTestId('undo-send');
    await waiting.waitFor();
    expect(await waiting.textContent()).toMatch(
      /Sending to Jonas Weber <jonas\.weber@bluebird\.example> in \d+ s…/,
    );
    expect(await focused()).toBe('Undo');
    const id = obligation('Jonas Weber').id;
    expect(services().notes.queuedUntil(id)).not.toBeNull();
    // A second send while it waits is refused.
    await expect(
      services().notes.send(id, services().accounts.list()[0]!.account.id),
    ).rejects.toThrow(/about to be sent/);
    await app.screenshotAtSizes('40-draft-undo-send', waiting);

    await page.keyboard.press('Enter');
    await page
      .getByTestId('draft-message')
      .getByText(/The note is a draft again/)
      .waitFor();
    expect(services().notes.queuedUntil(id)).toBeNull();
    expect(app.bridge.database.draftStore.getDraft(id)).toMatchObject({
      state: 'editing',
      error: null,
    });
    expect(await page.getByRole('button', { name: 'Send…' }).isEnabled()).toBe(true);
    expect(smtp.messages.length).toBe(before);
  });
});

describe('send and next', () => {
  test('after a send the next note of the same panel is one key away, through the panel', async () => {
    const { page } = app;
    undoWindow(1);
    const panel = obligation('Ada Okafor').interviewId;
    const sentTo: string[] = [];
    await openNote('Thank-you note', 'Ada Okafor');
    for (let step = 0; step < 3; step += 1) {
      const person = (await page.getByRole('heading', { level: 1 }).textContent())!.replace(
        /^Note to /,
        '',
      );
      await fillIn();
      await body().focus();
      await page.keyboard.press('Control+Enter');
      await page
        .getByRole('dialog', { name: 'Send this note now?' })
        .getByRole('button', { name: 'Send now' })
        .click();
      await page.getByTestId('sent-summary').waitFor();
      sentTo.push(person);
      const next = page.getByTestId('next-note');
      await next.filter({ hasText: /^Next: note to / }).waitFor();
      expect(await focused()).toMatch(/^Next: note to /);
      if (step === 0) await app.screenshotAtSizes('41-draft-sent-next');
      const nextPerson = (await next.textContent())!.replace(/^Next: note to /, '').trim();
      const nextOne = services()
        .workspace.status()
        .obligations.find((o) => o.personName === nextPerson && o.state !== 'done')!;
      // The rest of the panel first; then, the panel done, the next one due elsewhere.
      if (step < 2) expect(nextOne.interviewId).toBe(panel);
      else expect(nextPerson).toBe('Jonas Weber');
      expect(sentTo).not.toContain(nextPerson);
      await page.keyboard.press('Enter');
      await page.getByRole('heading', { level: 1, name: `Note to ${nextPerson}` }).waitFor();
      await page.getByText('From sam.rivera@example.com', { exact: true }).waitFor();
    }
    const arrived = smtp.messages.slice(-3).map((m) => m.envelopeTo[0]);
    expect(arrived).toHaveLength(3);
    expect(new Set(arrived).size).toBe(3);
  });
});

describe('the manual path', () => {
  test('Copy all copies To, Subject and text; the mailto: link carries them', async () => {
    const { page } = app;
    await openNote('Thank-you note', 'Tom Becker');
    await fillIn();
    const subject = await page.getByLabel('Subject').inputValue();
    const text = await body().inputValue();

    await page.getByRole('button', { name: 'Copy all' }).click();
    await page
      .getByTestId('draft-message')
      .getByText(/To, Subject and the text are copied/)
      .waitFor();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()');
    expect(copied).toBe(`To: tom.becker@kestrel.example\nSubject: ${subject}\n\n${text}`);

    const link = page.getByRole('link', { name: 'Open in my mail program' });
    const href = (await link.getAttribute('href'))!;
    const url = new URL(href);
    expect(url.protocol).toBe('mailto:');
    expect(url.pathname).toBe('tom.becker@kestrel.example');
    expect(url.searchParams.get('subject')).toBe(subject);
    expect(url.searchParams.get('body')).toBe(text.replace(/\n/g, '\r\n'));
    await app.screenshotAtSizes('42-draft-manual-path', link);
  });

  test('a note left waiting by a quit is still a draft that says so', async () => {
    const { page } = app;
    undoWindow(20);
    await openNote('Thank-you note', 'Tom Becker');
    await body().focus();
    await page.keyboard.press('Control+Enter');
    await page
      .getByRole('dialog', { name: 'Send this note now?' })
      .getByRole('button', { name: 'Send now' })
      .click();
    await page.getByTestId('undo-send').waitFor();
    const before = smtp.messages.length;
    // The app quits in the window (the timers stop) and starts again.
    services().notes.dispose();
    await page.reload();
    await openNote('Thank-you note', 'Tom Becker');
    await page
      .getByRole('alert')
      .filter({ hasText: 'Followthrough closed before this note went out; it is still a draft.' })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Send…' }).isEnabled()).toBe(true);
    expect(smtp.messages.length).toBe(before);
  });

  test('Mark as sent starts with email, then with the channel used last', async () => {
    const { page } = app;
    // Priya's address is unknown: the note goes out another way.
    await openNote('Thank-you note', 'Priya Raman', false);
    await page.getByRole('button', { name: 'Mark as sent…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark as sent' });
    await dialog.waitFor();
    expect(await dialog.getByLabel('From another email account').isChecked()).toBe(true);
    await dialog.getByLabel('LinkedIn message').check();
    await dialog.getByRole('button', { name: /^Mark as sent/ }).click();
    await page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
    expect(services().workspace.getSettings().lastManualChannel).toBe('linkedin');

    await openNote('Thank-you note', 'Tom Becker');
    await page.getByRole('button', { name: 'Mark as sent…' }).click();
    await dialog.waitFor();
    await vi.waitFor(async () =>
      expect(await dialog.getByLabel('LinkedIn message').isChecked()).toBe(true),
    );
    await app.screenshotAtSizes('43-mark-sent-remembered');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });
});

test('no unexpected problems', () => {
  expect(app.bridge.unexpected).toEqual([]);
  expect(app.problems).toEqual([]);
});
