/**
 * The home view as one compact triage list: what fits a small window, the keys, several rows
 * at once with undo, skipping what is too late, and where each done note's proof came from.
 */
import net from 'node:net';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import type { AppPage } from '../support/bridge/harness';
import { DEFAULT_NOW } from '../support/bridge/server';
import { openAppForFile } from './ui';

let app: AppPage;
const DAY = 86_400_000;

/** A loopback port nothing listens on, so a sync there fails at once. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

openAppForFile(async (opened) => {
  app = opened;
  const { services } = app.bridge;
  services.workspace.loadSample();
  // An interview three weeks back whose thank-you notes were never written: too late now.
  const old = services.workspace.saveApplication({
    company: 'Harbor Freight Labs',
    roleTitle: 'Platform Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: null,
    decidedOn: null,
    companyDomains: ['harborfreight.example'],
    notes: '',
  });
  const person = (name: string, email: string) => ({
    person: {
      name,
      title: 'Engineering Manager',
      company: 'Harbor Freight Labs',
      emails: [email],
      phone: '',
      firstNameOk: false,
      doNotContact: false,
      notApplicable: false,
      notes: '',
    },
    role: 'interviewer' as const,
    topics: '',
    notes: '',
  });
  services.workspace.saveInterview({
    interview: {
      applicationId: old.id,
      kind: 'video',
      startsAt: DEFAULT_NOW - 21 * DAY,
      endsAt: DEFAULT_NOW - 21 * DAY + 3_600_000,
      timeZone: 'Europe/Berlin',
      location: null,
      decisionBy: null,
      contactPlan: '',
      outcome: 'unknown',
      notes: '',
      cancelled: false,
    },
    participants: [
      person('Greta Holm', 'greta@harborfreight.example'),
      person('Piet Jansen', 'piet@harborfreight.example'),
    ],
  });
  // A connected account whose last sync failed.
  const port = await closedPort();
  services.accounts.save({
    label: 'Work mail',
    provider: 'other',
    email: 'sam.rivera@example.com',
    username: 'sam',
    imap: { host: '127.0.0.1', port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port, security: 'plaintext' },
    providerFilesSent: true,
    sentFolder: null,
    draftsFolder: null,
    replyFolders: [],
    password: 'secret',
  });
  await services.sync.syncAll();
  await app.page.reload();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
});

const rows = (page: Page) => page.locator('[data-row]');
const row = (page: Page, kind: string, person: string) =>
  page.getByRole('article', { name: `${kind} for ${person}` });
const groupNames = (page: Page, group: string) =>
  page.locator(`[data-group="${group}"]`).getByRole('heading', { level: 3 }).allTextContents();
/** The row of `person` in one group. */
const rowIn = (page: Page, group: string, person: string) =>
  page
    .locator(`[data-group="${group}"] [data-row]`)
    .filter({ has: page.getByRole('heading', { level: 3, name: person, exact: true }) });
const rowOf = (page: Page, person: string) => rowIn(page, 'overdue', person);

