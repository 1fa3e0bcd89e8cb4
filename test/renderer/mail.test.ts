/**
 * The mail journeys in the window: connect an account through the wizard, sync against a
 * real Dovecot, see notes turn done from Sent and a reply ask for an answer, confirm an
 * unsure match, link and unlink by hand, and send a note over a real SMTP receiver.
 */
import type { MailAccount } from '../../src/shared/model';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  ensureRendererBuilt,
  launchChromium,
  openApp,
  type AppPage,
} from '../support/bridge/harness';
import { startHoldProxy, type HoldProxy } from '../support/bridge/hold-proxy';
import { freePort, startDovecot, type Dovecot } from '../support/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../support/smtp-receiver';
import { goHome, obligationRow } from './ui';

vi.setConfig({ testTimeout: 60_000 });

const USER = 'sam';
const PASSWORD = 'imap-pass';
const REFUSED = 'jonas.weber@bluebird.example';

let dovecot: Dovecot;
let smtp: SmtpReceiver;
let proxy: HoldProxy;
let browser: Browser;
let app: AppPage;

beforeAll(async () => {
  ensureRendererBuilt();
  [dovecot, smtp, browser] = await Promise.all([
    startDovecot({ users: [{ user: USER, password: PASSWORD }] }),
    startSmtpReceiver({
      user: USER,
      password: PASSWORD,
      rejectRecipient: (address) =>
        address === REFUSED ? { code: 550, message: 'No such user here' } : null,
    }),
    launchChromium(),
  ]);
  proxy = await startHoldProxy(dovecot.port);
  app = await openApp(browser);
  // A short undo window: these journeys are about what happens after it (Undo has its own file).
  app.bridge.services.workspace.saveSettings({
    ...app.bridge.services.workspace.getSettings(),
    undoSendSeconds: 1,
  });
  await app.page.getByRole('button', { name: 'Load the sample workspace' }).click();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
}, 180_000);

afterAll(async () => {
  await app?.close();
  await browser?.close();
  await proxy?.close();
  await smtp?.stop();
  await dovecot?.stop();
});

function message(headers: Record<string, string>): string {
  return [
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Thank you.',
    '',
  ].join('\r\n');
}

const sidebar = () => app.page.getByRole('navigation', { name: 'Main' });
const syncStatus = () => app.page.getByTestId('sync-status');
const group = (id: string) => app.page.locator(`[data-group="${id}"]`);
const statusLine = () => app.page.getByRole('list', { name: 'Status' });
const body = () => app.page.getByLabel('Note', { exact: true });

async function syncNow() {
  await syncStatus().getByRole('button', { name: 'Sync now' }).click();
  await syncStatus().getByRole('button', { name: 'Sync now' }).waitFor();
}

async function openNote(kind: string, person: string) {
  await goHome(app.page);
  await obligationRow(app.page, kind, person)
    .getByRole('button', { name: /^Write note/ })
    .click();
  await app.page.getByRole('heading', { level: 1, name: `Note to ${person}` }).waitFor();
}

