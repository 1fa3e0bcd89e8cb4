import { describe, expect, test, vi } from 'vitest';
import type { FolderMessage } from '../../src/shared/model';
import type { AppPage } from '../support/bridge/harness';
import { DEFAULT_NOW } from '../support/bridge/server';
import { goHome, openAppForFile } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let app: AppPage;

/** A reply in the inbox, as a local mailbox would give it. */
function reply(id: string, from: { name: string; address: string }, date: string): FolderMessage {
  return {
    id: `local:test:${id}`,
    uid: null,
    folderRole: 'inbox',
    messageId: `<${id}@northwind.example>`,
    inReplyTo: null,
    references: [],
    date: Date.parse(date),
    from: [from],
    to: [{ name: null, address: 'sam.rivera@example.com' }],
    cc: [],
    bcc: [],
    subject: 'Re: Thank you',
    autoReply: false,
    bounce: false,
  };
}

openAppForFile(async (opened) => {
  app = opened;
  await app.page.getByRole('button', { name: 'Load the sample workspace' }).click();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();

  // Mei thanked Sam for the note; Ada asked about a next round.
  const { mailStore } = app.bridge.database;
  mailStore.replaceSourceMessages('local:test', 'INBOX', [
    reply(
      'ack-mei',
      { name: 'Mei Tanaka', address: 'mei.tanaka@northwind.example' },
      '2026-11-23T09:15:00+01:00',
    ),
    reply(
      'next-ada',
      { name: 'Ada Okafor', address: 'ada.okafor@northwind.example' },
      '2026-11-24T09:00:00+01:00',
    ),
  ]);
  const read = (id: string, replyClass: 'acknowledgement' | 'scheduling', sentence: string) =>
    mailStore.saveReplyReading({
      messageId: `local:test:${id}`,
      replyClass,
      sentence,
      confidence: 0.9,
      source: 'classifier',
      at: DEFAULT_NOW,
    });
  read('ack-mei', 'acknowledgement', 'Thanks for your kind note, we will be in touch soon.');
  read('next-ada', 'scheduling', 'Would you be free for a final conversation on Thursday?');
  app.bridge.emit('status:changed', { at: DEFAULT_NOW });
});

async function openNorthwind() {
  await app.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: /Northwind Analytics/ })
    .click();
  await app.page.getByRole('heading', { level: 1, name: /Northwind Analytics/ }).waitFor();
}

describe('replies on the timeline', () => {
  test('each reply shows who wrote, how it was read and the sentence that decided it', async () => {
    const { page } = app;
    await openNorthwind();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const mei = timeline.locator('[data-reply-class="acknowledgement"]');
    await mei.waitFor();
    expect((await mei.textContent())?.replace(/\s+/g, ' ')).toContain(
      'Mei Tanaka wrote back Acknowledgement, no answer needed',
    );
    expect(await mei.textContent()).toContain(
      'Thanks for your kind note, we will be in touch soon.',
    );
    const ada = timeline.locator('[data-reply-class="scheduling"]').first();
    expect(await ada.textContent()).toContain('Ada Okafor wrote back');
    // Only Ada's reply asks for an answer.
    const answers = page.getByText(/^Reply to their message/);
    expect(await answers.count()).toBe(1);
    await app.screenshot('60-timeline-reply-classes');
  });

  test('the interview editor says who would be in touch, and the choice is kept', async () => {
    const { page } = app;
    await openNorthwind();
    await page.getByRole('button', { name: /^Edit the panel interview/ }).click();
    const select = page.getByLabel('Who said they would be in touch');
    await select.waitFor();
    expect(await select.locator('option:checked').textContent()).toBe('Rosa Delgado');
    expect(await select.locator('option').allTextContents()).toEqual([
      'Not said',
      'Ada Okafor',
      'Mei Tanaka',
      'Lars Eriksen',
      'Rosa Delgado',
    ]);
    await select.selectOption({ label: 'Lars Eriksen' });
    await select.scrollIntoViewIfNeeded();
    await app.screenshot('61-interview-editor-contact', { fullPage: false });
    await page.getByRole('button', { name: /^Save/ }).click();
    await page.getByRole('heading', { level: 1, name: /Northwind Analytics/ }).waitFor();

    const interview = app.bridge.services.workspace
      .getApplication('sample-northwind')
      .interviews.find((i) => i.id === 'sample-i-northwind-panel');
    expect(interview?.contactPersonId).toBe('sample-p-lars');
  });
});

