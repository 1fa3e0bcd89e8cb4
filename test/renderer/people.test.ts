/**
 * The People view and the sidebar at scale: the sample workspace plus 304 made-up
 * applications with three interviewers each (920 people), some of them closed.
 */
import { describe, expect, test, vi } from 'vitest';
import type { FolderMessage, Workspace } from '../../src/shared/model';
import type { AppPage } from '../support/bridge/harness';
import { DEFAULT_NOW } from '../support/bridge/server';
import { openAppForFile } from './ui';

vi.setConfig({ testTimeout: 90_000 });

const GENERATED = 304;
const CLOSED = ['rejected', 'withdrawn', 'accepted'] as const;

let app: AppPage;

/** The sample workspace with `count` more applications, one interview and three people each. */
function withManyApplications(sample: Workspace, count: number): Workspace {
  const out: Workspace = {
    ...sample,
    applications: [...sample.applications],
    interviews: [...sample.interviews],
    people: [...sample.people],
    participants: [...sample.participants],
  };
  for (let n = 0; n < count; n++) {
    const id = `gen-a-${n}`;
    const company = `Company ${String(n).padStart(3, '0')}`;
    const domain = `company-${n}.example`;
    // Every fourth one is closed, in turn turned down, withdrawn and accepted.
    const status = n % 4 === 3 ? CLOSED[Math.floor(n / 4) % 3]! : 'interviewing';
    out.applications.push({
      id,
      company,
      roleTitle: `Engineer ${n}`,
      postingUrl: null,
      status,
      appliedOn: '2026-09-01',
      decidedOn: status === 'interviewing' ? null : '2026-10-20',
      companyDomains: [domain],
      notes: '',
      createdAt: DEFAULT_NOW - 90 * 86_400_000 + n,
      updatedAt: DEFAULT_NOW - 90 * 86_400_000 + n,
    });
    const startsAt = DEFAULT_NOW - (40 + (n % 30)) * 86_400_000;
    out.interviews.push({
      id: `gen-i-${n}`,
      applicationId: id,
      kind: 'video',
      startsAt,
      endsAt: startsAt + 3_600_000,
      timeZone: 'Europe/Berlin',
      location: null,
      decisionBy: null,
      contactPlan: '',
      contactPersonId: null,
      outcome: 'unknown',
      notes: '',
      cancelled: false,
    });
    for (let k = 0; k < 3; k++) {
      const personId = `gen-p-${n}-${k}`;
      out.people.push({
        id: personId,
        name: `Person ${n}-${k} ${['Lindqvist', 'Okoro', 'Haddad'][k]}`,
        title: 'Engineer',
        company,
        emails: [`p${k}@${domain}`],
        phone: '',
        firstNameOk: false,
        doNotContact: false,
        notApplicable: false,
        notes: '',
      });
      out.participants.push({
        interviewId: `gen-i-${n}`,
        personId,
        role: 'interviewer',
        topics: '',
        notes: '',
      });
    }
  }
  return out;
}

function message(
  id: string,
  folderRole: 'sent' | 'inbox',
  at: number,
  subject: string,
): FolderMessage {
  const me = { name: 'Sam Rivera', address: 'sam.rivera@example.com' };
  const mei = { name: 'Mei Tanaka', address: 'mei.tanaka@northwind.example' };
  return {
    id: `local:people:${id}`,
    uid: null,
    folderRole,
    messageId: `<${id}@example.com>`,
    inReplyTo: null,
    references: [],
    date: at,
    from: [folderRole === 'sent' ? me : mei],
    to: [folderRole === 'sent' ? mei : me],
    cc: [],
    bcc: [],
    subject,
    autoReply: false,
    bounce: false,
  };
}

openAppForFile(async (opened) => {
  app = opened;
  const { workspace } = app.bridge.services;
  workspace.loadSample({});
  workspace.importWorkspace(withManyApplications(workspace.exportWorkspace(), GENERATED));
  const { mailStore } = app.bridge.database;
  mailStore.replaceSourceMessages('local:people', 'Sent', [
    message('follow-mei', 'sent', DEFAULT_NOW - 3 * 3_600_000, 'Following up on pipelines'),
  ]);
  mailStore.replaceSourceMessages('local:people', 'INBOX', [
    message('mei-answers', 'inbox', DEFAULT_NOW - 2 * 3_600_000, 'Re: Following up on pipelines'),
  ]);
  await app.page.reload();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();
});

function sidebar() {
  return app.page.getByRole('navigation', { name: 'Main' });
}

