import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/index';
import { createServices, type Services } from '../../../src/main/services';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';

const NOW = Date.parse('2026-11-24T09:00:00Z');
let dir: string;
let opened: OpenedDatabase;
let services: Services;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-draft-'));
  opened = await openDatabase(join(dir, 'db.sqlite'));
  services = createServices({
    database: opened,
    vault: createMemoryVault(),
    now: () => NOW,
    systemTimeZone: () => 'Europe/Berlin',
  });
  services.workspace.loadSample();
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const owed = (name: string) =>
  services.workspace
    .status()
    .obligations.find((o) => o.personName === name && o.kind === 'thank-you')!;

describe('drafts', () => {
  it('starts from the template that fits, filled with the interview and the person', () => {
    const { draft, findings } = services.drafts.open(owed('Ada Okafor').id);
    expect(draft.templateId).toBe('after-onsite');
    expect(draft.to).toEqual(['ada.okafor@northwind.example']);
    expect(draft.body).toMatch(/^Dear Ada Okafor,/);
    expect(draft.body).toContain('Northwind Analytics');
    expect(draft.subject).toContain('Sam Rivera');
    // The sentence only the user can write is left visibly open, and the checks say so.
    expect(draft.body).toContain('[[specificPoint]]');
    expect(
      findings.some((f) => f.severity === 'error' && /\[\[/.test(f.message + draft.body)),
    ).toBe(true);
  });

  it('saves every change, and flags a note copied to another panel member', () => {
    const ada = services.drafts.open(owed('Ada Okafor').id);
    const text = ada.draft.body.replace(
      '[[specificPoint]]',
      'I enjoyed sketching the streaming pipeline with you.',
    );
    const saved = services.drafts.update(ada.draft.obligationId, { ...ada.draft, body: text });
    expect(opened.draftStore.getDraft(ada.draft.obligationId)?.body).toBe(text);
    expect(saved.findings.some((f) => f.message.includes('[['))).toBe(false);

    const lars = services.drafts.open(owed('Lars Eriksen').id);
    const copied = text.replace('Dear Ada Okafor', 'Dear Lars Eriksen');
    const checked = services.drafts.update(lars.draft.obligationId, {
      ...lars.draft,
      body: copied,
    });
    expect(checked.findings.map((f) => f.id)).toContain('near-duplicate');
  });

  it('refuses to change a note that was sent', () => {
    const { draft } = services.drafts.open(owed('Ada Okafor').id);
    opened.draftStore.saveDraft({ ...draft, state: 'sent' });
    expect(() => services.drafts.update(draft.obligationId, draft)).toThrow(/sent already/);
  });

  it('lets the user edit a built-in template and restore it', () => {
    const original = services.drafts.templates().find((t) => t.id === 'after-phone-screen')!;
    const edited = services.drafts.saveTemplate({ ...original, body: 'My own words.' });
    expect(edited.find((t) => t.id === 'after-phone-screen')?.body).toBe('My own words.');
    const restored = services.drafts.restoreTemplate('after-phone-screen');
    expect(restored.find((t) => t.id === 'after-phone-screen')?.body).toBe(original.body);
  });

  it('prints a draft with its findings from the command line', async () => {
    const id = owed('Lars Eriksen').id;
    opened.store.close();
    let out = '';
    const code = await runCli(['draft', id, '--db', join(dir, 'db.sqlite')], {
      stdout: (t) => (out += t),
      stderr: () => {},
      env: { TZ: 'Europe/Berlin' },
      now: () => NOW,
    });
    opened = await openDatabase(join(dir, 'db.sqlite'));
    expect(code).toBe(0);
    expect(out).toMatch(/^To: lars\.eriksen@northwind\.example\nSubject: .+/);
    expect(out).toMatch(/Checks:\n {2}error: /);
    // The same guard as the app's Send: the placeholder left in the template stops it.
    expect(out).toMatch(/This note cannot go out yet\. Replace “\[\[specificPoint\]\]”/);
  });
});
