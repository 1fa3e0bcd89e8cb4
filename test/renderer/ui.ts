/** Small helpers the renderer tests share: finding rows and using their menus as a user would. */
import type { Locator, Page } from 'playwright-core';

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
