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

describe('the template for the situation', () => {
  const checkIn = () => services.workspace.status().obligations.find((o) => o.kind === 'check-in')!;

  it('a check-in without a stated decision date does not mention one', () => {
    const obligation = checkIn();
    const interview = opened.store.getInterview(obligation.interviewId!)!;
    opened.store.saveInterview({ ...interview, decisionBy: null });
    const { draft } = services.drafts.open(checkIn().id);
    expect(draft.templateId).toBe('check-in-no-date');
    expect(draft.body).not.toMatch(/expected by|decided by|\[\[/);
  });

  it('a check-in with a stated date names it; with an offer elsewhere, the other-offer check-in', () => {
    const obligation = checkIn();
    const interview = opened.store.getInterview(obligation.interviewId!)!;
    opened.store.saveInterview({ ...interview, decisionBy: '2026-11-13' });
    const dated = services.drafts.open(checkIn().id);
    expect(dated.draft.templateId).toBe('check-in-after-decision-date');
    expect(dated.draft.body).toContain('expected by Friday, November 13');

    const other = opened.store.listApplications().find((a) => a.id !== obligation.applicationId)!;
    opened.store.saveApplication({ ...other, status: 'offer' });
    opened.draftStore.deleteDraft(checkIn().id);
    expect(services.drafts.open(checkIn().id).draft.templateId).toBe('check-in-other-offer');
  });

  it('previews a template filled for the person an obligation is owed to', () => {
    const filled = services.drafts.previewTemplate(owed('Ada Okafor').id, {
      subject: 'About {{role}}{{#decisionDate}} by {{decisionDate}}{{/decisionDate}}',
      body: '{{greeting}}, {{missing}}',
    });
    expect(filled.subject).toMatch(/^About Senior Data Engineer/);
    expect(filled.body).toBe('Dear Ada Okafor, [[missing]]');
    expect(filled.unfilled).toEqual(['missing']);
  });

  it('an interviewer without an address: the note asks the coordinator to pass it on, naming them', () => {
    const lars = opened.store.listPeople().find((p) => p.name === 'Lars Eriksen')!;
    opened.store.savePerson({ ...lars, emails: [] });
    const obligation = services.workspace
      .status()
      .obligations.find((o) => o.kind === 'get-address' && o.personId === lars.id)!;
    const { draft } = services.drafts.open(obligation.id);
    expect(draft.templateId).toBe('thank-coordinator-forward');
    expect(draft.to).toEqual(['rosa.delgado@northwind.example']);
    expect(draft.body).toMatch(/^Dear Rosa Delgado,/);
    expect(draft.body).toContain('I would also like to thank Lars Eriksen');
    expect(draft.body).not.toContain('[[forwardTo]]');
  });
});
