import { describe, expect, test, vi } from 'vitest';
import type { Profile } from '../../src/shared/model';
import type { AppPage } from '../support/bridge/harness';
import { goHome, obligationRow, openAppForFile } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let app: AppPage;

const NAME = 'Noor Haddad';
const PHONE = '+44 20 7946 0321';
const EMAIL = 'noor.haddad@example.org';

const profile = (): Profile => app.bridge.services.workspace.getProfile();

/** An application with yesterday's interview with one person (setup, not under test). */
function trackInterview(): string {
  const { workspace } = app.bridge.services;
  const application = workspace.saveApplication({
    company: 'Larkspur Labs',
    roleTitle: 'Platform Engineer',
    postingUrl: null,
    status: 'interviewing',
    appliedOn: null,
    decidedOn: null,
    companyDomains: ['larkspur.example'],
    notes: '',
  });
  workspace.saveInterview({
    interview: {
      applicationId: application.id,
      kind: 'video',
      startsAt: Date.parse('2026-11-23T13:00:00Z'),
      endsAt: Date.parse('2026-11-23T14:00:00Z'),
      timeZone: 'Europe/Berlin',
      location: null,
      decisionBy: null,
      contactPlan: '',
      outcome: 'good',
      notes: '',
      cancelled: false,
    },
    participants: [
      {
        person: {
          name: 'Priya Raman',
          title: 'Engineering Manager',
          company: 'Larkspur Labs',
          emails: ['priya.raman@larkspur.example'],
          phone: '',
          firstNameOk: true,
          doNotContact: false,
          notApplicable: false,
          notes: '',
        },
        role: 'interviewer',
        topics: 'caching, on-call',
        notes: '',
      },
    ],
  });
  return application.id;
}

function obligationIdOf(applicationId: string): string {
  const o = app.bridge.services.workspace
    .status()
    .obligations.find((x) => x.applicationId === applicationId && x.kind === 'thank-you');
  if (!o) throw new Error('no thank-you note due');
  return o.id;
}

async function openNote(): Promise<void> {
  await goHome(app.page);
  await obligationRow(app.page, 'Thank-you note', 'Priya Raman')
    .getByRole('button', { name: /^Write note/ })
    .click();
  await app.page.getByRole('heading', { level: 1, name: 'Note to Priya Raman' }).waitFor();
}

/** Removes the application again, so the workspace is empty and the welcome view back. */
async function forget(applicationId: string): Promise<void> {
  app.bridge.services.workspace.deleteApplication(applicationId);
  await app.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /^Who needs a note/ })
    .click();
  await app.page.getByRole('heading', { level: 1, name: 'Welcome to Followthrough' }).waitFor();
}

openAppForFile((opened) => {
  app = opened;
});

