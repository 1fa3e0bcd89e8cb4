/**
 * axe-core finds nothing in any view, light and dark, at the smallest supported window and a
 * large one: the first start, the connect form, home (with a search typed, a row menu and the
 * snooze dialog open), an application (and its mark-as-sent dialog), the application form (with
 * an error and its delete dialog), the interview and note editors, review, invitations and
 * settings with the sample workspace, and home and an application with the large one (axe needs
 * 10 to 60 s a pass over its thousand rows, with the load). Violations inside the components on
 * NOT_YET_CLEAN (./axe.ts) are listed apart in test-results/accessibility-not-yet-clean.txt and
 * do not fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, test } from 'vitest';
import type { AppPage } from '../support/bridge/harness';
import { DEFAULT_NOW } from '../support/bridge/server';
import { loadLargeWorkspace } from '../support/large-workspace';
import { axeViolations, describeViolations, splitViolations, type AxeViolation } from './axe';
import { goHome, obligationRow, openAppForFile } from './ui';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(__dirname, '../fixtures/ics');
const SIZES = [
  [1024, 640],
  [1600, 1000],
] as const;
const DEFAULT_VIEWPORT = { width: 1280, height: 860 };

/** What axe found in the not-yet-clean components, by view, size and scheme. */
const notYetClean: string[] = [];

afterAll(() => {
  const file = path.join(ROOT, 'test-results', 'accessibility-not-yet-clean.txt');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, notYetClean.join('\n\n') + '\n');
});

/**
 * Runs axe on the view at both sizes in both schemes; fails with every violation listed.
 * `reopen` brings back what a resize closes (a menu) before each run.
 */
async function expectClean(page: Page, view: string, reopen?: () => Promise<void>): Promise<void> {
  const failures: string[] = [];
  try {
    for (const [width, height] of SIZES) {
      await page.setViewportSize({ width, height });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await reopen?.();
        const found: AxeViolation[] = await axeViolations(page);
        const { page: own, notYetClean: known } = splitViolations(found);
        const where = `${view} at ${width}×${height}, ${scheme}`;
        if (own.length > 0) failures.push(`${where}:\n${describeViolations(own)}`);
        if (known.length > 0) notYetClean.push(`${where}:\n${describeViolations(known, 3)}`);
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize(DEFAULT_VIEWPORT);
  }
  expect(failures.join('\n\n'), `axe violations in ${view}`).toBe('');
}

function sidebar(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

async function heading(page: Page, name: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name }).waitFor();
}

