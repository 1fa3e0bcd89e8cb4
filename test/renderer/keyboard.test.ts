import type { Locator } from 'playwright-core';
import { describe, expect, test, vi } from 'vitest';
import type { AppPage } from '../support/bridge/harness';
import { goHome, openAppForFile } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let app: AppPage;

openAppForFile(async (opened) => {
  app = opened;
  await app.page.getByRole('button', { name: 'Load the sample workspace' }).click();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
});

const palette = () => app.page.getByRole('dialog', { name: 'Find anything' });
const combobox = () => palette().getByRole('combobox');
const help = () => app.page.getByRole('dialog', { name: 'Keyboard shortcuts' });

/** The option the combobox points at with aria-activedescendant, as the screen reader hears it. */
async function activeOption(): Promise<string> {
  const id = await combobox().getAttribute('aria-activedescendant');
  expect(id).toBeTruthy();
  const option = palette().locator(`[id="${id}"]`);
  expect(await option.getAttribute('role')).toBe('option');
  expect(await option.getAttribute('aria-selected')).toBe('true');
  return (await option.locator('.title').textContent()) ?? '';
}

/** The little of the DOM these tests read in the page (the tests compile without the DOM types). */
interface PageNode {
  textContent: string | null;
  ownerDocument: { activeElement: unknown };
  querySelector(selector: string): PageNode | null;
  querySelectorAll(selector: string): ArrayLike<PageNode>;
}

/** The rows of one group of the keys help: "Label Key or Key+Key". */
function helpRows(group: string): Promise<string[]> {
  return help()
    .getByRole('region', { name: group })
    .locator('.row')
    .evaluateAll((rows) =>
      (rows as unknown as PageNode[]).map((row) => {
        const label = row.querySelector('dt')?.textContent?.trim() ?? '';
        const combos = Array.from(row.querySelectorAll('.combo'), (c) =>
          Array.from(c.querySelectorAll('kbd'), (k) => k.textContent).join('+'),
        );
        return `${label} ${combos.join(' or ')}`;
      }),
    );
}

/** What has focus: its tag and its accessible name or text. */
function focused(): Promise<string> {
  return app.page.evaluate<string>(`(() => {
    const el = document.activeElement;
    const name = el.getAttribute('aria-label') ?? el.textContent ?? '';
    return el.tagName.toLowerCase() + ':' + name.replace(/\\s+/g, ' ').trim();
  })()`);
}

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((el) => {
    const node = el as unknown as PageNode;
    return node.ownerDocument.activeElement === node;
  });
}

describe('the command palette', () => {
  test('Ctrl+K opens it; typing finds an application of the workspace; Enter opens it', async () => {
    const { page } = app;
    await goHome(page);
    await page.keyboard.press('Control+k');
    await palette().waitFor();
    expect(await isFocused(combobox())).toBe(true);
    expect(await combobox().getAttribute('aria-expanded')).toBe('true');
    const listId = await combobox().getAttribute('aria-controls');
    expect(await palette().locator(`[id="${listId}"]`).getAttribute('role')).toBe('listbox');
    // Before typing: the views to go to come first, the applications are all there.
    expect(await activeOption()).toBe('Who needs a note');
    for (const company of ['Northwind Analytics', 'Bluebird Health', 'Lumen Labs']) {
      expect(
        await palette()
          .getByRole('option', { name: new RegExp(`^${company}`) })
          .count(),
      ).toBe(1);
    }
    await app.screenshotAtSizes('40-palette');

    await page.keyboard.type('kest');
    expect(await activeOption()).toBe('Kestrel Robotics');
    // Then the people at Kestrel, and nothing else.
    const tags = await palette().getByRole('option').locator('.tag').allTextContents();
    expect(tags[0]).toBe('Application');
    expect(tags.slice(1).every((t) => t === 'Person')).toBe(true);
    expect(
      await palette()
        .getByRole('option', { name: /Tom Becker/ })
        .count(),
    ).toBe(1);
    await app.screenshotAtSizes('41-palette-query');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Kestrel Robotics' }).waitFor();
    expect(await palette().isVisible()).toBe(false);
  });

  test('finds a person by name, accents or not, and opens them in People', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await combobox().fill('ines');
    expect(await activeOption()).toBe('Inès Moreau');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: 'Inès Moreau' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
  });

  test('the arrows move through the results and a command runs', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await combobox().fill('settings');
    expect(await activeOption()).toBe('Settings');
    await combobox().fill('');
    expect(await activeOption()).toBe('Who needs a note');
    await page.keyboard.press('ArrowDown');
    expect(await activeOption()).toBe('To review');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Up from the first wraps to the last.
    expect(await activeOption()).not.toBe('Who needs a note');
    await combobox().fill('add appl');
    expect(await activeOption()).toBe('Add an application');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New application' }).waitFor();
    await combobox()
      .count()
      .then((n) => expect(n).toBe(0));
  });

  test('Escape closes it and gives focus back to where it was', async () => {
    const { page } = app;
    await goHome(page);
    const invitations = page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /^Invitations/ });
    await invitations.focus();
    await page.keyboard.press('Control+k');
    await palette().waitFor();
    expect(await isFocused(invitations)).toBe(false);
    await page.keyboard.type('nothing fits this');
    expect(
      await palette()
        .getByText(/Nothing fits/)
        .isVisible(),
    ).toBe(true);
    await page.keyboard.press('Escape');
    await palette().waitFor({ state: 'hidden' });
    expect(await isFocused(invitations)).toBe(true);
    // Ctrl+K again closes it the same way.
    await page.keyboard.press('Control+k');
    await palette().waitFor();
    await page.keyboard.press('Control+k');
    await palette().waitFor({ state: 'hidden' });
    expect(await isFocused(invitations)).toBe(true);
  });
});