describe('connecting and syncing', () => {
  test('an account connected through the wizard is read at once', async () => {
    const { page } = app;
    await sidebar().getByRole('button', { name: 'Email accounts' }).click();
    await page.getByLabel('Provider', { exact: true }).selectOption('other');
    await page.getByLabel('Email address', { exact: true }).fill('sam.rivera@example.com');
    await page.getByLabel('Password or app password').fill(PASSWORD);
    await page.getByLabel('Name in the app').fill('Work mail');
    await page.getByLabel('User name', { exact: true }).fill(USER);
    await page.getByLabel('Incoming (IMAP) server').fill('127.0.0.1');
    await page.getByLabel('IMAP port', { exact: true }).fill(String(proxy.port));
    await page.getByLabel('IMAP security').selectOption('plaintext');
    await page.getByLabel('Outgoing (SMTP) server').fill('127.0.0.1');
    await page.getByLabel('SMTP port', { exact: true }).fill(String(smtp.port));
    await page.getByLabel('SMTP security').selectOption('plaintext');

    // A wrong SMTP port: reading works, sending does not, and the outgoing line says why.
    await page.getByLabel('SMTP port', { exact: true }).fill(String(await freePort()));
    await page.getByRole('button', { name: 'Test connection' }).click();
    const failure = page.getByTestId('connection-failure');
    await failure.getByText('Reading mail works; sending does not yet.').waitFor();
    expect(await page.getByTestId('incoming-result').textContent()).toContain('Sent folder: Sent');
    const outgoing = await page.getByTestId('outgoing-result').textContent();
    expect(outgoing).toContain('Reaching the server failed.');
    expect(outgoing).toMatch(/refused the connection\. Check the port/);
    await app.screenshotAtSizes('39-connect-outgoing-failed', failure);

    await page.getByLabel('SMTP port', { exact: true }).fill(String(smtp.port));
    await page.getByRole('button', { name: 'Test connection' }).click();
    await page.getByText('Connected: reading and sending both work.').waitFor();
    expect(await page.getByTestId('incoming-result').textContent()).toContain('Sent folder: Sent');
    expect(await page.getByTestId('outgoing-result').textContent()).toContain('signed in');
    // Testing signs in to the SMTP server and sends nothing.
    expect(smtp.messages).toHaveLength(0);

    await page.getByRole('button', { name: 'Save and read mail' }).click();
    await page.getByText('Work mail is up to date').waitFor();
    await syncStatus().getByText('Synced just now').waitFor();
    expect(await syncStatus().textContent()).toContain('Work mail');
  });

  test('a note found in Sent turns done; the sync shows its progress meanwhile', async () => {
    const { page } = app;
    await dovecot.appendMessages(USER, 'Sent', [
      message({
        'Message-ID': '<thanks-ada@example.com>',
        Date: 'Mon, 23 Nov 2026 18:10:00 +0100',
        From: 'Sam Rivera <sam.rivera@example.com>',
        To: 'Ada Okafor <ada.okafor@northwind.example>',
        Subject: 'Thank you - Senior Data Engineer interview - Sam Rivera',
      }),
    ]);
    await goHome(page);
    expect(await group('overdue').getByRole('heading', { name: 'Ada Okafor' }).count()).toBe(1);

    // Hold the sync where it fetches the headers of Sent: the footer says what it reads.
    const held = proxy.holdAt(/UID FETCH .*HEADER\.FIELDS/i);
    await syncStatus().getByRole('button', { name: 'Sync now' }).click();
    await held;
    await syncStatus().getByText('Reading Sent: 0 of 1').waitFor();
    expect(await syncStatus().getByRole('progressbar').count()).toBe(1);
    await app.screenshot('30-sync-in-progress', { fullPage: false });
    proxy.release();

    const done = group('done').getByRole('article', { name: 'Thank-you note for Ada Okafor' });
    await done.waitFor();
    expect(await done.textContent()).toContain('Found in Sent,');
    await expect.poll(() => page.title()).toBe('Followthrough (2 overdue)');
    await syncStatus().getByText('Synced just now').waitFor();
    // The round's one check-in comes next, to Rosa, who said she would be in touch.
    await group('waiting')
      .getByRole('article', { name: 'Check-in about the decision for Rosa Delgado' })
      .waitFor();
  });

  test('a reply in the inbox asks for an answer; not read yet, it leaves the check-in', async () => {
    const { page } = app;
    await dovecot.appendMessages(USER, 'INBOX', [
      message({
        'Message-ID': '<reply-ada@northwind.example>',
        Date: 'Tue, 24 Nov 2026 08:30:00 +0100',
        From: 'Ada Okafor <ada.okafor@northwind.example>',
        To: 'sam.rivera@example.com',
        'In-Reply-To': '<thanks-ada@example.com>',
        Subject: 'Re: Thank you - Senior Data Engineer interview - Sam Rivera',
      }),
    ]);
    await syncNow();
    const banner = statusLine().getByRole('listitem').filter({ hasText: 'Ada Okafor wrote back' });
    await banner.waitFor();
    await page.getByRole('article', { name: 'Reply to their message for Ada Okafor' }).waitFor();
    expect(
      await page
        .getByRole('article', { name: 'Check-in about the decision for Rosa Delgado' })
        .count(),
    ).toBe(1);
    await app.screenshot('31-home-reply-banner');

    await banner.getByRole('button', { name: 'Reply to Ada Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Note to Ada Okafor' }).waitFor();
    // The thank-you found in Sent is listed as an earlier note to her.
    const history = page.getByRole('region', { name: 'Earlier notes to Ada' });
    await history.getByText('Found in Sent').waitFor();
    expect(await history.textContent()).toContain(
      'Thank you - Senior Data Engineer interview - Sam Rivera',
    );
  });
});

