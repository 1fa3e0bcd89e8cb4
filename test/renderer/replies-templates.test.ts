import { describe, expect, test, vi } from 'vitest';
import type { AppPage } from '../support/bridge/harness';
import { DEFAULT_NOW } from '../support/bridge/server';
import { goHome, obligationRow, openAppForFile } from './ui';

vi.setConfig({ testTimeout: 60_000 });

let app: AppPage;

openAppForFile(async (opened) => {
  app = opened;
  await app.page.getByRole('button', { name: 'Load the sample workspace' }).click();
  await app.page.getByRole('heading', { level: 1, name: 'Who still needs a note' }).waitFor();

  // Ada wrote back to ask for a next round, in a thread of her own.
  const { mailStore } = app.bridge.database;
  mailStore.replaceSourceMessages('local:test', 'INBOX', [
    {
      id: 'local:test:next-ada',
      uid: null,
      folderRole: 'inbox',
      messageId: '<next-ada@northwind.example>',
      inReplyTo: '<note-1@example.com>',
      references: ['<note-1@example.com>'],
      date: Date.parse('2026-11-24T09:00:00+01:00'),
      from: [{ name: 'Ada Okafor', address: 'ada.okafor@northwind.example' }],
      to: [{ name: null, address: 'sam.rivera@example.com' }],
      cc: [],
      bcc: [],
      subject: 'RE: Re: Final round for the Data Engineer role',
      autoReply: false,
      bounce: false,
    },
  ]);
  mailStore.saveReplyReading({
    messageId: 'local:test:next-ada',
    replyClass: 'scheduling',
    sentence: 'Would Thursday at 10:00 work for a final conversation with the team lead?',
    confidence: 0.9,
    source: 'classifier',
    at: DEFAULT_NOW,
  });
  app.bridge.emit('status:changed', { at: DEFAULT_NOW });
});

describe('answering a reply', () => {
  test('the note answers in their thread, and the message being answered is shown beside it', async () => {
    const { page } = app;
    await goHome(page);
    await obligationRow(page, 'Reply to their message', 'Ada Okafor')
      .getByRole('button', { name: /^Write note/ })
      .click();
    await page.getByRole('heading', { level: 1, name: 'Note to Ada Okafor' }).waitFor();

    expect(await page.getByLabel('Subject', { exact: true }).inputValue()).toBe(
      'Re: Final round for the Data Engineer role',
    );
    expect(
      await page.getByLabel('Template', { exact: true }).locator('option:checked').textContent(),
    ).toBe('Confirming a time they proposed');
    const answering = page.getByRole('region', { name: 'The message you are answering' });
    const text = (await answering.textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(text).toContain('Ada Okafor <ada.okafor@northwind.example>');
    expect(text).toContain('RE: Re: Final round for the Data Engineer role');
    expect(text).toContain('Scheduling or a next step');
    expect(text).toContain('Would Thursday at 10:00 work for a final conversation');
    expect(await page.getByLabel('Note', { exact: true }).inputValue()).toContain(
      'The time you proposed suits me well',
    );
    await app.screenshotAtSizes('70-reply-in-thread', page.getByRole('heading', { level: 1 }));
    await app.screenshotAtSizes('70-reply-in-thread-answering', answering);

    // Another answer to the same message is still in the thread.
    await page
      .getByLabel('Template', { exact: true })
      .selectOption({ label: 'Declining an offer' });
    await page.getByRole('button', { name: 'Replace the text' }).click();
    await expect
      .poll(() => page.getByLabel('Note', { exact: true }).inputValue())
      .toContain('I have decided to decline');
    expect(await page.getByLabel('Subject', { exact: true }).inputValue()).toBe(
      'Re: Final round for the Data Engineer role',
    );
    expect(app.problems).toEqual([]);
  });
});

describe('the template editor', () => {
  test('edits a template, previews it for a real person, and restores the original', async () => {
    const { page } = app;
    await page.getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    const editor = page.getByRole('form', { name: 'Note templates' });
    await editor
      .getByLabel('Template', { exact: true })
      .selectOption({ label: 'After a phone screen' });
    const subject = editor.getByLabel('Subject', { exact: true });
    const original = await subject.inputValue();
    expect(original).toContain('{{role}}');

    const filledFor = editor.getByLabel('Filled for');
    const ada = await filledFor
      .locator('option', { hasText: /^Ada Okafor, Northwind Analytics/ })
      .first()
      .getAttribute('value');
    await filledFor.selectOption(ada ?? '');
    const preview = editor.getByTestId('template-preview');
    await subject.fill('Our call about {{role}} at {{company}}');
    await expect
      .poll(async () => (await preview.locator('.preview-subject').textContent()) ?? '')
      .toBe('Our call about Senior Data Engineer at Northwind Analytics');
    expect(await preview.textContent()).toContain('Dear Ada Okafor');
    await app.screenshotAtSizes('71-template-editor', editor);

    await editor.getByRole('button', { name: 'Save template' }).click();
    await editor.getByText('Saved. New notes start from this text.').waitFor();
    expect(
      await editor.getByLabel('Template', { exact: true }).locator('option:checked').textContent(),
    ).toBe('After a phone screen (edited)');
    expect(
      app.bridge.services.drafts.templates().find((t) => t.id === 'after-phone-screen')?.subject,
    ).toBe('Our call about {{role}} at {{company}}');

    await editor.getByRole('button', { name: 'Restore the original' }).click();
    await editor.getByText('Back to the original text.').waitFor();
    expect(await subject.inputValue()).toBe(original);
    expect(
      app.bridge.services.drafts.templates().find((t) => t.id === 'after-phone-screen')?.subject,
    ).toBe(original);
    expect(app.problems).toEqual([]);
  });
});