describe('first start', () => {
  test('an empty workspace welcomes the user with ways in', async () => {
    const { page } = app;
    await page.getByRole('heading', { level: 1, name: 'Welcome to Followthrough' }).waitFor();
    await expect(
      page.getByRole('button', { name: 'Connect an email account' }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.getByRole('button', { name: 'Load the sample workspace' }).isVisible(),
    ).resolves.toBe(true);
    await expect(
      page.getByRole('button', { name: 'Add an application' }).isVisible(),
    ).resolves.toBe(true);
    expect(await page.title()).toBe('Followthrough');
    await page.getByRole('heading', { name: 'First, how you sign your notes' }).waitFor();
    await app.screenshot('01-welcome');
  });

  test('the signature step can be skipped, brought back and saved to the profile', async () => {
    const { page } = app;
    const step = page.getByRole('region', { name: 'First, how you sign your notes' });
    await step.getByRole('button', { name: 'Skip for now' }).click();
    await step.waitFor({ state: 'detached' });
    const skipped = page.getByTestId('signature-skipped');
    expect(await skipped.textContent()).toContain('each note asks for it');
    expect(profile().fullName).toBe('');
    await app.screenshotAtSizes('01-welcome-signature-skipped');

    await skipped.getByRole('button', { name: 'Add it now' }).click();
    await step.getByLabel('Full name').fill(NAME);
    await step.getByLabel('Phone').fill(PHONE);
    await step.getByLabel('Email').fill('not an address');
    await step.getByRole('button', { name: 'Save signature' }).click();
    await step.locator('#welcome-signature-email[aria-invalid="true"]').waitFor();
    expect(profile().fullName).toBe('');
    await app.screenshotAtSizes('01-welcome-signature');

    await step.getByLabel('Email').fill(EMAIL);
    await step.getByRole('button', { name: 'Save signature' }).click();
    const saved = page.getByTestId('signature-saved');
    await saved.waitFor();
    expect(await saved.textContent()).toContain(`${NAME} · ${PHONE} · ${EMAIL}`);
    expect(profile()).toMatchObject({ fullName: NAME, phone: PHONE, email: EMAIL });
    await step.waitFor({ state: 'detached' });
  });

  test('the first note is signed with what the step saved', async () => {
    const { page } = app;
    const applicationId = trackInterview();
    await openNote();
    const subject = await page.getByLabel('Subject', { exact: true }).inputValue();
    const body = await page.getByLabel('Note', { exact: true }).inputValue();
    expect(subject).toContain(NAME);
    expect(body).toContain(`${NAME}\n${PHONE}\n${EMAIL}`);
    expect(`${subject}\n${body}`).not.toMatch(/\[\[sender/);
    expect(await page.getByRole('region', { name: 'Add your name, phone and email' }).count()).toBe(
      0,
    );
    await forget(applicationId);
  });

  test('a note without a signature fills it in place, keeping the rest of the text', async () => {
    const { page } = app;
    app.bridge.services.workspace.saveProfile({ fullName: '', phone: '', email: '', aliases: [] });
    const applicationId = trackInterview();
    await openNote();
    const note = page.getByLabel('Note', { exact: true });
    const before = await note.inputValue();
    // The template asks for the name, and leaves out the phone and email it knows are missing.
    expect(before).toContain('Best regards,\n[[senderName]]');
    expect(before).not.toMatch(/\[\[sender(Phone|Email)\]\]/);
    await page
      .locator('li.finding[data-check="placeholder"]')
      .filter({ hasText: '[[senderName]]' })
      .first()
      .waitFor();

    // The user has written a sentence of their own before noticing the signature.
    const own = 'I still think about the caching question you asked.';
    const edited = before.replace('Best regards,', `${own}\n\nBest regards,`);
    await note.fill(edited);
    await page.getByTestId('save-state').getByText('Saved').waitFor();

    const form = page.getByRole('region', { name: 'Add your name, phone and email' });
    await form.getByLabel('Full name').fill(NAME);
    await form.getByLabel('Phone').fill(PHONE);
    await form.getByLabel('Email').fill(EMAIL);
    await app.screenshotAtSizes('09-draft-missing-signature');
    await form.getByRole('button', { name: 'Save and fill in' }).click();
    await page.getByTestId('signature-filled').waitFor();
    await form.waitFor({ state: 'detached' });

    const after = await note.inputValue();
    // The name where it was asked for, the phone and email under it; the rest as it was.
    expect(after).toBe(edited.replace('[[senderName]]', `${NAME}\n${PHONE}\n${EMAIL}`));
    expect(await page.getByLabel('Subject', { exact: true }).inputValue()).not.toMatch(
      /\[\[sender/,
    );
    await page.getByTestId('save-state').getByText('Saved').waitFor();
    // Only the placeholders that are the user's to write (the specific point) are left.
    const left = await page.locator('li.finding[data-check="placeholder"]').allTextContents();
    expect(left.length).toBeGreaterThan(0);
    expect(left.join(' ')).not.toMatch(/sender/);
    expect(await page.locator('li.finding[data-check^="signature-"]').count()).toBe(0);
    expect(profile()).toMatchObject({ fullName: NAME, phone: PHONE, email: EMAIL });
    // What the page shows is what is stored.
    const stored = app.bridge.services.drafts.open(obligationIdOf(applicationId));
    expect(stored.draft.body).toBe(after);
    await app.screenshotAtSizes('09-draft-signature-filled');
    await forget(applicationId);
  });

  test('connecting an account reports precisely which step failed', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Connect an email account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Connect an email account' }).waitFor();
    // Presets fill the servers.
    await page.getByLabel('Provider', { exact: true }).selectOption('fastmail');
    await page.getByText('Server settings and folders').click();
    expect(await page.getByLabel('Incoming (IMAP) server').inputValue()).toBe('imap.fastmail.com');
    await app.screenshot('02-connect');

    // Where passwords cannot be stored at all, asking to keep them says so and changes nothing.
    const keep = page.getByLabel('Keep passwords on this computer anyway', { exact: false });
    await keep.click();
    await page.getByText('cannot store passwords for Followthrough at all').waitFor();
    expect(await keep.isChecked()).toBe(false);

    // Nothing listens on port 1 of this machine: the report names the step.
    await page.getByLabel('Provider', { exact: true }).selectOption('other');
    await page.getByLabel('Email address', { exact: true }).fill('me@example.org');
    await page.getByLabel('Password or app password').fill('secret');
    await page.getByLabel('Incoming (IMAP) server').fill('127.0.0.1');
    await page.getByLabel('IMAP port', { exact: true }).fill('1');
    await page.getByLabel('IMAP security').selectOption('plaintext');
    await page.getByLabel('Outgoing (SMTP) server').fill('127.0.0.1');
    await page.getByRole('button', { name: 'Test connection' }).click();
    const failure = page.getByTestId('connection-failure');
    await failure.waitFor();
    expect(await failure.textContent()).toContain('Reaching the server failed');
    await app.screenshot('02-connect-failed');

    // An account can be saved anyway; reading it then fails with the same precise message.
    await page.getByRole('button', { name: 'Save and read mail' }).click();
    const accounts = page.getByRole('region', { name: 'Connected accounts' });
    await accounts.getByText('me@example.org', { exact: false }).first().waitFor();
    await page
      .getByText(/refused the connection/)
      .first()
      .waitFor();
    await app.screenshot('02-connect-account-listed');
    await accounts.getByRole('button', { name: 'Remove…' }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove this account?' });
    await confirm.getByRole('button', { name: 'Remove' }).click();
    await accounts.waitFor({ state: 'detached' });

    await page.getByRole('button', { name: 'Back to the start' }).click();
    await page.getByRole('heading', { level: 1, name: 'Welcome to Followthrough' }).waitFor();
  });

  test('loading the sample workspace fills the home view by group', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Load the sample workspace' }).click();
    await page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();

    const headings = await page.locator('[data-group] h2').allTextContents();
    expect(headings).toEqual(['Overdue', 'Coming up', 'Waiting', 'Done']);

    const overdue = page.locator('[data-group="overdue"]');
    for (const name of ['Ada Okafor', 'Lars Eriksen', 'Rosa Delgado']) {
      expect(await overdue.getByRole('heading', { name }).count()).toBe(1);
    }
    const upcoming = page.locator('[data-group="upcoming"]');
    for (const name of ['Jonas Weber', 'Tom Becker']) {
      expect(await upcoming.getByRole('heading', { name }).count()).toBeGreaterThan(0);
    }
    // One check-in per round, to whoever said they would be in touch.
    const waiting = page.locator('[data-group="waiting"]');
    for (const name of ['Rosa Delgado', 'Inès Moreau']) {
      expect(await waiting.getByRole('heading', { name }).count()).toBe(1);
    }
    const done = page.locator('[data-group="done"]');
    expect(await done.getByRole('heading', { name: 'Mei Tanaka' }).count()).toBe(1);
    expect(await done.getByText('Marked by hand: sent on LinkedIn').count()).toBe(1);

    // Due moments are shown in the user's zone, with the rule that made them.
    const ada = overdue.getByRole('article', { name: 'Thank-you note for Ada Okafor' });
    await ada.getByRole('button', { name: /^Why/ }).click();
    expect(await ada.textContent()).toContain('Mon, 23 Nov 2026, 23:59');
    expect(await ada.textContent()).toContain('personal thank-you note');

    expect(await page.title()).toBe('Followthrough (3 overdue)');
    const counts = await page.getByTestId('home-counts').textContent();
    expect(counts?.replace(/\s+/g, ' ')).toContain('3 overdue');

    // The sidebar lists the applications with their overdue badge.
    const sidebar = page.getByRole('navigation', { name: 'Main' });
    expect(
      await sidebar.getByRole('button', { name: /Northwind Analytics/ }).textContent(),
    ).toContain('3');
    await app.screenshot('03-home-sample');
    await page.setViewportSize({ width: 900, height: 760 });
    await app.screenshot('03-home-narrow');
    await page.setViewportSize({ width: 1280, height: 860 });
  });

  test('search and application filter narrow the list', async () => {
    const { page } = app;
    await page.getByLabel('Search people, companies and roles').fill('bluebird');
    // The rows and groups that do not fit are hidden, not removed: what is visible counts.
    expect(await page.locator('[data-group] h2:visible').allTextContents()).toEqual(['Coming up']);
    await page.getByLabel('Search people, companies and roles').fill('nobody-here');
    await page.getByRole('heading', { name: 'Nothing matches' }).waitFor();
    await app.screenshot('04-home-no-match');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page
      .getByLabel('Application', { exact: true })
      .selectOption({ label: 'Kestrel Robotics — Backend Engineer' });
    expect(await page.locator('[data-group] article:visible').count()).toBe(1);
    await page
      .getByLabel('Application', { exact: true })
      .selectOption({ label: 'All applications' });
  });

  test('the application view shows a timeline and the next thing to do', async () => {
    const { page } = app;
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Northwind Analytics/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Analytics' }).waitFor();
    const next = page.getByRole('region', { name: 'Next thing to do' });
    expect(await next.textContent()).toContain('Overdue');
    const timeline = page.locator('ol.timeline');
    expect(await timeline.getByRole('heading', { name: 'Applied' }).count()).toBe(1);
    expect(await timeline.getByRole('heading', { name: 'Panel interview' }).count()).toBe(1);
    for (const name of ['Ada Okafor', 'Mei Tanaka', 'Lars Eriksen', 'Rosa Delgado']) {
      expect(await timeline.getByRole('heading', { name, level: 4 }).count()).toBe(1);
    }
    expect(
      await timeline
        .getByRole('button', { name: /^Undo: Sent on LinkedIn on .* to Mei Tanaka$/ })
        .count(),
    ).toBe(1);
    await app.screenshot('05-application-sample');

    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /Bluebird Health/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Bluebird Health' }).waitFor();
    await page.getByText('Find their email address').first().waitFor();
    await app.screenshot('06-application-bluebird');
  });

  test('settings show profile, rules and data', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await page.getByLabel('By the end of the next working day').isChecked()).toBe(true);
    await app.screenshot('07-settings');
  });

  test('a missing address is fixed from the row that asks for it', async () => {
    const { page } = app;
    await page.getByRole('button', { name: /Who needs a note/ }).click();
    const ask = page.getByRole('article', { name: 'Find their email address for Priya Raman' });
    await ask.getByRole('button', { name: 'Add address: Priya Raman' }).click();
    await page.getByRole('heading', { level: 1, name: 'Edit interview' }).waitFor();
    const priya = page.getByTestId('participant').filter({ hasText: 'Priya Raman' });
    expect(await priya.getByLabel('Name', { exact: true }).inputValue()).toBe('Priya Raman');
    expect(await page.getByLabel('Starts', { exact: true }).inputValue()).toBe('08:15');
    await priya.getByLabel('Email addresses', { exact: true }).fill('priya.raman@bluebird.example');
    await app.screenshot('08-interview-editor-edit');
    await page.getByRole('button', { name: 'Save interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bluebird Health' }).waitFor();
    await page.getByRole('button', { name: /Who needs a note/ }).click();
    await page.getByRole('article', { name: 'Thank-you note for Priya Raman' }).waitFor();
    expect(await ask.count()).toBe(0);
  });

  test('no console errors and no CSP violations', async () => {
    expect(app.problems).toEqual([]);
    expect(await app.cspViolations()).toEqual([]);
    expect(app.bridge.unexpected).toEqual([]);
  });
});
