/**
 * The home list with the large workspace, a thousand notes and more: only the rows near the
 * screen are drawn, yet the keys reach every row, and what was open stays open.
 */
import type { Page } from 'playwright-core';
import { expect, test } from 'vitest';
import type { AppPage } from '../support/bridge/harness';
import { DEFAULT_NOW } from '../support/bridge/server';
import { loadLargeWorkspace } from '../support/large-workspace';
import { openAppForFile } from './ui';

let app: AppPage;

openAppForFile(async (opened) => {
  app = opened;
  loadLargeWorkspace(app.bridge.services, { now: DEFAULT_NOW });
  await app.page.setViewportSize({ width: 1024, height: 640 });
  await app.page.reload();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
  await app.page.locator('[data-row]').first().waitFor();
});

const focusedRow = (page: Page) =>
  page.evaluate<string | null>("document.activeElement?.getAttribute('data-row') ?? null");

/** The focused row lies wholly in the window. */
const focusedInView = (page: Page) =>
  page.evaluate<boolean>(`(() => {
    const box = document.activeElement.getBoundingClientRect();
    return box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
  })()`);

/** The rows drawn, in order: their note, what they show, and what they say to a screen reader. */
const drawnRows = (page: Page) =>
  page.evaluate<{ id: string; text: string; label: string; person: string; kind: string }[]>(
    `[...document.querySelectorAll('[data-group]:not([hidden]) [data-row]')].map((row) => ({
      id: row.dataset.row,
      text: row.querySelector('.line').textContent.replace(/\\s+/g, ' ').trim(),
      label: row.getAttribute('aria-label'),
      person: row.querySelector('.person').textContent,
      kind: row.querySelector('.what').textContent,
    }))`,
  );

/** What the group headings say the list holds. */
const listed = (page: Page) =>
  page.evaluate<number>(`[...document.querySelectorAll('[data-group]:not([hidden]) .group-count')]
    .reduce((n, e) => n + parseInt(e.textContent, 10), 0)`);

test('a thousand notes in the list, a screenful of them drawn', async () => {
  const { page } = app;
  expect(await listed(page)).toBeGreaterThan(1000);
  expect(await page.locator('[data-row]').count()).toBeLessThan(80);
  // The page is as long as the whole list: the scroll bar says where one is in it.
  expect(await page.evaluate<number>('document.scrollingElement.scrollHeight')).toBeGreaterThan(
    1000 * 40,
  );
  await app.screenshotAtSizes('79-home-large');
  const before = await drawnRows(page);
  // A search narrows the same list: still only what is near the screen is drawn, and every
  // row drawn (rows are reused for other notes) shows a note that fits, whole and consistent.
  const field = page.getByLabel('Search people, companies and roles');
  await field.fill('granite');
  await expect.poll(() => listed(page)).toBeLessThan(200);
  expect(await page.locator('[data-row]').count()).toBeLessThan(80);
  const found = await drawnRows(page);
  expect(found.length).toBeGreaterThan(5);
  for (const row of found) {
    expect(row.text.toLowerCase()).toContain('granite');
    expect(row.label.startsWith(`${row.kind} for ${row.person},`)).toBe(true);
  }
  await app.screenshotAtSizes('79-home-large-search');
  await field.fill('');
  await expect.poll(() => listed(page)).toBeGreaterThan(1000);
  // Cleared: the same notes in the same rows' places as before the search.
  await expect.poll(async () => (await drawnRows(page)).slice(0, 12)).toEqual(before.slice(0, 12));
  await page.evaluate('window.scrollTo(0, 0)');
  await page.setViewportSize({ width: 1024, height: 640 });
});

/** How many rows are drawn wholly below the window (ready for a scroll). */
const rowsBelow = (page: Page) =>
  page.evaluate<number>(`[...document.querySelectorAll('[data-group]:not([hidden]) [data-row]')]
    .filter((row) => row.getBoundingClientRect().top >= window.innerHeight).length`);