describe('keys on their own', () => {
  test('? lists the keys by group, and Escape gives focus back', async () => {
    const { page } = app;
    await goHome(page);
    const search = page.getByRole('searchbox', { name: /Search people, companies and roles/ });
    await search.fill('');
    await page.getByRole('heading', { level: 1 }).focus();
    const before = await focused();
    await page.keyboard.press('Shift+Slash');
    await help().waitFor();
    const text = await helpRows('General');
    expect(text).toContain('Find anything or run a command Ctrl+K');
    expect(text).toContain('Search this view /');
    expect(text).toContain('Show keyboard shortcuts ?');
    await app.screenshotAtSizes('42-keys-help');
    await page.keyboard.press('Escape');
    await help().waitFor({ state: 'hidden' });
    expect(await focused()).toBe(before);
  });

  test('/ focuses the search field of the view; while typing, / and ? are just text', async () => {
    const { page } = app;
    await goHome(page);
    const search = page.getByRole('searchbox', { name: /Search people, companies and roles/ });
    await page.getByRole('heading', { level: 1 }).focus();
    await page.keyboard.press('/');
    expect(await isFocused(search)).toBe(true);
    expect(await search.inputValue()).toBe('');
    await page.keyboard.type('a/b?');
    expect(await search.inputValue()).toBe('a/b?');
    expect(await help().isVisible()).toBe(false);
    // Ctrl+K works from a text field too.
    await page.keyboard.press('Control+k');
    await palette().waitFor();
    await page.keyboard.press('Escape');
    expect(await isFocused(search)).toBe(true);
    await search.fill('');
  });
});

