/**
 * One write, one refresh: marking a note as sent asks main for the change, then reads the
 * window's data once, although main also announces the change with `status:changed`.
 */
import { describe, expect, test, vi } from 'vitest';
import type { AppPage } from '../support/bridge/harness';
import { obligationRow, openAppForFile, rowMenu } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let app: AppPage;

openAppForFile(async (opened) => {
  app = opened;
  await app.page.getByRole('button', { name: 'Load the sample workspace' }).click();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
});

describe('refreshing after a write', () => {
  test('marking a note as sent reads the workspace and the invitations once', async () => {
    const { page } = app;
    await rowMenu(page, obligationRow(page, 'Thank-you note', 'Ada Okafor'), 'Mark as sent…');
    const dialog = page.getByRole('dialog', { name: 'Mark as sent' });
    await dialog.getByLabel('Letter').check();
    await app.resetCalls();
    await dialog.getByRole('button', { name: 'Mark as sent' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await page
      .locator('[data-group="done"]')
      .getByRole('heading', { name: 'Ada Okafor' })
      .waitFor();

    // The write, then one read of what the window shows: status, applications, both review
    // lists, and the invitations (a change announced by main may have brought some).
    expect(await app.calls()).toEqual({
      'contacts:mark-sent': 1,
      'status:get': 1,
      'applications:list': 1,
      'review:list': 1,
      'replies:to-review': 1,
      'invitations:list': 1,
      'invitations:unreadable': 1,
    });
    expect(app.problems).toEqual([]);
  });

  test('a change main announces on its own (a sync, the command line) refreshes the window', async () => {
    await app.resetCalls();
    app.bridge.emit('status:changed', { at: Date.now() });
    await expect.poll(() => app.calls().then((c) => c['invitations:unreadable'] ?? 0)).toBe(1);
    expect(await app.calls()).toEqual({
      'status:get': 1,
      'applications:list': 1,
      'review:list': 1,
      'replies:to-review': 1,
      'invitations:list': 1,
      'invitations:unreadable': 1,
    });
  });
});