test('once typing pauses, the rows just below the screen are drawn too, ready for a scroll', async () => {
  const { page } = app;
  await page.evaluate('window.scrollTo(0, 0)');
  const field = page.getByLabel('Search people, companies and roles');
  await field.focus();
  await page.keyboard.type('data', { delay: 30 });
  await expect.poll(() => listed(page)).toBeLessThan(1000);
  // A screenful and more: rows wait below the window, so a scroll shows rows, not blanks.
  await expect.poll(() => rowsBelow(page)).toBeGreaterThan(2);
  await page.evaluate('window.scrollBy(0, 200)');
  expect(
    await page.evaluate<boolean>(`new Promise((done) => requestAnimationFrame(() => {
      const bottom = document.elementFromPoint(500, window.innerHeight - 20);
      done(bottom !== null && bottom.closest('[data-row]') !== null);
    }))`),
  ).toBe(true);
  await field.fill('');
  await expect.poll(() => listed(page)).toBeGreaterThan(1000);
  await page.evaluate('window.scrollTo(0, 0)');
});

test('j right after a search is cleared moves row by row, focus never dropping off the list', async () => {
  const { page } = app;
  await page.evaluate('window.scrollTo(0, 0)');
  // Counts the moments focus fell to the page while the list redrew (a moved row loses focus).
  await page.evaluate(`(() => {
    window.__drops = 0;
    new MutationObserver(() => {
      if (document.activeElement === document.body) window.__drops += 1;
    }).observe(document.querySelector('.list'), { childList: true, subtree: true });
  })()`);
  const field = page.getByLabel('Search people, companies and roles');
  await field.fill('data');
  await expect.poll(() => listed(page)).toBeLessThan(1000);
  await field.fill('');
  await expect.poll(() => listed(page)).toBeGreaterThan(1000);
  // The rows off screen are not drawn yet when the first keys come: j reaches rows the list
  // must draw first, and as the page scrolls the list reuses rows, moving them about.
  const first = page.locator('[data-row]').first();
  await first.focus();
  const visited = new Set([await first.getAttribute('data-row')]);
  for (let i = 0; i < 120; i++) {
    await page.keyboard.press('j');
    visited.add(await focusedRow(page));
  }
  expect(visited.size).toBe(121);
  expect(await page.evaluate<number>('window.__drops')).toBe(0);
  await page.keyboard.press('Home');
});

test('j held down from the top reaches a row far below, focused and in sight; End the last row; Home the first', async () => {
  const { page } = app;
  const first = page.locator('[data-row]').first();
  const top = await first.getAttribute('data-row');
  await first.focus();
  const visited = new Set([top]);
  for (let i = 0; i < 200; i++) {
    await page.keyboard.press('j');
    visited.add(await focusedRow(page));
  }
  // Each j went one row on: 201 rows, the last one focused and on screen.
  expect(visited.size).toBe(201);
  expect(await focusedInView(page)).toBe(true);
  expect(await page.locator('[data-row]').count()).toBeLessThan(80);

  await page.keyboard.press('End');
  const last = await focusedRow(page);
  expect(await focusedInView(page)).toBe(true);
  // The last row of the list: nothing drawn or left out after it, in the last group open.
  expect(
    await page.evaluate<boolean>(`(() => {
      const row = document.activeElement;
      const groups = [...document.querySelectorAll('[data-group]:not([hidden])')].filter(
        (g) => g.tagName !== 'DETAILS' || g.open,
      );
      return row.nextElementSibling === null && row.closest('[data-group]') === groups.at(-1);
    })()`),
  ).toBe(true);
  await page.keyboard.press('j');
  expect(await focusedRow(page)).toBe(last);

  await page.keyboard.press('Home');
  expect(await focusedRow(page)).toBe(top);
  expect(await focusedInView(page)).toBe(true);
  expect(await page.locator('[data-row][tabindex="0"]').count()).toBe(1);
});

test('an open "Why" stays open while its row is scrolled away and back', async () => {
  const { page } = app;
  await page.evaluate('window.scrollTo(0, 0)');
  const first = page.locator('[data-group="overdue"] [data-row]').first();
  const id = await first.getAttribute('data-row');
  await first.getByRole('button', { name: /^Why/ }).click();
  await first.focus();
  await page.keyboard.press('End');
  await page.evaluate('window.scrollTo(0, document.scrollingElement.scrollHeight)');
  // Scrolled away: the row with the Tab stop is the last; the first is no longer drawn.
  await expect.poll(() => page.locator(`[data-row="${id}"]`).count()).toBe(0);
  await page.keyboard.press('Home');
  const why = page.locator(`[data-row="${id}"]`).getByRole('button', { name: /^Why/ });
  expect(await why.getAttribute('aria-expanded')).toBe('true');
  await why.click();
});