describe('a rejection from the talent team', () => {
  test('suggests marking the application as rejected; "Not so" keeps it from coming back', async () => {
    const { page } = app;
    const { mailStore } = app.bridge.database;
    mailStore.replaceSourceMessages('local:test2', 'INBOX', [
      reply(
        'no-thanks',
        { name: 'Sam Lee', address: 'talent@northwind.example' },
        '2026-11-24T09:30:00+01:00',
      ),
    ]);
    mailStore.saveReplyReading({
      messageId: 'local:test:no-thanks',
      replyClass: 'rejection',
      sentence: 'We have decided to move forward with other candidates.',
      confidence: 0.95,
      source: 'classifier',
      at: DEFAULT_NOW,
    });
    app.bridge.emit('status:changed', { at: DEFAULT_NOW });
    await goHome(page);
    const banner = page
      .getByRole('list', { name: 'Status' })
      .getByRole('listitem')
      .filter({ hasText: 'Northwind Analytics decided against you?' });
    await banner.waitFor();
    // The reason waits in the line's tooltip.
    expect(await banner.getAttribute('title')).toContain(
      'Sam Lee at Northwind Analytics wrote back on Tue 24 Nov to say the company decided against you',
    );
    await app.screenshot('62-home-rejection-suggestion', { fullPage: false });

    await banner.getByRole('button', { name: 'Not so' }).click();
    await banner.waitFor({ state: 'hidden' });
    const status = app.bridge.services.workspace.status();
    expect(status.suggestions).toEqual([]);
    expect(
      app.bridge.services.workspace.getApplication('sample-northwind').application.status,
    ).toBe('interviewing');
  });
});

describe('the user has the last word on what a reply says', () => {
  test('a reply the app is not sure about waits on the review list until the user says', async () => {
    const { page } = app;
    const { mailStore } = app.bridge.database;
    mailStore.saveReplyReading({
      messageId: 'local:test:next-ada',
      replyClass: 'other',
      sentence: 'Could you give me a call when you have a minute?',
      confidence: 0.3,
      source: 'classifier',
      at: DEFAULT_NOW,
    });
    app.bridge.emit('status:changed', { at: DEFAULT_NOW });
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('button', { name: /To review/ })
      .click();
    const item = page.getByRole('article', { name: 'Reply from Ada Okafor' });
    await item.waitFor();
    expect(await item.textContent()).toContain('Could you give me a call when you have a minute?');
    await app.screenshot('65-review-unsure-reply');
    await item.getByRole('button', { name: 'A time or a next step' }).click();
    await item.waitFor({ state: 'hidden' });
    expect(
      mailStore.listReplyReadings().find((r) => r.messageId === 'local:test:next-ada'),
    ).toMatchObject({ replyClass: 'scheduling', source: 'user' });
  });
  test('a reply read wrong is corrected on the timeline; the rejection it then is can be accepted and undone', async () => {
    const { page } = app;
    // Lars writes last; the app reads it as a courtesy reply, but it is a rejection.
    const { mailStore } = app.bridge.database;
    mailStore.replaceSourceMessages('local:test3', 'INBOX', [
      reply(
        'late-lars',
        { name: 'Lars Eriksen', address: 'lars.eriksen@northwind.example' },
        '2026-11-24T10:00:00+01:00',
      ),
    ]);
    mailStore.saveReplyReading({
      messageId: 'local:test:late-lars',
      replyClass: 'acknowledgement',
      sentence: 'Thank you for your note and for your interest.',
      confidence: 0.8,
      source: 'classifier',
      at: DEFAULT_NOW,
    });
    app.bridge.emit('status:changed', { at: DEFAULT_NOW });
    await openNorthwind();
    const timeline = page.getByRole('region', { name: 'Timeline' });
    const correct = timeline.getByLabel('What Lars Eriksen said');
    expect(await correct.locator('option:checked').textContent()).toBe('Thanks, no answer needed');
    await correct.selectOption({ label: 'A rejection' });
    await timeline
      .locator('[data-reply-class="rejection"]')
      .filter({ hasText: 'Lars Eriksen wrote back' })
      .waitFor();
    expect(
      app.bridge.database.mailStore
        .listReplyReadings()
        .find((r) => r.messageId === 'local:test:late-lars'),
    ).toMatchObject({ replyClass: 'rejection', source: 'user' });
    await app.screenshot('63-timeline-reply-corrected');

    await goHome(page);
    const alerts = page.getByRole('list', { name: 'Status' });
    const suggestion = alerts
      .getByRole('listitem')
      .filter({ hasText: 'Northwind Analytics decided against you?' });
    await suggestion.getByRole('button', { name: 'Mark as rejected' }).click();
    const marked = alerts
      .getByRole('listitem')
      .filter({ hasText: 'Northwind Analytics: marked as turned down' });
    await marked.waitFor();
    const application = () =>
      app.bridge.services.workspace.getApplication('sample-northwind').application;
    expect(application().status).toBe('rejected');
    await app.screenshot('64-home-rejection-accepted', { fullPage: false });

    await marked.getByRole('button', { name: 'Undo' }).click();
    await marked.waitFor({ state: 'hidden' });
    expect(application().status).toBe('interviewing');
  });
});