describe('the home list', () => {
  test('at 1024×640 the list starts high and shows at least eight rows, under one quiet status line', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1024, height: 640 });
    const status = page.getByRole('list', { name: 'Status' });
    await status.getByText(/Work mail could not be read/).waitFor();
    expect(await status.getByRole('button', { name: 'Fix the account' }).count()).toBe(1);

    const boxes = (await Promise.all((await rows(page).all()).map((r) => r.boundingBox()))).filter(
      (b) => b !== null,
    );
    const top = boxes[0]!.y;
    expect(top).toBeLessThan(400);
    expect(boxes.filter((b) => b.y >= 0 && b.y + b.height <= 640).length).toBeGreaterThanOrEqual(8);
    // Never more than one primary button above the list.
    let primariesAbove = 0;
    for (const button of await page.locator('.button.primary').all()) {
      const box = await button.boundingBox();
      if (box && box.y + box.height <= top) primariesAbove += 1;
    }
    expect(primariesAbove).toBeLessThanOrEqual(1);
    // Rows no longer repeat the rule: it waits behind "Why".
    const ada = row(page, 'Thank-you note', 'Ada Okafor');
    const rule = ada.getByText(/personal thank-you note/);
    expect(await rule.isVisible()).toBe(false);
    await ada.getByRole('button', { name: /^Why/ }).click();
    expect(await rule.isVisible()).toBe(true);
    expect(await ada.getByText('Was due').isVisible()).toBe(true);
    await app.screenshotAtSizes('74-home-why');
    await ada.getByRole('button', { name: /^Why/ }).click();
    await app.screenshotAtSizes('70-home-triage');
  });

  test('one vocabulary: the counts, groups and chips say Overdue, Today, Coming up, Waiting, Done', async () => {
    const { page } = app;
    const counts = (await page.getByTestId('home-counts').textContent())?.replace(/\s+/g, ' ');
    expect(counts).toContain('5 overdue');
    expect(counts).toContain('coming up');
    expect(counts).toContain('waiting');
    expect(await page.locator('[data-group] > header h2').allTextContents()).toEqual([
      'Overdue',
      'Coming up',
      'Waiting',
      'Done',
    ]);
    expect(await page.locator('[data-group="overdue"] .group-count').textContent()).toBe('5 notes');
    expect(await row(page, 'Thank-you note', 'Ada Okafor').textContent()).toContain('Overdue ·');
  });

  test('overdue is ordered by what can still be saved: the most recently due first', async () => {
    const { page } = app;
    const names = await groupNames(page, 'overdue');
    const expected = app.bridge.services.workspace
      .status()
      .obligations.filter((o) => o.state === 'overdue')
      .sort((a, b) => (b.dueAt ?? 0) - (a.dueAt ?? 0) || a.personName.localeCompare(b.personName))
      .map((o) => o.personName);
    expect(names).toEqual(expected);
    expect(names.slice(-2).sort()).toEqual(['Greta Holm', 'Piet Jansen']);
  });

  test('j/k and the arrows move between rows, one Tab stop; e marks sent, h snoozes, with undo', async () => {
    const { page } = app;
    await page.setViewportSize({ width: 1280, height: 860 });
    const first = rows(page).first();
    await first.focus();
    expect(await page.locator('[data-row][tabindex="0"]').count()).toBe(1);
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('k');
    const focused = () =>
      page.evaluate<string | null>(
        "document.activeElement?.querySelector('h3')?.textContent ?? null",
      );
    const order = await groupNames(page, 'overdue');
    expect(await focused()).toBe(order[1]);
    expect(await rows(page).nth(1).getAttribute('tabindex')).toBe('0');
    expect(await rows(page).first().getAttribute('tabindex')).toBe('-1');

    // e: marked as sent by hand, the focus stays in the list, Undo takes it back.
    const person = order[1]!;
    await page.keyboard.press('e');
    const undo = page.getByTestId('undo-bar');
    await undo.getByText(`Marked the note to ${person} as sent.`).waitFor();
    await rowIn(page, 'done', person).waitFor();
    expect(await groupNames(page, 'overdue')).not.toContain(person);
    expect(await focused()).toBe(order[2]);
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order);
    expect(
      app.bridge.services.workspace.exportWorkspace().manualContacts.filter((c) => c.note === ''),
    ).toEqual([]);

    // h: the snooze dialog for the focused row; Undo wakes it.
    await rowOf(page, order[0]!).focus();
    await page.keyboard.press('h');
    const dialog = page.getByRole('dialog', { name: 'Snooze' });
    await dialog.getByRole('button', { name: 'Snooze', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await undo.getByText(`Snoozed the note to ${order[0]}.`).waitFor();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order.slice(1));
    await undo.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order);
    expect(app.problems).toEqual([]);
  });

  test('several rows, picked with x and shift-click, are marked sent together and undone together', async () => {
    const { page } = app;
    const order = await groupNames(page, 'overdue');
    await rowOf(page, order[0]!).focus();
    await page.keyboard.press('x');
    await rowOf(page, order[2]!)
      .getByRole('checkbox')
      .click({ modifiers: ['Shift'] });
    const bar = page.getByRole('toolbar', { name: 'Selected notes' });
    await bar.getByText('3 notes selected').waitFor();
    expect(await rowOf(page, order[1]!).getByRole('checkbox').isChecked()).toBe(true);
    await app.screenshotAtSizes('71-home-selected');
    await bar.getByRole('button', { name: 'Mark as sent' }).click();
    await page.getByTestId('undo-bar').getByText('Marked 3 notes as sent.').waitFor();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order.slice(3));
    expect(app.bridge.services.workspace.exportWorkspace().manualContacts.length).toBeGreaterThan(
      2,
    );
    await bar.waitFor({ state: 'detached' });
    await app.screenshotAtSizes('72-home-undo');
    await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order);

    // Snoozed together: the dialog says how many, Undo wakes them all.
    // A checkbox shows on the row under the pointer or in focus, and on every row while picking.
    await rowOf(page, order[0]!).hover();
    await rowOf(page, order[0]!).getByRole('checkbox').click();
    await rowOf(page, order[1]!).getByRole('checkbox').click();
    await bar.getByRole('button', { name: 'Snooze…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Snooze' });
    expect(await dialog.textContent()).toContain('and 1 more note');
    await dialog.getByRole('button', { name: 'Snooze', exact: true }).click();
    await page.getByTestId('undo-bar').getByText('Snoozed 2 notes.').waitFor();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order.slice(2));
    await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order);
  });

  test('the keys help lists the list keys, and the palette marks the selected notes as sent', async () => {
    const { page } = app;
    const order = await groupNames(page, 'overdue');
    await rowOf(page, order[0]!).focus();
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: /keyboard/i });
    const notes = help.getByRole('region', { name: 'Notes' });
    for (const label of ['Next note', 'Write the note', 'Mark as sent', 'Snooze'])
      await notes.getByText(label, { exact: true }).waitFor();
    await page.keyboard.press('Escape');

    await rowOf(page, order[0]!).focus();
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.keyboard.press('Control+k');
    await page
      .getByRole('dialog', { name: 'Find anything' })
      .getByRole('combobox')
      .fill('mark the selected');
    await page.keyboard.press('Enter');
    await page.getByTestId('undo-bar').getByText('Marked 2 notes as sent.').waitFor();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order.slice(2));
    await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => groupNames(page, 'overdue')).toEqual(order);
  });

  test('a filter that matches nothing says so and offers to clear it', async () => {
    const { page } = app;
    await page.getByLabel('Search people, companies and roles').fill('nobody-here');
    await page.getByRole('heading', { name: 'Nothing matches' }).waitFor();
    await app.screenshotAtSizes('77-home-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await rows(page).first().waitFor();
  });

  test('a search hides the rows that do not fit, which the keys then skip; clearing brings them back as they were', async () => {
    const { page } = app;
    const query = 'northwind';
    /** What these page functions use of a row element (the tests are typed without the DOM). */
    interface RowElement {
      getAttribute(name: string): string | null;
      closest(selector: string): RowElement | null;
    }
    const shownRows = () =>
      page.locator('[data-row]:visible').evaluateAll((rows: RowElement[]) =>
        rows.map((r) => ({
          id: r.getAttribute('data-row') ?? '',
          label: r.getAttribute('aria-label') ?? '',
          group: r.closest('[data-group]')?.getAttribute('data-group') ?? '',
        })),
      );
    const before = await shownRows();
    const fitting = before.filter((r) => r.label.toLowerCase().includes(query));
    const groups = [...new Set(before.map((r) => r.group))];
    expect(fitting.length).toBeGreaterThan(1);
    expect(groups.some((g) => !fitting.some((r) => r.group === g))).toBe(true);

    // Greta (Harbor Freight) does not fit: her open "Why" and her selection are put to the test.
    const greta = rowOf(page, 'Greta Holm');
    await greta.getByRole('button', { name: /^Why/ }).click();
    const first = page.locator(`[data-row="${fitting[0]!.id}"]`);
    await first.focus();
    await page.keyboard.press('x');
    await greta.focus();
    await page.keyboard.press('x');
    const bar = page.getByRole('toolbar', { name: 'Selected notes' });
    await bar.getByText('2 notes selected').waitFor();

    const field = page.getByLabel('Search people, companies and roles');
    await field.fill('NorthWind');
    await expect.poll(shownRows).toEqual(fitting);
    await app.screenshotAtSizes('78-home-search');
    // Each heading counts what fits; a group where nothing fits is gone.
    for (const group of groups) {
      const n = fitting.filter((r) => r.group === group).length;
      const section = page.locator(`[data-group="${group}"]`);
      if (n === 0) expect(await section.isVisible()).toBe(false);
      else
        expect(await section.locator('.group-count').textContent()).toBe(
          n === 1 ? '1 note' : `${n} notes`,
        );
    }
    // The rows left out are neither read nor reached: no Tab stop, no j/k, not in the tree.
    expect(await page.getByRole('article', { name: /for Greta Holm/ }).count()).toBe(0);
    expect(await page.locator('[data-row][tabindex="0"]:visible').count()).toBe(1);
    expect(await page.locator('[data-row][hidden][tabindex="0"]').count()).toBe(0);
    // What the selection bar acts on is in sight: Greta left it.
    await bar.getByText('1 note selected').waitFor();

    const focusedRow = () =>
      page.evaluate<string | null>("document.activeElement?.getAttribute('data-row') ?? null");
    await first.focus();
    const visited = [await focusedRow()];
    for (let i = 1; i < fitting.length + 1; i++) {
      await page.keyboard.press('j');
      visited.push(await focusedRow());
    }
    // Every fitting row in order, then j at the last stays there.
    expect(visited).toEqual([...fitting.map((r) => r.id), fitting.at(-1)!.id]);
    await page.keyboard.press('Home');
    expect(await focusedRow()).toBe(fitting[0]!.id);
    await page.keyboard.press('End');
    const last = fitting.at(-1)!.id;
    expect(await focusedRow()).toBe(last);

    // Cleared in one keystroke: every row back, as it was: Greta's "Why" still open, the
    // fitting row still selected, the Tab stop on the row last visited.
    await field.focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.press('Backspace');
    await expect.poll(shownRows).toEqual(before);
    expect(await greta.getByRole('button', { name: /^Why/ }).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect(await first.getByRole('checkbox').isChecked()).toBe(true);
    await bar.getByText('1 note selected').waitFor();
    expect(
      await page
        .locator('[data-row][tabindex="0"]')
        .evaluateAll((rows: RowElement[]) => rows.map((r) => r.getAttribute('data-row'))),
    ).toEqual([last]);

    // Escape on a row clears the selection.
    await page.locator(`[data-row="${last}"]`).focus();
    await page.keyboard.press('Escape');
    await bar.waitFor({ state: 'detached' });
    await greta.getByRole('button', { name: /^Why/ }).click();
  });

  test('thank-you notes more than a week late are skipped together, and the skip is undone', async () => {
    const { page } = app;
    const tooLate = page.getByRole('button', { name: /^Too late now: skip 2 thank-you notes/ });
    await tooLate.click();
    await page.getByTestId('undo-bar').getByText('Too late now: 2 notes.').waitFor();
    await expect.poll(() => groupNames(page, 'overdue')).not.toContain('Greta Holm');
    expect(await groupNames(page, 'overdue')).not.toContain('Piet Jansen');
    const skipped = page.locator('[data-group="skipped"]');
    await skipped.locator('summary').click();
    // Its rows are drawn once it has opened (the toggle event comes a moment after the click).
    await expect.poll(() => skipped.textContent()).toContain('Piet Jansen');
    await app.screenshotAtSizes('73-home-too-late', skipped);
    // A skipped note is settled: nothing to write or select, its application one click away.
    expect(await skipped.getByRole('checkbox').count()).toBe(0);
    expect(await skipped.getByRole('button', { name: /^Write note/ }).count()).toBe(0);
    expect(
      await skipped.getByRole('button', { name: /^More actions for Piet Jansen/ }).count(),
    ).toBe(1);
    await page.getByTestId('undo-bar').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => groupNames(page, 'overdue')).toContain('Greta Holm');
    expect(await groupNames(page, 'overdue')).toContain('Piet Jansen');
    expect(await tooLate.count()).toBe(1);
  });

  test('Enter on a row opens its note; focus is visible on the row', async () => {
    const { page } = app;
    const ada = row(page, 'Thank-you note', 'Ada Okafor');
    await ada.focus();
    await page.keyboard.press('j');
    await page.keyboard.press('k');
    expect(
      await page.evaluate<string | null>(
        "document.activeElement?.getAttribute('data-row') ?? null",
      ),
    ).toBe(await ada.getAttribute('data-row'));
    expect(
      await page.evaluate<string>('getComputedStyle(document.activeElement).outlineStyle'),
    ).toBe('solid');
    await app.screenshotAtSizes('75-home-focused-row');
    await ada.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Note to Ada Okafor' }).waitFor();
    await page.getByRole('button', { name: 'Back to who needs a note' }).click();
    await page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
  });

  test('a done row says where its proof came from', async () => {
    const { page } = app;
    // One message to two interviewers of the panel at once: found in Sent, a group note.
    app.bridge.database.mailStore.replaceSourceMessages('local:home', 'Sent', [
      {
        id: 'local:home:both',
        uid: null,
        folderRole: 'sent',
        messageId: '<both@example.com>',
        inReplyTo: null,
        references: [],
        date: Date.parse('2026-11-23T19:05:00+01:00'),
        from: [{ name: 'Sam Rivera', address: 'sam.rivera@example.com' }],
        to: [
          { name: 'Ada Okafor', address: 'ada.okafor@northwind.example' },
          { name: 'Lars Eriksen', address: 'lars.eriksen@northwind.example' },
        ],
        cc: [],
        bcc: [],
        subject: 'Thank you both for Monday',
        autoReply: false,
        bounce: false,
      },
    ]);
    app.bridge.emit('status:changed', { at: DEFAULT_NOW });
    const ada = rowIn(page, 'done', 'Ada Okafor');
    await ada.waitFor();
    expect(await ada.locator('.chip').textContent()).toContain('Found in Sent, Mon 19:05');
    expect(await ada.locator('.chip').getAttribute('title')).toContain(
      '“Thank you both for Monday”',
    );
    const flag = ada.getByText('Group note', { exact: true });
    expect(await flag.isVisible()).toBe(true);
    expect(await rowIn(page, 'done', 'Lars Eriksen').getByText('Group note').count()).toBe(1);
    await app.screenshotAtSizes('76-home-done-proof', page.locator('[data-group="done"]'));

    const mei = page
      .locator('[data-group="done"]')
      .getByRole('article', { name: /for Mei Tanaka/ });
    const text = (await mei.textContent()) ?? '';
    expect(text).toContain('Marked by hand: sent on LinkedIn,');
    expect(await mei.getAttribute('aria-label')).toContain('Marked by hand: sent on LinkedIn');
  });
});
