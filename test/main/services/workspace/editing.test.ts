/** The user's edits of the workspace, and what they change in who is owed what. */
import { describe, expect, it } from 'vitest';
import {
  addApplication,
  newPerson,
  NOW,
  panelOfTwo,
  useWorkspace,
} from '../../../support/workspace-fixture';

const ws = useWorkspace();

describe('workspace service', () => {
  it('owes one thank-you note per interviewer of a panel, due by the end of the next business day', () => {
    const application = addApplication(ws.service);
    expect(application.companyDomains).toEqual(['acme.example']);
    ws.service.saveInterview(panelOfTwo(application.id));

    const owed = ws.service.status().obligations.filter((o) => o.kind === 'thank-you');
    expect(owed.map((o) => o.personName).sort()).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(owed.every((o) => o.state === 'due')).toBe(true);
    expect(new Date(owed[0]!.dueAt!).toISOString()).toBe('2026-11-24T22:59:59.999Z');
    expect(owed[0]).toMatchObject({
      company: 'Acme',
      roleTitle: 'Site Reliability Engineer',
      interviewKind: 'panel',
    });
    expect(ws.changes).toBe(2);
  });

  it('reuses a known person by address instead of creating a twin', () => {
    const application = addApplication(ws.service);
    ws.service.saveInterview(panelOfTwo(application.id));
    const second = panelOfTwo(application.id);
    second.participants = [
      { ...second.participants[0]!, person: newPerson('Grace M. Hopper', 'grace@acme.example') },
    ];
    ws.service.saveInterview(second);
    const people = ws.service.listPeople();
    expect(people).toHaveLength(2);
    expect(people.find((p) => p.emails[0] === 'grace@acme.example')?.name).toBe('Grace M. Hopper');
  });

  it('marks a note sent by letter as done, and undoing it reopens the note', () => {
    const application = addApplication(ws.service);
    ws.service.saveInterview(panelOfTwo(application.id));
    const grace = ws.service.listPeople().find((p) => p.name === 'Grace Hopper')!;
    const contact = ws.service.markSent({
      applicationId: application.id,
      interviewId: null,
      personId: grace.id,
      channel: 'letter',
      at: NOW - 3_600_000,
      note: '',
    });
    const graceNote = () =>
      ws.service
        .status()
        .obligations.find((o) => o.personId === grace.id && o.kind === 'thank-you');
    expect(graceNote()).toMatchObject({
      state: 'done',
      evidence: { type: 'manual', channel: 'letter' },
    });
    ws.service.unmark(contact.id);
    expect(graceNote()?.state).toBe('due');
  });

  it('follows the thank-you window setting', () => {
    const application = addApplication(ws.service);
    ws.service.saveInterview(panelOfTwo(application.id));
    ws.service.saveSettings({ ...ws.service.getSettings(), thankYouWindow: 'same-day' });
    const owed = ws.service.status().obligations.filter((o) => o.kind === 'thank-you');
    expect(owed.every((o) => o.state === 'overdue')).toBe(true);
  });

  it('shows the application with its interviews, people and obligations, and deletes it whole', () => {
    const application = addApplication(ws.service);
    ws.service.saveInterview(panelOfTwo(application.id));
    const detail = ws.service.getApplication(application.id);
    expect(detail.interviews).toHaveLength(1);
    expect(detail.people.map((p) => p.name).sort()).toEqual(['Alan Turing', 'Grace Hopper']);
    expect(detail.obligations).toHaveLength(2);
    expect(ws.service.listApplications()[0]).toMatchObject({
      openObligations: 2,
      overdueObligations: 0,
    });

    expect(ws.service.deleteApplication(application.id)).toEqual({ deleted: true });
    expect(ws.service.status().obligations).toEqual([]);
    expect(() => ws.service.getApplication(application.id)).toThrow(/no longer exists/);
  });

  it('skips one note and leaves the other notes to that person owed; undoing it brings the note back', () => {
    const application = addApplication(ws.service);
    ws.service.saveInterview(panelOfTwo(application.id));
    const grace = ws.service.listPeople().find((p) => p.name === 'Grace Hopper')!;
    const owed = () => ws.service.status().obligations.filter((o) => o.personId === grace.id);
    const thanks = owed().find((o) => o.kind === 'thank-you')!;
    expect(thanks.state).toBe('due');

    expect(ws.service.skip(thanks.id, true)).toEqual({ skipped: true });
    expect(owed().find((o) => o.id === thanks.id)?.state).toBe('skipped');
    expect(ws.service.obligation(thanks.id)?.state).toBe('skipped');
    expect(ws.service.status().counts.due).toBe(1);
    expect(ws.service.listPeople().find((p) => p.id === grace.id)?.notApplicable).toBe(false);
    const others = owed().filter((o) => o.id !== thanks.id);
    expect(others.every((o) => o.state !== 'skipped')).toBe(true);

    ws.service.skip(thanks.id, false);
    expect(owed().find((o) => o.id === thanks.id)?.state).toBe('due');
  });

  it('loading the sample keeps the name and addresses the user gave, which sign every note', () => {
    const mine = { fullName: 'Ada Byron', phone: '', email: 'ada@home.example', aliases: [] };
    ws.service.saveProfile(mine);
    ws.service.loadSample();
    expect(ws.service.getProfile()).toEqual(mine);
    expect(ws.service.listApplications().length).toBeGreaterThan(0);
  });

  it('loading the sample into a new workspace signs its notes with the sample person', () => {
    ws.service.loadSample();
    expect(ws.service.getProfile().fullName).not.toBe('');
  });
});
