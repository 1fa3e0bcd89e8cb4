import { describe, expect, test, vi } from 'vitest';
import type { AppPage } from '../support/bridge/harness';
import { goHome, obligationRow, openAppForFile, rowMenu } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let app: AppPage;

openAppForFile(async (opened) => {
  app = opened;
  await app.page.getByRole('button', { name: 'Load the sample workspace' }).click();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
});

const thanks = (person: string) => obligationRow(app.page, 'Thank-you note', person);
const counts = () => app.page.getByTestId('home-counts');
const body = () => app.page.getByLabel('Note', { exact: true });
const findings = () => app.page.getByRole('list', { name: 'What the checks found' });

async function openNote(person: string) {
  await goHome(app.page);
  await thanks(person)
    .getByRole('button', { name: /^Write note/ })
    .click();
  await app.page.getByRole('heading', { level: 1, name: `Note to ${person}` }).waitFor();
}

describe('home: counts and snoozing', () => {
  test('overdue notes are counted and listed first, and the first row leads to its note', async () => {
    const { page } = app;
    await counts().getByText('3 overdue').waitFor();
    // No account: the sidebar says so, and nothing claims a sync.
    expect(await page.getByTestId('sync-status').textContent()).toContain(
      'No email account connected',
    );
    expect(await page.getByTestId('home-status').count()).toBe(0);
    await app.screenshot('20-home-overdue');

    await page
      .locator('[data-group="overdue"] [data-row]')
      .first()
      .getByRole('button', { name: /^Write note/ })
      .click();
    await page
      .getByRole('heading', { level: 1, name: /^Note to (Ada Okafor|Lars Eriksen)$/ })
      .waitFor();
    await page.getByRole('button', { name: 'Back to who needs a note' }).click();
    await page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
  });

  test('snoozing takes an item out of the overdue count until it wakes up', async () => {
    const { page } = app;
    const rosa = obligationRow(page, 'Short thanks for arranging', 'Rosa Delgado');
    await rowMenu(page, rosa, 'Snooze the short thanks for arranging for Rosa Delgado');
    const dialog = page.getByRole('dialog', { name: 'Snooze' });
    await dialog.getByRole('radio', { name: /^Tomorrow morning/ }).waitFor();
    expect(await dialog.getByRole('radio', { name: /^Tomorrow morning/ }).isChecked()).toBe(true);
    expect(await dialog.textContent()).toContain('Wed, 25 Nov 2026, 08:00');
    await app.screenshot('21-snooze-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Snooze', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });

    await expect.poll(() => page.title()).toBe('Followthrough (2 overdue)');
    await counts().getByText('1 snoozed').waitFor();
    expect((await counts().textContent())?.replace(/\s+/g, ' ')).toContain('2 overdue');
    expect(await page.locator('[data-group="overdue"] .group-count').textContent()).toBe('2 notes');
    expect(
      await page
        .locator('[data-group="overdue"]')
        .getByRole('heading', { level: 3 })
        .allTextContents(),
    ).toEqual(['Ada Okafor', 'Lars Eriksen']);
    const sidebar = page.getByRole('navigation', { name: 'Main' });
    expect(
      await sidebar
        .getByRole('button', { name: /Northwind Analytics/ })
        .getByText('2')
        .count(),
    ).toBe(1);

    // The snoozed group starts closed and says until when.
    const snoozed = page.locator('[data-group="snoozed"]');
    expect(await snoozed.getAttribute('open')).toBeNull();
    await snoozed.getByText('Snoozed', { exact: true }).click();
    // Its rows are drawn once it has opened (the toggle event comes a moment after the click).
    await expect
      .poll(() => snoozed.textContent())
      .toContain('Snoozed until Wed, 25 Nov 2026, 08:00');
    await app.screenshot('22-home-snoozed');
    // A snoozed note is woken, not selected or snoozed again.
    expect(await snoozed.getByRole('checkbox').count()).toBe(0);
    await snoozed.getByRole('button', { name: 'More actions for Rosa Delgado' }).click();
    const items = await page.getByRole('menuitem').allTextContents();
    expect(items.some((item) => item.startsWith('Write note'))).toBe(true);
    expect(items.some((item) => item.startsWith('Snooze') || item === 'Skip')).toBe(false);
    await page.keyboard.press('Escape');

    await snoozed
      .getByRole('button', { name: 'Wake up the short thanks for arranging for Rosa Delgado' })
      .click();
    await expect.poll(() => page.title()).toBe('Followthrough (3 overdue)');
    await snoozed.waitFor({ state: 'detached' });
  });

  test('a snooze can run until a day and time of the user’s choosing', async () => {
    const { page } = app;
    await rowMenu(page, thanks('Lars Eriksen'), 'Snooze the thank-you note for Lars Eriksen');
    const dialog = page.getByRole('dialog', { name: 'Snooze' });
    await dialog.getByLabel('Pick a date').check();
    await dialog.getByLabel('Date', { exact: true }).fill('2026-11-30');
    await dialog.getByLabel('Time', { exact: true }).fill('09:30');
    await dialog.getByRole('button', { name: 'Snooze', exact: true }).click();
    await page.getByTestId('undo-bar').getByText('Snoozed the note to Lars Eriksen.').waitFor();
    await expect.poll(() => page.title()).toBe('Followthrough (2 overdue)');

    await page.locator('[data-group="snoozed"] summary').click();
    await page.getByText('Snoozed until Mon, 30 Nov 2026, 09:30').first().waitFor();
    await page.getByRole('button', { name: 'Wake up the thank-you note for Lars Eriksen' }).click();
    await expect.poll(() => page.title()).toBe('Followthrough (3 overdue)');
  });

  test('the home has no banners above the list: nothing to dismiss, the counts say it', async () => {
    const { page } = app;
    expect(await page.getByRole('list', { name: 'Alerts' }).count()).toBe(0);
    expect(await page.getByText('3 notes are overdue').count()).toBe(0);
    expect((await counts().textContent())?.replace(/\s+/g, ' ')).toContain('3 overdue');
  });
});