describe('every view with the sample workspace', () => {
  let app: AppPage;
  openAppForFile((opened) => {
    app = opened;
  });

  test('the first start', async () => {
    await heading(app.page, 'Welcome to Followthrough');
    await expectClean(app.page, 'Welcome');
  });

  test('connecting an account from the first start', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Connect an email account' }).click();
    await heading(page, 'Connect an email account');
    await expectClean(page, 'Connect (first start)');
    await page.getByRole('button', { name: 'Back to the start' }).click();
    await heading(page, 'Welcome to Followthrough');
  });

  test('home', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Load the sample workspace' }).click();
    await heading(page, 'Who still needs a note');
    await expectClean(page, 'Home');
  });

  test('home with a search that hides some rows', async () => {
    const { page } = app;
    const field = page.getByLabel('Search people, companies and roles');
    await field.fill('northwind');
    await obligationRow(page, 'Thank-you note', 'Ada Okafor').waitFor();
    await expectClean(page, 'Home, searching');
    await field.fill('');
  });

  test('home with a row menu open, and the snooze dialog', async () => {
    const { page } = app;
    const row = obligationRow(page, 'Thank-you note', 'Ada Okafor');
    const openMenu = async () => {
      // A resize closes the menu a moment later; wait for that before looking.
      await page.evaluate('new Promise((r) => requestAnimationFrame(() => r(null)))');
      if (await page.getByRole('menu').isVisible()) return;
      await row.getByRole('button', { name: /^More actions for / }).click();
      await page.getByRole('menu').waitFor();
    };
    await expectClean(page, 'Home, a row menu open', openMenu);
    // Going back to the usual window size closed it.
    await page.getByRole('menu').waitFor({ state: 'hidden' });
    await openMenu();
    await page.getByRole('menuitem', { name: /^Snooze/ }).click();
    await page.getByRole('dialog').waitFor();
    await expectClean(page, 'Home, snooze dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  test('an application', async () => {
    const { page } = app;
    await sidebar(page)
      .getByRole('button', { name: /Northwind Analytics/ })
      .click();
    await heading(page, 'Northwind Analytics');
    await expectClean(page, 'Application');
  });

  test('marking a note as sent from an application', async () => {
    const { page } = app;
    const next = page.getByRole('region', { name: 'Next thing to do' });
    await next.getByRole('button', { name: /^More actions for / }).click();
    await page.getByRole('menuitem', { name: 'Mark as sent…' }).click();
    await page.getByRole('dialog').waitFor();
    await expectClean(page, 'Application, mark-as-sent dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  });

  test('the application form', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Edit application' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectClean(page, 'Application form');
    await page.getByLabel('Company', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('alert').first().waitFor();
    await expectClean(page, 'Application form with an error');
    await page.getByRole('button', { name: 'Delete application…' }).click();
    await page.getByRole('dialog').waitFor();
    await expectClean(page, 'Application form, delete dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    await sidebar(page)
      .getByRole('button', { name: /Northwind Analytics/ })
      .click();
    await heading(page, 'Northwind Analytics');
  });

  test('the interview editor', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /^Edit the panel interview/ }).click();
    await heading(page, 'Edit interview');
    await expectClean(page, 'Interview editor');
  });

  test('the note editor', async () => {
    const { page } = app;
    await goHome(page);
    await obligationRow(page, 'Thank-you note', 'Ada Okafor')
      .getByRole('button', { name: /^Write note/ })
      .click();
    await heading(page, 'Note to Ada Okafor');
    await expectClean(page, 'Draft editor');
  });

  test('review', async () => {
    const { page } = app;
    app.bridge.emit('app:navigate', { to: 'review' });
    await heading(page, 'To review');
    await expectClean(page, 'Review');
  });

  test('invitations, with one waiting', async () => {
    const { page } = app;
    app.bridge.emit('app:navigate', { to: 'invitations' });
    await heading(page, 'Invitations');
    await page
      .getByLabel('Import a calendar file…')
      .setInputFiles(path.join(FIXTURES, 'google-panel.ics'));
    await page.getByRole('article', { name: /Panel interview with/ }).waitFor();
    await expectClean(page, 'Invitations');
  });

  test('settings', async () => {
    const { page } = app;
    app.bridge.emit('app:navigate', { to: 'settings' });
    await heading(page, 'Settings');
    await expectClean(page, 'Settings');
  });

  test('people, with one person open', async () => {
    const { page } = app;
    await sidebar(page).getByRole('button', { name: 'People' }).click();
    await heading(page, 'People');
    await page
      .getByRole('button', { name: /Inès Moreau/ })
      .first()
      .click();
    await page.getByRole('heading', { level: 2, name: 'Inès Moreau' }).waitFor();
    await expectClean(page, 'People');
  });

  test('home with notes selected and an undo offer, the palette and the keys help', async () => {
    const { page } = app;
    app.bridge.emit('app:navigate', { to: 'home' });
    await heading(page, 'Who still needs a note');
    const first = page.locator('[data-group="overdue"] [data-row]').first();
    await first.focus();
    await page.keyboard.press('x');
    await page.getByRole('toolbar', { name: 'Selected notes' }).waitFor();
    await expectClean(page, 'Home with notes selected');
    await page
      .getByRole('toolbar', { name: 'Selected notes' })
      .getByRole('button', { name: 'Snooze…' })
      .click();
    await page
      .getByRole('dialog', { name: 'Snooze' })
      .getByRole('button', { name: 'Snooze', exact: true })
      .click();
    await page.getByTestId('undo-bar').waitFor();
    await expectClean(page, 'Home with an undo offer');
    await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();

    await page.keyboard.press('Control+k');
    const palette = page.getByRole('dialog', { name: 'Find anything' });
    await palette.getByRole('combobox').fill('north');
    await expectClean(page, 'The command palette');
    await page.keyboard.press('Escape');
    await page.locator('[data-row]').first().focus();
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await expectClean(page, 'The keys help');
    await page.keyboard.press('Escape');
  });

  test('email accounts', async () => {
    const { page } = app;
    await sidebar(page).getByRole('button', { name: 'Email accounts' }).click();
    await heading(page, 'Connect an email account');
    await expectClean(page, 'Connect');
  });
});

describe('home and an application with the large workspace', () => {
  let app: AppPage;
  openAppForFile(async (opened) => {
    app = opened;
    loadLargeWorkspace(app.bridge.services, { now: DEFAULT_NOW });
    await app.page.reload();
    await heading(app.page, 'Who still needs a note');
  });

  // axe takes a while over a thousand rows, eight times over.
  test('home', { timeout: 300_000 }, async () => {
    await expectClean(app.page, 'Home (large workspace)');
  });

  test('an application', { timeout: 120_000 }, async () => {
    const { page } = app;
    await sidebar(page)
      .getByRole('button', { name: /Amber Analytics/ })
      .click();
    await heading(page, 'Amber Analytics');
    await expectClean(page, 'Application (large workspace)');
  });
});
