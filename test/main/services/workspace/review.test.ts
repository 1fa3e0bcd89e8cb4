/** The review list, links and unlinks, history, and snoozes. */
import { describe, expect, it } from 'vitest';
import {
  addApplication,
  NOW,
  panelOfTwo,
  sentMessage,
  useWorkspace,
} from '../../../support/workspace-fixture';

const ws = useWorkspace();

describe('review list, links, history and snoozes', () => {
  const afterInterview = Date.parse('2026-11-23T18:00:00Z');

  function setUp() {
    const application = addApplication(ws.service);
    ws.service.saveInterview(panelOfTwo(application.id));
    const people = ws.service.listPeople();
    const grace = people.find((p) => p.name === 'Grace Hopper')!;
    const alan = people.find((p) => p.name === 'Alan Turing')!;
    return { application, grace, alan };
  }

  it('puts a note to a known name at an unknown address on the review list until the user confirms it', () => {
    const { application, grace } = setUp();
    ws.opened.mailStore.addMessages('acct', 'Sent', [
      sentMessage(
        1,
        { name: 'Grace Hopper', address: 'grace.private@mail.example' },
        afterInterview,
      ),
    ]);
    const graceNote = () =>
      ws.service
        .status()
        .obligations.find((o) => o.personId === grace.id && o.kind === 'thank-you');

    const review = ws.service.review();
    expect(review).toHaveLength(1);
    expect(review[0]).toMatchObject({
      personName: 'Grace Hopper',
      company: 'Acme',
      match: { personId: grace.id, applicationId: application.id, confidence: 'unsure' },
      message: { subject: 'Thank you (1)' },
    });
    expect(graceNote()?.state).toBe('due');

    ws.service.saveLink({
      messageId: review[0]!.match.messageId,
      personId: grace.id,
      applicationId: application.id,
      action: 'link',
    });
    expect(ws.service.review()).toEqual([]);
    expect(graceNote()).toMatchObject({ state: 'done', evidence: { subject: 'Thank you (1)' } });
  });

  it('says a done note went from the app when its proof is a note the app sent', () => {
    const { application, grace, alan } = setUp();
    const fromApp = sentMessage(5, { name: null, address: 'alan@acme.example' }, afterInterview);
    const fromElsewhere = sentMessage(
      6,
      { name: null, address: 'grace@acme.example' },
      afterInterview,
    );
    ws.opened.draftStore.recordSentNote({
      messageId: fromApp.messageId!,
      obligationId: `thank-you:${application.id}`,
      applicationId: application.id,
      personId: alan.id,
      accountId: 'acct',
      to: ['alan@acme.example'],
      subject: fromApp.subject,
      body: 'Thank you for your time.',
      sentAt: afterInterview,
    });
    ws.opened.mailStore.addMessages('acct', 'Sent', [fromApp, fromElsewhere]);
    const note = (personId: string) =>
      ws.service
        .status()
        .obligations.find((o) => o.personId === personId && o.kind === 'thank-you');
    expect(note(alan.id)).toMatchObject({ state: 'done', sentFromApp: true });
    expect(note(grace.id)?.state).toBe('done');
    expect(note(grace.id)?.sentFromApp).toBeUndefined();
  });

  it('lets the user reject a wrong match, and the rejection survives a later sync of the same message', () => {
    const { application, alan } = setUp();
    const message = sentMessage(2, { name: null, address: 'alan@acme.example' }, afterInterview);
    ws.opened.mailStore.addMessages('acct', 'Sent', [message]);
    const alanNote = () =>
      ws.service.status().obligations.find((o) => o.personId === alan.id && o.kind === 'thank-you');
    expect(alanNote()?.state).toBe('done');

    ws.service.saveLink({
      messageId: message.id,
      personId: alan.id,
      applicationId: application.id,
      action: 'unlink',
    });
    expect(alanNote()?.state).toBe('due');
    ws.opened.mailStore.addMessages('acct', 'Sent', [message]);
    expect(alanNote()?.state).toBe('due');
  });

  it('refuses to link a message that is not in the synced mail', () => {
    const { application, alan } = setUp();
    expect(() =>
      ws.service.saveLink({
        messageId: 'acct:sent:<nope@example.org>',
        personId: alan.id,
        applicationId: application.id,
        action: 'link',
      }),
    ).toThrow(/no longer in the synced mail/);
  });

  it('finds synced messages by subject or address, newest first', () => {
    setUp();
    ws.opened.mailStore.addMessages('acct', 'Sent', [
      sentMessage(3, { name: 'Ada', address: 'ada@other.example' }, afterInterview),
      sentMessage(4, { name: null, address: 'alan@acme.example' }, afterInterview + 60_000),
    ]);
    expect(ws.service.findMessages('ACME.example', 10).map((m) => m.subject)).toEqual([
      'Thank you (4)',
    ]);
    expect(ws.service.findMessages('', 10).map((m) => m.subject)).toEqual([
      'Thank you (4)',
      'Thank you (3)',
    ]);
    expect(ws.service.findMessages('', 1)).toHaveLength(1);
  });

  it('lists what already went to a person: from Sent, and marked by hand', () => {
    const { application, grace } = setUp();
    ws.opened.mailStore.addMessages('acct', 'Sent', [
      sentMessage(5, { name: null, address: 'grace@acme.example' }, afterInterview),
    ]);
    ws.service.markSent({
      applicationId: application.id,
      interviewId: null,
      personId: grace.id,
      channel: 'linkedin',
      at: afterInterview + 3_600_000,
      note: 'Short message on LinkedIn',
    });
    expect(ws.service.history(application.id, grace.id)).toEqual([
      expect.objectContaining({ subject: 'Thank you (5)', source: 'mailbox', body: null }),
      expect.objectContaining({ subject: 'Short message on LinkedIn', source: 'manual' }),
    ]);
  });

  it('snoozes an item until a later moment, and waking it clears the snooze', () => {
    const { grace } = setUp();
    const id = ws.service.status().obligations.find((o) => o.personId === grace.id)!.id;
    const until = NOW + 86_400_000;
    expect(ws.service.snooze(id, until)).toEqual({ snoozedUntil: until });
    expect(ws.service.status().obligations.find((o) => o.id === id)?.snoozedUntil).toBe(until);
    expect(ws.service.status(until + 1).obligations.find((o) => o.id === id)?.snoozedUntil).toBe(
      null,
    );
    ws.service.snooze(id, null);
    expect(ws.service.status().obligations.find((o) => o.id === id)?.snoozedUntil).toBe(null);
    expect(() => ws.service.snooze(id, NOW - 1)).toThrow(/future/);
  });
});