describe('unsure matches and manual links', () => {
  test('a note to the right name at another address waits for review; Confirm counts it', async () => {
    const { page } = app;
    await dovecot.appendMessages(USER, 'Sent', [
      message({
        'Message-ID': '<thanks-lars@example.com>',
        Date: 'Mon, 23 Nov 2026 19:00:00 +0100',
        From: 'Sam Rivera <sam.rivera@example.com>',
        To: 'Lars Eriksen <lars.e@gmail.example>',
        Subject: 'Thank you for Friday',
      }),
    ]);
    await goHome(page);
    await syncNow();
    // The unsure match and the reply read earlier that says nothing clear.
    await statusLine()
      .getByRole('button', { name: /messages? to review$/ })
      .click();

    await page.getByRole('heading', { level: 1, name: 'To review' }).waitFor();
    const row = page.getByRole('article', { name: 'Message: Thank you for Friday' });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Lars Eriksen <lars.e@gmail.example>');
    expect(text).toContain('Mon, 23 Nov 2026, 19:00');
    expect(text).toContain('Might be about Lars Eriksen');
    expect(text).toContain('Northwind Analytics');
    expect(text).toContain('not one you have for them');
    await app.screenshot('32-review');

    await row.getByRole('button', { name: 'Confirm' }).click();
    await page.getByText('counts as a note to Lars Eriksen').waitFor();
    await row.waitFor({ state: 'hidden' });
    // No message waits any more (the reply read earlier, which says nothing clear, still does).
    expect(await page.getByRole('article', { name: /^Message:/ }).count()).toBe(0);
    await goHome(page);
    await group('done').getByRole('article', { name: 'Thank-you note for Lars Eriksen' }).waitFor();
  });

  test('a wrong match is undone with “Not this message”, and a message linked by hand', async () => {
    const { page } = app;
    await sidebar()
      .getByRole('button', { name: /Northwind Analytics/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Analytics' }).waitFor();
    await page
      .getByRole('button', { name: 'Not this message: “Thank you for Friday” to Lars Eriksen' })
      .click();
    await page.getByText('“Thank you for Friday” no longer counts for Lars Eriksen.').waitFor();
    const more = page.getByRole('button', {
      name: 'More actions for Lars Eriksen: thank-you note',
    });
    await more.click();
    await page.getByRole('menuitem', { name: 'Link a message to Lars Eriksen…' }).click();

    const dialog = page.getByRole('dialog', { name: 'Link a message' });
    await dialog.getByLabel('Search synced mail by subject or address').fill('gmail');
    const found = dialog.getByRole('list', { name: 'Messages found' }).getByRole('listitem');
    await expect.poll(() => found.count()).toBe(1);
    const pick = dialog.getByRole('button', { name: /^Link “Thank you for Friday”/ });
    await app.screenshot('33-link-message-dialog', { fullPage: false });
    await pick.click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .getByRole('button', { name: 'Not this message: “Thank you for Friday” to Lars Eriksen' })
      .waitFor();
    expect(await more.count()).toBe(0);
  });
});

describe('sending from the app', () => {
  test('a note is sent once, after a confirmation that names the recipient', async () => {
    const { page } = app;
    await openNote('Short thanks for arranging', 'Rosa Delgado');
    await page.getByText('From sam.rivera@example.com', { exact: true }).waitFor();
    const before = smtp.messages.length;

    const text = await body().inputValue();
    await body().fill(text.replace(/\[\[\w+\]\]/g, 'It was a pleasure to meet you.'));
    // Ctrl+Enter (Cmd+Enter on a Mac) asks, as Send does; nothing goes out until confirmed.
    await body().focus();
    await page.keyboard.press('Control+Enter');
    const confirm = page.getByRole('dialog', { name: 'Send this note now?' });
    await confirm.waitFor();
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(smtp.messages.length).toBe(before);
    await body().focus();
    await page.keyboard.press('Meta+Enter');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain(
      'Rosa Delgado <rosa.delgado@northwind.example> from sam.rivera@example.com',
    );
    await app.screenshot('34-send-confirm', { fullPage: false });
    await confirm.getByRole('button', { name: 'Send now' }).click();

    const summary = page.getByTestId('sent-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toMatch(
      /Sent\s+on .+ to rosa\.delgado@northwind\.example from sam\.rivera@example\.com/,
    );
    expect(await page.getByRole('button', { name: 'Send…' }).count()).toBe(0);
    expect(await page.getByLabel('Note', { exact: true }).count()).toBe(0);
    await app.screenshot('35-draft-sent');
    expect(smtp.messages.length).toBe(before + 1);
    expect(smtp.messages.at(-1)?.envelopeTo).toEqual(['rosa.delgado@northwind.example']);

    await goHome(page);
    await group('done')
      .getByRole('article', { name: 'Short thanks for arranging for Rosa Delgado' })
      .waitFor();
  });

  test('a note with a placeholder left, or no text, cannot go out; the editor shows what to fix', async () => {
    const { page } = app;
    await openNote('Thank-you note', 'Jonas Weber');
    const before = smtp.messages.length;
    expect(await body().inputValue()).toMatch(/\[\[\w+\]\]/);
    const blocked = page.getByTestId('send-blocked');
    expect(await blocked.textContent()).toMatch(/cannot go out yet/);

    await page.getByRole('button', { name: 'Send…' }).click();
    expect(await page.getByRole('dialog', { name: 'Send this note now?' }).count()).toBe(0);
    expect(await blocked.getAttribute('role')).toBe('alert');
    // The user is taken to the placeholder: it is selected in the note.
    const selected = await body().evaluate((el) => {
      const area = el as unknown as { value: string; selectionStart: number; selectionEnd: number };
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    expect(selected).toMatch(/^\[\[\w+\]\]$/);
    await app.screenshotAtSizes('37-draft-send-blocked', page.getByLabel('Note', { exact: true }));

    const text = await body().inputValue();
    await body().fill('');
    await page.getByRole('button', { name: 'Send…' }).click();
    await blocked.filter({ hasText: 'Write the note: it is empty.' }).waitFor();
    expect(await page.getByRole('dialog', { name: 'Send this note now?' }).count()).toBe(0);
    expect(smtp.messages.length).toBe(before);
    await body().fill(text);
  });

  test('a send the server refuses says why and keeps the text', async () => {
    const { page } = app;
    await openNote('Thank-you note', 'Jonas Weber');
    const filled = (await body().inputValue()).replace(/\[\[\w+\]\]/g, 'the tour of the lab');
    const text = `${filled}\n\nP.S. Thanks for the tour.`;
    await body().fill(text);
    await page.getByRole('button', { name: 'Send…' }).click();
    await page
      .getByRole('dialog', { name: 'Send this note now?' })
      .getByRole('button', { name: 'Send now' })
      .click();
    const error = page.getByTestId('draft-message');
    await error.getByText(/^Not sent\./).waitFor();
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toContain('No such user here');
    expect(await body().inputValue()).toBe(text);
    expect(await page.getByRole('button', { name: 'Send…' }).isEnabled()).toBe(true);
    await app.screenshot('36-draft-send-failed');

    // Opened again later, the note still says why the last try failed.
    await openNote('Thank-you note', 'Jonas Weber');
    const failed = page.getByRole('alert').filter({ hasText: 'The last send failed.' });
    expect(await failed.textContent()).toContain('No such user here');
    expect(await body().inputValue()).toBe(text);
  });

  test('a note can be put in the Drafts folder to finish elsewhere', async () => {
    const { page } = app;
    await openNote('Thank-you note', 'Tom Becker');
    // Nothing with a placeholder left goes anywhere, not even to the Drafts folder.
    await page.getByRole('button', { name: 'Save to Drafts folder' }).click();
    await page.getByTestId('send-blocked').and(page.getByRole('alert')).waitFor();
    expect(await page.getByText('Saved to the Drafts folder').count()).toBe(0);
    await body().fill((await body().inputValue()).replace(/\[\[\w+\]\]/g, 'the roadmap'));
    await page.getByRole('button', { name: 'Save to Drafts folder' }).click();
    await page.getByText('Saved to the Drafts folder of Work mail').waitFor();
    const client = await dovecot.adminClient(USER);
    try {
      const status = await client.status('Drafts', { messages: true });
      expect(status && status.messages).toBe(1);
    } finally {
      await client.logout();
    }
  });
});

describe('a failing sync', () => {
  test('is shown with what went wrong and a way to fix it', async () => {
    const { page } = app;
    await sidebar().getByRole('button', { name: 'Email accounts' }).click();
    const accounts = page.getByRole('region', { name: 'Connected accounts' });
    await accounts.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Password or app password').fill('not-the-password');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await syncStatus().getByText('Sync failed.').waitFor();

    await goHome(page);
    expect(await syncStatus().getByRole('button', { name: 'Fix the account' }).count()).toBe(1);
    const banner = statusLine()
      .getByRole('listitem')
      .filter({ hasText: 'Work mail could not be read' });
    await banner.waitFor();
    const reason = (
      (await syncStatus().locator('[data-state="error"] .line').textContent()) ?? ''
    ).replace('Sync failed.', '');
    expect(reason.length).toBeGreaterThan(10);
    expect(await banner.textContent()).toContain(reason.trim());
    await app.screenshot('37-home-sync-failed');

    await banner.getByRole('button', { name: 'Fix the account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect an email account' }).waitFor();
    await accounts.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Password or app password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await syncStatus().getByText('Synced just now').waitFor();
    await goHome(page);
    expect(await page.getByText('Work mail could not be read').count()).toBe(0);
  });

  test('a sync started by the app itself (timer, new mail) shows its result at once', async () => {
    const { services } = app.bridge;
    const account: MailAccount = services.accounts.list()[0]!.account;
    // The password changes behind the window's back; the next background sync fails.
    services.accounts.save({ ...account, password: 'changed-elsewhere' });
    await services.sync.syncAll();
    await syncStatus().getByText('Sync failed.').waitFor();

    services.accounts.save({ ...account, password: PASSWORD });
    await services.sync.syncAll();
    await syncStatus().getByText('Synced just now').waitFor();
  });
});

describe('a saved password', () => {
  test('is asked for again at the password field when the server changes', async () => {
    const { page } = app;
    await sidebar().getByRole('button', { name: 'Email accounts' }).click();
    const accounts = page.getByRole('region', { name: 'Connected accounts' });
    await accounts.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('IMAP port', { exact: true }).fill(String(dovecot.port));
    await page.getByRole('button', { name: 'Test connection' }).click();
    const password = page.getByLabel('Password or app password');
    await page
      .locator('#account-password-error')
      .getByText(/The server or user name changed, so enter the password again/)
      .waitFor();
    expect(await password.getAttribute('aria-invalid')).toBe('true');
    await app.screenshot('38-connect-password-again');

    // With the password typed again, the changed server is saved and read.
    await password.fill(PASSWORD);
    await page.getByRole('button', { name: 'Save changes' }).click();
    await syncStatus().getByText('Synced just now').waitFor();
    expect(app.bridge.services.accounts.list()[0]!.account.imap.port).toBe(dovecot.port);
  });
});

test('no console errors and no CSP violations', async () => {
  expect(app.problems).toEqual([]);
  expect(await app.cspViolations()).toEqual([]);
  expect(app.bridge.unexpected).toEqual([]);
});
