import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import type { Workspace } from '../../src/shared/model';
import type { AppPage } from '../support/bridge/harness';
import { openAppForFile, rowMenu } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let app: AppPage;

openAppForFile((opened) => {
  app = opened;
});

/** The row for one obligation on the home view. */
function row(name: string) {
  return app.page.getByRole('article', { name: `Thank-you note for ${name}` });
}

describe('tracking by hand', () => {
  test('a new application needs a company and a role', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add an application' }).click();
    await page.getByRole('heading', { level: 1, name: 'New application' }).waitFor();
    await page.getByLabel('Link to the job posting').fill('not a link');
    await page.getByRole('button', { name: 'Save application' }).click();
    await page.getByText('Company is required').waitFor();
    expect(await page.getByLabel('Company', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await app.screenshot('10-application-form-errors');

    await page.getByLabel('Company', { exact: true }).fill('Halcyon Maps');
    await page.getByLabel('Role', { exact: true }).fill('Frontend Engineer');
    await page.getByLabel('Link to the job posting').fill('https://jobs.halcyon.example/fe');
    await page.getByLabel('Company mail domains').fill('halcyon.example');
    await page.getByLabel('Status', { exact: true }).selectOption('interviewing');
    await page.getByLabel('Applied on').fill('2026-11-02');
    await page.getByRole('button', { name: 'Save application' }).click();
    await page.getByRole('heading', { level: 1, name: 'Halcyon Maps' }).waitFor();
    await page.getByText('Nothing yet. Add an interview').waitFor();
    await app.screenshot('11-application-new');
  });

  test('a panel of two interviewers means two thank-you notes', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Add an interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'New interview' }).waitFor();
    expect(await page.getByLabel('Time zone', { exact: true }).inputValue()).toBe('Europe/Berlin');
    await page.getByLabel('Kind', { exact: true }).selectOption('panel');
    await page.getByLabel('Date', { exact: true }).fill('2026-11-23');
    await page.getByLabel('Starts', { exact: true }).fill('14:00');
    await page.getByLabel('Ends', { exact: true }).fill('15:00');
    await page.getByLabel('Place or meeting link').fill('Halcyon office, Berlin');

    const people = page.getByTestId('participant');
    await people.nth(0).getByLabel('Name', { exact: true }).fill('Nora Lindqvist');
    await people.nth(0).getByLabel('Email addresses', { exact: true }).fill('nora@halcyon.example');
    await people.nth(0).getByLabel('What you talked about').fill('Map tile caching');
    await page.getByRole('button', { name: 'Add an interviewer' }).click();
    await people.nth(1).getByLabel('Name', { exact: true }).fill('Sami Haddad');
    await people.nth(1).getByLabel('Email addresses', { exact: true }).fill('not-an-address');
    await people.nth(1).getByLabel('First name is fine').check();
    await page.getByRole('button', { name: 'Save interview' }).click();
    // Wait for the check to come back: the field is marked and its message shown under it.
    const emails = people.nth(1).getByLabel('Email addresses', { exact: true });
    await emails.and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await people.nth(1).locator('.error').allTextContents()).toEqual([
      expect.stringMatching(/email/i),
    ]);
    await app.screenshot('12-interview-editor-errors');

    await people.nth(1).getByLabel('Email addresses', { exact: true }).fill('sami@halcyon.example');
    await page.getByRole('button', { name: 'Save interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Halcyon Maps' }).waitFor();
    const timeline = page.locator('ol.timeline');
    await timeline.getByRole('heading', { name: 'Panel interview' }).waitFor();
    expect(await timeline.getByText('Mon, 23 Nov 2026, 14:00–15:00').count()).toBe(1);
    await app.screenshot('13-application-with-interview');

    await page.getByRole('button', { name: /Who needs a note/ }).click();
    const today = page.locator('[data-group="today"]');
    await today.waitFor();
    expect(await today.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Nora Lindqvist',
      'Sami Haddad',
    ]);
    await row('Nora Lindqvist').getByRole('button', { name: /^Why/ }).click();
    expect(await row('Nora Lindqvist').textContent()).toContain('Tue, 24 Nov 2026, 23:59');
    await app.screenshot('14-home-two-notes');
  });

  test('marking a note as sent by letter moves it to done', async () => {
    const { page } = app;
    await rowMenu(page, row('Sami Haddad'), 'Mark as sent…');
    const dialog = page.getByRole('dialog', { name: 'Mark as sent' });
    await dialog.waitFor();
    await dialog.getByLabel('Letter').check();
    await dialog.getByLabel('Note for yourself (optional)').fill('Posted from the office');
    await app.screenshot('15-mark-sent-dialog', { fullPage: false });
    await dialog.getByRole('button', { name: 'Mark as sent' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const done = page.locator('[data-group="done"]');
    await done.getByRole('heading', { name: 'Sami Haddad' }).waitFor();
    expect(await done.textContent()).toContain('Marked by hand: sent by letter');
    const today = page.locator('[data-group="today"]');
    expect(await today.getByRole('heading', { level: 3 }).allTextContents()).toEqual([
      'Nora Lindqvist',
    ]);
    await app.screenshot('16-home-after-mark');

    // The application shows the manual contact, and it can be undone.
    await rowMenu(page, row('Nora Lindqvist'), 'Open the Halcyon Maps application');
    await page.getByRole('heading', { level: 1, name: 'Halcyon Maps' }).waitFor();
    const undo = page.getByRole('button', { name: /^Undo: Sent by letter on .* to Sami Haddad$/ });
    await undo.waitFor();
    await app.screenshot('17-application-marked');
    await undo.click();
    await undo.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /Who needs a note/ }).click();
    await page
      .locator('[data-group="today"]')
      .getByRole('heading', { name: 'Sami Haddad' })
      .waitFor();
  });

  test('changing the thank-you window changes the due time shown', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    await page.getByLabel('Within 48 hours').check();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Saved. Due times are updated.').waitFor();

    await page.getByRole('button', { name: /Who needs a note/ }).click();
    const upcoming = page.locator('[data-group="upcoming"]');
    await upcoming.getByRole('heading', { name: 'Nora Lindqvist' }).waitFor();
    // The row is opened again after the reload of the list: ask why once more.
    const why = row('Nora Lindqvist').getByRole('button', { name: /^Why/ });
    if ((await why.getAttribute('aria-expanded')) !== 'true') await why.click();
    const text = await row('Nora Lindqvist').textContent();
    expect(text).toContain('Wed, 25 Nov 2026, 15:00');
    expect(text).toContain('within 48 hours');
  });

  test('profile and rules survive a reload; bad input is explained', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Full name').fill('Alex Example');
    await page.getByLabel('Email', { exact: true }).fill('alex@@example');
    await page.getByRole('button', { name: 'Save signature' }).click();
    await page.locator('#email-error').waitFor();
    await page.getByLabel('Email', { exact: true }).fill('alex@example.org');
    await page.getByRole('button', { name: 'Save signature' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();

    const fallback = page.getByLabel('Check-in without a date (days)');
    await fallback.fill('0');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await fallback.and(page.locator('[aria-invalid="true"]')).waitFor();
    expect(await page.locator('#fallback-error').textContent()).toBe('Must be at least 1');
    await app.screenshot('18-settings-rule-error');
    await fallback.fill('10');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Saved. Due times are updated.').waitFor();

    await page.reload();
    await page.getByRole('button', { name: 'Settings' }).click();
    expect(await page.getByLabel('Full name').inputValue()).toBe('Alex Example');
    expect(await page.getByLabel('Within 48 hours').isChecked()).toBe(true);
    expect(await page.getByLabel('Check-in without a date (days)').inputValue()).toBe('10');
    await app.screenshot('18-settings-filled');
  });

  test('someone met before can be picked for a later interview', async () => {
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Halcyon Maps/ })
      .click();
    await page.getByRole('button', { name: 'Add an interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'New interview' }).waitFor();
    await page.getByLabel('Kind', { exact: true }).selectOption('onsite');
    await page.getByLabel('Date', { exact: true }).fill('2026-12-03');
    await page.getByLabel('Time zone', { exact: true }).selectOption('Europe/London');
    await page.getByRole('button', { name: 'Remove this person' }).click();
    await page.getByRole('combobox', { name: 'Or add someone you have met before' }).fill('nora');
    await page.getByRole('option', { name: /^Nora Lindqvist \(Halcyon Maps\)/ }).click();
    expect(
      await page
        .getByTestId('participant')
        .getByLabel('Email addresses', { exact: true })
        .inputValue(),
    ).toBe('nora@halcyon.example');
    await page.getByRole('button', { name: 'Save interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Halcyon Maps' }).waitFor();
    // Held at 10:00 in London, which is 11:00 for the user in Berlin.
    await page.getByText('Thu, 3 Dec 2026, 10:00–11:00 GMT (11:00–12:00 your time)').waitFor();
    const upcoming = page
      .locator('ol.timeline')
      .getByRole('heading', { name: 'On-site interview' });
    expect(await upcoming.count()).toBe(1);
  });

  test('the mark-as-sent dialog works from the keyboard', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Who needs a note/ }).click();
    const more = row('Nora Lindqvist')
      .first()
      .getByRole('button', { name: 'More actions for Nora Lindqvist' });
    await more.focus();
    await page.keyboard.press('Enter');
    // The menu takes focus at its first item.
    await page
      .getByRole('menuitem', { name: 'Mark as sent…' })
      .and(page.locator(':focus'))
      .waitFor();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Mark as sent' });
    await dialog.waitFor();
    expect(await page.evaluate<boolean>('document.activeElement?.closest("dialog") !== null')).toBe(
      true,
    );
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Keyboard focus is visible.
    await page.getByLabel('Search people, companies and roles').focus();
    await page.keyboard.press('Shift+Tab');
    const outline = await page.evaluate<string>(
      'getComputedStyle(document.activeElement).outlineStyle',
    );
    expect(outline).not.toBe('none');
  });

  test('the workspace exports to a file and imports back after a confirmation', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export to a file' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('followthrough-2026-11-24.json');
    const file = await download.path();
    const exported = JSON.parse(fs.readFileSync(file, 'utf8')) as Workspace;
    expect(exported.applications.map((a) => a.company)).toEqual(['Halcyon Maps']);
    expect(exported.people.map((p) => p.name).sort()).toEqual(['Nora Lindqvist', 'Sami Haddad']);

    const changed = path.join(path.dirname(file), 'changed.json');
    exported.applications[0]!.company = 'Halcyon Maps GmbH';
    fs.writeFileSync(changed, JSON.stringify(exported));
    await page.locator('input[type="file"]').setInputFiles(changed);
    const confirm = page.getByRole('dialog', { name: 'Replace your workspace?' });
    await confirm.waitFor();
    await app.screenshot('19-import-confirm', { fullPage: false });
    await confirm.getByRole('button', { name: 'Replace with the file' }).click();
    await page.getByText('Imported 1 application from changed.json.').waitFor();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Halcyon Maps GmbH/ })
      .waitFor();

    const broken = path.join(path.dirname(file), 'broken.json');
    fs.writeFileSync(broken, '{ not json');
    await page.locator('input[type="file"]').setInputFiles(broken);
    await page.getByText('broken.json is not a Followthrough export').waitFor();
  });

  test('no console errors and no CSP violations', async () => {
    expect(app.problems).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
    expect(app.bridge.unexpected).toEqual([]);
  });
});
