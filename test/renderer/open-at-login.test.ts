/** Settings: the open-at-login checkbox is off at first, saves, and says what it does. */
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

describe('open at login', () => {
  test('is off at first, and stays on once saved', async () => {
    const { page } = app;
    const openSettings = async () => {
      await page.getByRole('button', { name: 'Settings' }).click();
      await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    };
    await openSettings();
    const box = page.getByRole('checkbox', { name: 'Open at login, in the tray only' });
    expect(await box.isChecked()).toBe(false);
    expect(await box.getAttribute('aria-describedby')).toBe('open-at-login-help');
    expect(await page.locator('#open-at-login-help').textContent()).toContain(
      '~/.config/autostart',
    );
    await box.check();
    await page.getByRole('button', { name: 'Save rules' }).click();
    await page.getByText('Saved. Due times are updated.').waitFor();
    await app.screenshot('60-settings-open-at-login');

    await goHome(page);
    await openSettings();
    expect(
      await page.getByRole('checkbox', { name: 'Open at login, in the tray only' }).isChecked(),
    ).toBe(true);
  });
});