describe('a keyboard list: the application timeline', () => {
  test('is one Tab stop; j/k, arrows, Home and End move; Enter opens the interview', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await combobox().fill('northwind');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Northwind Analytics' }).waitFor();
    const rows = page.locator('ol.timeline > li[data-row]');
    const count = await rows.count();
    expect(count).toBeGreaterThan(2);
    const tabStops = () => page.locator('ol.timeline > li[tabindex="0"]').count();
    expect(await tabStops()).toBe(1);

    // Tab from the control just before the list lands on its first row.
    await page.evaluate(`(() => {
      const before = document.createElement('button');
      before.textContent = 'before';
      before.id = 'before-timeline';
      document.querySelector('ol.timeline').before(before);
    })()`);
    await page.locator('#before-timeline').focus();
    await page.keyboard.press('Tab');
    expect(await isFocused(rows.nth(0))).toBe(true);

    await page.keyboard.press('j');
    expect(await isFocused(rows.nth(1))).toBe(true);
    await page.keyboard.press('ArrowDown');
    expect(await isFocused(rows.nth(2))).toBe(true);
    await page.keyboard.press('k');
    expect(await isFocused(rows.nth(1))).toBe(true);
    await page.keyboard.press('End');
    expect(await isFocused(rows.nth(count - 1))).toBe(true);
    await page.keyboard.press('j');
    expect(await isFocused(rows.nth(count - 1))).toBe(true);
    await page.keyboard.press('Home');
    expect(await isFocused(rows.nth(0))).toBe(true);
    await page.keyboard.press('ArrowUp');
    expect(await isFocused(rows.nth(0))).toBe(true);
    expect(await tabStops()).toBe(1);

    // The focused row shows a ring.
    const outline = await page.evaluate<string>(
      "getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth",
    );
    expect(outline).toBe('solid 2px');
    await app.screenshotAtSizes(
      '44-timeline-row-focus',
      page.getByRole('heading', { name: 'Timeline' }),
    );

    // Shift+Tab leaves the list in one step.
    await page.keyboard.press('Shift+Tab');
    expect(await isFocused(page.locator('#before-timeline'))).toBe(true);
    await page.evaluate("document.getElementById('before-timeline').remove()");

    // The keys help lists the list's keys while it is on screen.
    await rows.nth(0).focus();
    await page.keyboard.press('?');
    expect(await helpRows('Timeline')).toEqual([
      'Next row J or ↓',
      'Previous row K or ↑',
      'First or last row Home or End',
      'Edit the interview Enter',
      'Write the next note W',
    ]);
    await app.screenshotAtSizes('43-keys-help-timeline');
    await page.keyboard.press('Escape');
    // The help gives focus back to where it was as it closes: only then is the interview focused.
    await help().waitFor({ state: 'hidden' });
    await expect.poll(() => isFocused(rows.nth(0))).toBe(true);

    const interview = page.locator('ol.timeline > li[data-type="interview"]').first();
    await interview.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Edit interview' }).waitFor();
  });

  test('a letter key acts on the row; on a control inside the row, Enter stays the control’s', async () => {
    const { page } = app;
    const openNorthwind = async () => {
      await page.keyboard.press('Control+k');
      await combobox().fill('northwind');
      await page.keyboard.press('Enter');
      await interview.waitFor();
    };
    const interview = page.locator('ol.timeline > li[data-type="interview"]').first();
    await openNorthwind();
    // Enter on the row would edit the interview; on the Write note button it writes the note.
    await interview.getByRole('button', { name: /^Write note: thank-you note for Lars/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: /^Note to Lars/ }).waitFor();
    await openNorthwind();
    // An open menu in a row keeps the keys: j does not move to the next row.
    await interview.getByRole('button', { name: /^More actions for Ada Okafor/ }).click();
    const first = page.getByRole('menuitem', { name: 'Mark as sent…' }).first();
    await first.waitFor();
    expect(await isFocused(first)).toBe(true);
    await page.keyboard.press('j');
    expect(await isFocused(first)).toBe(true);
    await page.keyboard.press('Escape');
    // From a control inside the row, w still acts on the row: its most pressing note opens.
    await interview.getByRole('button', { name: /^Edit the / }).focus();
    await page.keyboard.press('w');
    await page.getByRole('heading', { level: 1, name: 'Note to Ada Okafor' }).waitFor();
  });

  test('a view adds its own commands to the palette while it is on screen', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await combobox().fill('northwind');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Northwind Analytics' }).waitFor();
    await page.keyboard.press('Control+k');
    await combobox().fill('add interview');
    expect(await activeOption()).toBe('Add an interview to Northwind Analytics');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'New interview' }).waitFor();
    // Gone with the view.
    await page.keyboard.press('Control+k');
    await combobox().fill('add interview');
    expect(
      await palette()
        .getByRole('option', { name: /Add an interview to/ })
        .count(),
    ).toBe(0);
    await page.keyboard.press('Escape');
  });

  test('when the focused row goes away, focus goes to the row that took its place', async () => {
    const { page } = app;
    await page.keyboard.press('Control+k');
    await combobox().fill('northwind');
    await page.keyboard.press('Enter');
    const rows = page.locator('ol.timeline > li[data-row]');
    await rows.first().waitFor();
    const third = (await rows.nth(2).getAttribute('data-type')) ?? '';
    await rows.nth(1).focus();
    // As a row does when its note is marked as sent: it leaves the list.
    await page.evaluate('document.activeElement.remove()');
    await expect.poll(() => isFocused(rows.nth(1))).toBe(true);
    expect(await rows.nth(1).getAttribute('data-type')).toBe(third);
    expect(await page.locator('ol.timeline > li[tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('k');
    expect(await isFocused(rows.nth(0))).toBe(true);
  });

  test('off the timeline, the keys help no longer lists its keys', async () => {
    const { page } = app;
    await goHome(page);
    await page.keyboard.press('?');
    await help().waitFor();
    expect(await help().getByRole('region', { name: 'Timeline' }).count()).toBe(0);
    await page.keyboard.press('Escape');
  });

  test('nothing went wrong on the page', async () => {
    expect(app.problems).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });
});