describe('the People view', () => {
  test('lists 920 people, finds one by search, and shows every note to and from her', async () => {
    const { page } = app;
    await sidebar().getByRole('button', { name: 'People', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    const count = page.getByRole('status').filter({ hasText: /people/ });
    await count.filter({ hasText: '920 people' }).waitFor();
    // The list shows a page of rows, never all 920 at once.
    const list = page.getByRole('list', { name: 'People' });
    expect(await list.getByRole('listitem').count()).toBe(200);
    await page.getByText('Showing the first 200 of 920.').waitFor();

    const search = page.getByRole('searchbox', { name: 'Search people' });
    await search.fill('northwind');
    await count.filter({ hasText: '4 of 920 people' }).waitFor();
    await search.fill('mei tan');
    await count.filter({ hasText: '1 of 920 people' }).waitFor();
    await list.getByRole('button', { name: /Mei Tanaka/ }).click();

    const person = page.getByRole('region', { name: 'Mei Tanaka' });
    await person.getByRole('heading', { level: 2, name: 'Mei Tanaka' }).waitFor();
    await person.getByText('First name is fine', { exact: true }).first().waitFor();
    await person
      .getByRole('button', { name: 'Northwind Analytics, Senior Data Engineer' })
      .waitFor();
    const notes = person.getByRole('region', { name: 'Notes to and from Mei Tanaka' });
    const items = notes.getByRole('listitem');
    await expect.poll(() => items.count()).toBe(3);
    const texts = (await items.allTextContents()).map((t) => t.replace(/\s+/g, ' '));
    expect(texts[0]).toMatch(/You wrote.*Marked as sent by hand.*Thanked her on LinkedIn/);
    expect(texts[1]).toMatch(/You wrote.*Found in Sent.*Following up on pipelines/);
    expect(texts[2]).toMatch(/They wrote.*Reply.*Re: Following up on pipelines/);
    await app.screenshotAtSizes('90-people-view');
    expect(app.problems).toEqual([]);
  });

  test('an edit there changes the person in every interview she is in', async () => {
    const { page } = app;
    const form = page.getByRole('form', { name: 'Edit Mei Tanaka' });
    await form.getByRole('textbox', { name: 'Name' }).fill('Mei Tanaka-Berg');
    await form.getByRole('checkbox', { name: /Do not contact/ }).check();
    await form.getByRole('button', { name: 'Save person' }).click();
    await page.getByRole('heading', { level: 2, name: 'Mei Tanaka-Berg' }).waitFor();
    expect(
      app.bridge.services.workspace.listPeople().find((p) => p.id === 'sample-p-mei'),
    ).toMatchObject({
      name: 'Mei Tanaka-Berg',
      doNotContact: true,
      firstNameOk: true,
    });

    await page
      .getByRole('region', { name: 'Mei Tanaka-Berg' })
      .getByRole('button', { name: 'Northwind Analytics, Senior Data Engineer' })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Analytics' }).waitFor();
    expect(await page.getByText('Mei Tanaka-Berg').count()).toBeGreaterThan(0);
    expect(await page.getByText('Mei Tanaka', { exact: true }).count()).toBe(0);

    // And back: from an interview to everything with one of its people.
    await page.getByRole('button', { name: 'All notes with them: Ada Okafor' }).click();
    await page.getByRole('heading', { level: 1, name: 'People' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Ada Okafor' }).waitFor();
    expect(app.problems).toEqual([]);
  });
});

describe('the people picker of the interview editor', () => {
  test('finds one of 920 people by typing, picks with the keyboard, and the first interview moves the status', async () => {
    const { page } = app;
    await sidebar()
      .getByRole('button', { name: /Lumen Labs/ })
      .click();
    await page.getByRole('button', { name: 'Add an interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'New interview' }).waitFor();
    // No select lists everyone.
    expect(await page.locator('select option').filter({ hasText: 'Okoro' }).count()).toBe(0);
    const picker = page.getByRole('combobox', { name: 'Or add someone you have met before' });
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
    await picker.fill('okoro 12');
    expect(await picker.getAttribute('aria-expanded')).toBe('true');
    const options = page.getByRole('listbox', { name: 'People' }).getByRole('option');
    // Person 12-1, 112-1, 120-1 to 129-1 and 212-1; the first option is active from the start.
    await expect.poll(() => options.count()).toBe(13);
    expect(await options.first().getAttribute('aria-selected')).toBe('true');
    await picker.press('ArrowDown');
    const second = options.nth(1);
    expect(await second.getAttribute('aria-selected')).toBe('true');
    expect(await picker.getAttribute('aria-activedescendant')).toBe(
      await second.getAttribute('id'),
    );
    const name = (await second.locator('.name').textContent())!.replace(/ \(.*\)$/, '');
    await app.screenshotAtSizes('93-interview-people-picker', picker);
    await picker.press('Enter');
    expect(await picker.getAttribute('aria-expanded')).toBe('false');
    expect(await picker.inputValue()).toBe('');
    const added = page.getByTestId('participant').last();
    expect(await added.getByLabel('Name', { exact: true }).inputValue()).toBe(name);
    await picker.fill('nobody by this name');
    await page.getByText('No one matches.').waitFor();
    await picker.press('Escape');
    expect(await picker.getAttribute('aria-expanded')).toBe('false');

    // Lumen Labs was only applied: saving its first interview moves it to interviewing.
    await page.getByRole('button', { name: 'Remove this person' }).click();
    await page.getByRole('button', { name: 'Save interview' }).click();
    await page.getByRole('heading', { level: 1, name: 'Lumen Labs' }).waitFor();
    await page.locator('.eyebrow').filter({ hasText: 'Interviewing' }).waitFor();
    await sidebar()
      .getByRole('button', { name: /Lumen Labs Platform Engineer · Interviewing/ })
      .waitFor();
    expect(app.bridge.services.workspace.getApplication('sample-lumen').application.status).toBe(
      'interviewing',
    );
    expect(app.problems).toEqual([]);
  });
});

describe('the sidebar at scale', () => {
  test('keeps closed applications under Archived, and its list scrolls while Settings stays', async () => {
    const { page } = app;
    const closed = GENERATED / 4;
    const active = sidebar().getByRole('button', { name: `Active (${5 + GENERATED - closed})` });
    const archived = sidebar().getByRole('button', { name: `Archived (${closed})` });
    expect(await active.getAttribute('aria-pressed')).toBe('true');
    const applications = sidebar().getByRole('list', { name: 'Applications' });
    expect(await applications.getByRole('listitem').count()).toBe(5 + GENERATED - closed);
    expect(await applications.getByRole('button', { name: /Company 003/ }).count()).toBe(0);

    await archived.click();
    expect(await archived.getAttribute('aria-pressed')).toBe('true');
    expect(await applications.getByRole('listitem').count()).toBe(closed);
    await applications.getByRole('button', { name: /Company 003.*Turned down/ }).waitFor();
    await applications.getByRole('button', { name: /Company 007.*Withdrawn/ }).waitFor();
    await applications.getByRole('button', { name: /Company 011.*Accepted/ }).waitFor();

    // At the smallest window the list scrolls on its own and Settings stays in view.
    await page.setViewportSize({ width: 1024, height: 640 });
    await active.click();
    const scroller = sidebar().locator('.scroller');
    // (Functions as text: the tests type-check without the DOM's types.)
    const sizes = await page.evaluate<{ scroll: number; client: number }>(
      "(() => { const el = document.querySelector('nav .scroller'); return { scroll: el.scrollHeight, client: el.clientHeight }; })()",
    );
    expect(sizes.scroll).toBeGreaterThan(sizes.client);
    await scroller.evaluate('(el) => el.scrollTo({ top: el.scrollHeight })');
    const settings = await sidebar().getByRole('button', { name: 'Settings' }).boundingBox();
    expect(settings!.y + settings!.height).toBeLessThanOrEqual(640);
    await page.setViewportSize({ width: 1280, height: 860 });
    await scroller.evaluate('(el) => el.scrollTo({ top: 0 })');
    await app.screenshotAtSizes('91-sidebar-archive');
    expect(app.problems).toEqual([]);
  });

  test('says what its counts are in notes', async () => {
    const badge = sidebar()
      .getByRole('button', { name: /Northwind Analytics/ })
      .locator('.badge');
    expect(await badge.getAttribute('aria-label')).toMatch(
      /^\d+ (overdue notes?|notes? for today)$/,
    );
  });
});

describe('an application whose status follows the news', () => {
  test('a rejection read in a reply is offered on the application view, applied there, and undone', async () => {
    const { page } = app;
    app.bridge.database.mailStore.saveReplyReading({
      messageId: 'local:people:mei-answers',
      replyClass: 'rejection',
      sentence: 'We have decided to move forward with other candidates.',
      confidence: 1,
      source: 'user',
      at: DEFAULT_NOW,
    });
    app.bridge.emit('status:changed', { at: DEFAULT_NOW });
    await sidebar()
      .getByRole('button', { name: /Northwind Analytics/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Northwind Analytics' }).waitFor();
    const card = page.getByRole('region', { name: 'Northwind Analytics decided against you?' });
    await card.waitFor();
    await app.screenshotAtSizes('92-application-suggestion');
    await card.getByRole('button', { name: 'Mark as rejected' }).click();
    await page.locator('.eyebrow').filter({ hasText: 'Turned down' }).waitFor();
    const status = () =>
      app.bridge.services.workspace.getApplication('sample-northwind').application.status;
    expect(status()).toBe('rejected');
    // Closed now: it moved to the archive, which the sidebar shows, with it current.
    const archived = sidebar().getByRole('button', { name: `Archived (${GENERATED / 4 + 1})` });
    await archived.waitFor();
    await expect.poll(() => archived.getAttribute('aria-pressed')).toBe('true');
    expect(
      await sidebar()
        .getByRole('list', { name: 'Applications' })
        .getByRole('button', { name: /Northwind Analytics/ })
        .getAttribute('aria-current'),
    ).toBe('page');

    await page
      .getByRole('status')
      .filter({ hasText: 'Marked as turned down' })
      .getByRole('button', { name: 'Undo' })
      .click();
    await page.locator('.eyebrow').filter({ hasText: 'Interviewing' }).waitFor();
    expect(status()).toBe('interviewing');
    await expect
      .poll(() =>
        sidebar()
          .getByRole('button', { name: /^Active \(/ })
          .getAttribute('aria-pressed'),
      )
      .toBe('true');
    expect(app.problems).toEqual([]);
  });
});
