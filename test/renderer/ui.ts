/**
 * Small helpers the renderer tests share: the app opened for a file, finding rows and using
 * their menus as a user would.
 */
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import {
  ensureRendererBuilt,
  launchChromium,
  openApp,
  type AppPage,
} from '../support/bridge/harness';

/** The home row of one obligation, e.g. `obligationRow(page, 'Thank-you note', 'Ada Okafor')`. */
export function obligationRow(page: Page, kind: string, person: string): Locator {
  return page.getByRole('article', { name: `${kind} for ${person}` });
}

/** Opens a row's "More" menu and picks an item by its (accessible) name. */
export async function rowMenu(page: Page, row: Locator, item: string | RegExp): Promise<void> {
  await row.getByRole('button', { name: /^More actions for / }).click();
  await page.getByRole('menuitem', { name: item }).click();
}

/** Goes to the home view through the sidebar. */
export async function goHome(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^Who needs a note/ })
    .click();
  await page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
}

/**
 * Opens the app in Chromium once before a test file's tests and closes both after them;
 * `ready` receives the page (and may set up what every test of the file starts from).
 */
export function openAppForFile(ready: (app: AppPage) => void | Promise<void>): void {
  let browser: Browser | undefined;
  let app: AppPage | undefined;
  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium();
    app = await openApp(browser);
    await ready(app);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });
}