describe('writing a note', () => {
  test('the checks mark what is missing, and the finding goes once it is fixed', async () => {
    const { page } = app;
    await openNote('Ada Okafor');
    expect(await page.getByLabel('Template', { exact: true }).inputValue()).toBe('after-onsite');
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(
      'ada.okafor@northwind.example',
    );
    expect(await body().getAttribute('spellcheck')).toBe('true');

    const placeholder = findings().getByRole('listitem').filter({ hasText: '[[specificPoint]]' });
    await placeholder.waitFor();
    // The range is marked in the text behind the textarea…
    const mark = page.locator('mark.severity-error');
    expect(await mark.allTextContents()).toEqual(['[[specificPoint]]']);
    // The mark lies exactly under the text: same font as the textarea.
    const [markFont, textFont] = await page.evaluate<string[]>(
      '["mark.severity-error", "#draft-body"].map((s) => getComputedStyle(document.querySelector(s)).font)',
    );
    expect(markFont).toBe(textFont);
    expect(textFont).toMatch(/px/);
    await app.screenshot('23-draft-editor');
    // …and "Show in text" selects it.
    await placeholder.getByRole('button', { name: /^Show in text/ }).click();
    const text = await body().inputValue();
    const selected = await page.evaluate<number[]>(
      '[document.activeElement.id, document.activeElement.selectionStart, document.activeElement.selectionEnd]',
    );
    expect(selected).toEqual([
      'draft-body',
      text.indexOf('[[specificPoint]]'),
      text.indexOf('[[specificPoint]]') + '[[specificPoint]]'.length,
    ]);
    expect(
      await page.getByRole('region', { name: 'Earlier notes to Ada' }).textContent(),
    ).toContain('Nothing has gone to Ada Okafor');

    // Fixing the text makes the finding go, as the user types.
    await body().fill(
      text.replace('[[specificPoint]]', 'Your question on replaying late events stayed with me.'),
    );
    await placeholder.waitFor({ state: 'detached' });
    await page.getByTestId('save-state').getByText('Saved').waitFor();

    // Taking the phone out of the signature is found at once, and putting it back clears it.
    const fixed = await body().inputValue();
    await body().fill(fixed.replace('\n+1 555 0100', ''));
    const phone = findings().locator('[data-check="signature-phone"]');
    await phone.waitFor();
    await app.screenshot('24-draft-editor-signature');
    await body().fill(fixed);
    await phone.waitFor({ state: 'detached' });
    await page.getByTestId('save-state').getByText('Saved').waitFor();
  });

  test('the note is kept when the view is left, even right after typing', async () => {
    const { page } = app;
    await body().focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\n\nP.S. The demo of the lineage graph was great.');
    // Leave before the pause that saves: leaving saves.
    await page.getByRole('button', { name: 'Back to who needs a note' }).click();
    await openNote('Ada Okafor');
    const text = await body().inputValue();
    expect(text).toContain('Your question on replaying late events stayed with me.');
    expect(text).toContain('P.S. The demo of the lineage graph was great.');
    await page.getByTestId('save-state').getByText('Saved').waitFor();
    expect(await findings().getByText('[[specificPoint]]').count()).toBe(0);
  });

  test('another template replaces the text only after the user agrees', async () => {
    const { page } = app;
    await openNote('Lars Eriksen');
    const before = await body().inputValue();
    await page
      .getByLabel('Template', { exact: true })
      .selectOption({ label: 'After a video call' });
    const confirm = page.getByRole('dialog', { name: 'Start again from this template?' });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    // The dialog's close event comes a moment after it is hidden.
    await expect
      .poll(() => page.getByLabel('Template', { exact: true }).inputValue())
      .toBe('after-onsite');
    expect(await body().inputValue()).toBe(before);

    await page
      .getByLabel('Template', { exact: true })
      .selectOption({ label: 'After a video call' });
    await confirm.getByRole('button', { name: 'Replace the text' }).click();
    await expect.poll(() => body().inputValue()).not.toBe(before);
    expect(await page.getByLabel('Template', { exact: true }).inputValue()).toBe(
      'after-video-call',
    );
  });

  test('without an account the note can be marked as sent by hand', async () => {
    const { page } = app;
    await page.getByText('Connect an email account to send this note').waitFor();
    expect(await page.getByRole('button', { name: 'Send…' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Mark as sent…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Mark as sent' });
    await dialog.getByLabel('From another email account').check();
    await dialog.getByRole('button', { name: 'Mark as sent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
    await page
      .locator('[data-group="done"]')
      .getByRole('heading', { name: 'Lars Eriksen' })
      .waitFor();
    await expect.poll(() => page.title()).toBe('Followthrough (2 overdue)');
  });

  test('the application timeline offers the note for each person', async () => {
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Northwind Analytics/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Analytics' }).waitFor();
    await page.getByRole('button', { name: 'Write note: thank-you note for Ada Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'Note to Ada Okafor' }).waitFor();
    await page.getByRole('button', { name: 'Back to the application' }).click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Analytics' }).waitFor();
  });
});

describe('review list', () => {
  test('with no synced mail there is nothing to review, and it says so', async () => {
    const { page } = app;
    const item = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^To review/ });
    expect((await item.textContent())?.trim()).toBe('To review');
    await item.click();
    await page.getByRole('heading', { level: 1, name: 'To review' }).waitFor();
    await page.getByRole('heading', { name: 'Nothing to review' }).waitFor();
    await app.screenshot('25-review-empty');
  });
});

test('no console errors and no CSP violations', async () => {
  expect(app.problems).toEqual([]);
  expect(await app.cspViolations()).toEqual([]);
  expect(app.bridge.unexpected).toEqual([]);
});

describe('the menu, the tray and notifications', () => {
  test('open the view or the note they name', async () => {
    const { page, bridge } = app;
    bridge.emit('app:navigate', { to: 'review' });
    await page.getByRole('heading', { level: 1, name: 'To review' }).waitFor();

    const ada = bridge.services.workspace
      .status()
      .obligations.find((o) => o.personName === 'Ada Okafor' && o.kind === 'thank-you')!;
    bridge.emit('app:navigate', { to: 'draft', obligationId: ada.id });
    await page.getByRole('heading', { level: 1, name: 'Note to Ada Okafor' }).waitFor();

    bridge.emit('app:navigate', { to: 'home' });
    await page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
  });
});
