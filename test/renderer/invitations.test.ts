import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import {
  ensureRendererBuilt,
  launchChromium,
  openApp,
  type AppPage,
} from '../support/bridge/harness';

vi.setConfig({ testTimeout: 60_000 });

const FIXTURES = path.join(__dirname, '../fixtures/ics');

let browser: Browser;
let app: AppPage;

describe('calendar invitations in the window', () => {
  beforeAll(async () => {
    ensureRendererBuilt();
    browser = await launchChromium();
    app = await openApp(browser);
    // The user's address (so the user is never an interviewer) and the application applied for.
    await app.page.evaluate(async () => {
      const api = (
        globalThis as unknown as {
          followthrough: { invoke: (c: string, i: unknown) => Promise<{ ok: boolean }> };
        }
      ).followthrough;
      await api.invoke('profile:save', {
        fullName: 'Sam Carter',
        phone: '',
        email: 'sam.carter@example.net',
      });
      await api.invoke('applications:save', {
        company: 'Acme Robotics',
        roleTitle: 'Senior Data Engineer',
        postingUrl: null,
        status: 'interviewing',
        appliedOn: '2026-11-02',
        decidedOn: null,
        companyDomains: ['acme-robotics.example'],
        notes: '',
      });
    });
    await app.page.reload();
  }, 180_000);

  afterAll(async () => {
    await app?.close();
    await browser?.close();
  });

  const card = () => app.page.getByRole('article', { name: /Panel interview with Acme Robotics/ });

  test('an imported invitation is proposed with its application, reason and interviewers', async () => {
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Invitations/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Invitations' }).waitFor();
    await page.getByRole('heading', { name: 'No invitations waiting' }).waitFor();
    await app.screenshot('40-invitations-empty');

    await page
      .getByLabel('Import a calendar file…')
      .setInputFiles(path.join(FIXTURES, 'google-panel.ics'));
    await page.getByText('google-panel.ics: 1 invitation to look at below.').waitFor();
    await card().waitFor();
    expect(
      await card()
        .getByText(/^Tue, 1 Dec 2026, 14:00–15:30 \(Europe\/Berlin\)/)
        .textContent(),
    ).toBe(
      'Tue, 1 Dec 2026, 14:00–15:30 (Europe/Berlin) · 3 interviewers: Ada Okafor, Mei Tanaka, Jonas Weber',
    );
    const select = card().getByLabel('Application');
    expect(await select.locator('option:checked').textContent()).toBe(
      'Acme Robotics, Senior Data Engineer',
    );
    expect(
      await card()
        .getByText(/^Most likely: The invitation comes from acme-robotics\.example/)
        .count(),
    ).toBe(1);
    expect(
      await card().getByLabel('Who arranged it?').locator('option:checked').textContent(),
    ).toBe('Lena Vogel');
    expect(
      await card()
        .getByText(/Left out: .*sam\.carter@example\.net \(that is you\)/)
        .count(),
    ).toBe(1);
    await app.screenshot('41-invitation-proposal');
  });

  test('accepting with one interviewer unticked adds the interview to the application', async () => {
    const { page } = app;
    // From the keyboard: Jonas only listened in.
    const jonas = card().getByRole('checkbox', { name: /Jonas Weber/ });
    await jonas.focus();
    await page.keyboard.press('Space');
    expect(await jonas.isChecked()).toBe(false);
    await card()
      .getByText(/2 interviewers: Ada Okafor, Mei Tanaka$/)
      .waitFor();

    await card().getByRole('button', { name: 'Add the interview' }).click();
    await page
      .getByText('Added the panel interview on Tue, 1 Dec 2026 to Acme Robotics.')
      .waitFor();
    await page.getByRole('heading', { name: 'No invitations waiting' }).waitFor();
    await page.getByRole('button', { name: 'Open Acme Robotics' }).click();

    await page.getByRole('heading', { level: 1, name: 'Acme Robotics' }).waitFor();
    const interview = page.locator('ol.timeline article.interview');
    await interview.getByRole('heading', { name: 'Panel interview' }).waitFor();
    expect(await interview.getByText('Tue, 1 Dec 2026, 14:00–15:30 CET').count()).toBe(1);
    expect(await interview.getByRole('heading', { level: 4 }).allTextContents()).toEqual([
      'Ada Okafor',
      'Mei Tanaka',
      'Lena Vogel',
    ]);
    expect(await interview.locator('[data-person="Lena Vogel"] .badge').first().textContent()).toBe(
      'Arranged it',
    );
    expect(await interview.getByText('https://meet.google.com/xkt-uvmw-qpa').count()).toBe(1);
    await app.screenshot('42-application-from-invitation');
  });

  test('an update dropped on the window moves the same interview', async () => {
    const { page } = app;
    const text = fs.readFileSync(path.join(FIXTURES, 'google-panel-moved.ics'), 'utf8');
    const transfer = await page.evaluateHandle((content) => {
      // Runs in the page, where DataTransfer and File are the browser's.
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const data = new page.DataTransfer();
      data.items.add(new page.File([content], 'update.ics', { type: 'text/calendar' }));
      return data;
    }, text);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('body', 'dragover', { dataTransfer: transfer });
    await page.getByText('Drop the invitation here').waitFor();
    await app.screenshot('43-drop-zone', { fullPage: false });
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });

    const moved = page.getByRole('article', { name: /^Moved: Panel interview with Acme Robotics/ });
    await moved.waitFor();
    await moved
      .getByText('Moves from Tue 1 Dec, 14:00 (Europe/Berlin) to Wed 2 Dec, 10:00 (Europe/Berlin).')
      .waitFor();
    // Jonas was left out when the first invitation was accepted: he stays out.
    expect(await moved.getByRole('checkbox', { name: /Jonas Weber/ }).isChecked()).toBe(false);
    await app.screenshot('44-invitation-moved');
    await moved.getByRole('button', { name: 'Move the interview' }).click();
    await page
      .getByText('Moved the panel interview to Wed, 2 Dec 2026 in Acme Robotics.')
      .waitFor();

    await page.getByRole('button', { name: 'Open Acme Robotics' }).click();
    const interviews = page.locator('ol.timeline article.interview');
    await interviews.getByText('Wed, 2 Dec 2026, 10:00–11:30 CET').waitFor();
    expect(await interviews.count()).toBe(1);
    expect(await interviews.getByRole('heading', { level: 4 }).allTextContents()).toEqual([
      'Ada Okafor',
      'Mei Tanaka',
      'Lena Vogel',
    ]);
  });

  test('due dates export as a calendar file', async () => {
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Invitations/ })
      .click();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export due dates to your calendar' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('followthrough-due-dates.ics');
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text.replace(/\r\n /g, '')).toContain(
      'SUMMARY:Thank-you note to Ada Okafor (Acme Robotics)',
    );
    await page.getByText(/^Saved \d+ dates to followthrough-due-dates\.ics/).waitFor();
    expect(app.problems).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
  });

  test('an invitation from the inbox that could not be read is shown with its reason until dismissed', async () => {
    const { page, bridge } = app;
    // What a sync does with a calendar part it cannot read: the same path, without IMAP.
    await bridge.services.invitations.receiveFromMail(
      fs.readFileSync(path.join(FIXTURES, 'hostile-impossible-day.ics'), 'utf8'),
      'imap:acc:INBOX:<daily-sync@hostile.example>',
    );
    await page.reload();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Invitations/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Invitations' }).waitFor();
    const list = page.getByRole('list', { name: 'Invitations that could not be read' });
    await list.waitFor();
    const notice = list.getByRole('listitem');
    expect(await notice.getByRole('heading').textContent()).toBe(
      'This invitation could not be read',
    );
    expect(await notice.locator('.reason').textContent()).toBe(
      'line 10: the RRULE "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30" asks for day 30 of a month too short to have it',
    );
    await notice
      .getByText(/Ask the sender for a new invitation, or add the interview by hand/)
      .waitFor();
    await app.screenshot('45-invitations-unreadable');

    await notice.getByRole('button', { name: /^Dismiss: / }).click();
    await list.waitFor({ state: 'detached' });
    expect(bridge.services.invitations.unreadable()).toEqual([]);
    expect(app.problems).toEqual([]);
  });
});
