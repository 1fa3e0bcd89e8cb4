import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServices, type Services } from '../../../src/main/services';
import { NOT_GONE_OUT } from '../../../src/main/services/note-sender';
import { createMemoryVault } from '../../../src/main/services/secrets';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { startSmtpReceiver, type SmtpReceiver } from '../../support/smtp-receiver';

const NOW = Date.parse('2026-11-24T09:00:00Z');
/** A short undo window, so the tests see both sides of it. */
const WINDOW = 250;
let dovecot: Dovecot;
let smtp: SmtpReceiver;
let dir: string;
let opened: OpenedDatabase;
let services: Services;
let accountId: string;
/** The keychain outlives a quit. */
let vault: ReturnType<typeof createMemoryVault>;

beforeAll(async () => {
  dovecot = await startDovecot({ users: [{ user: 'sam', password: 'imap-pass' }] });
  smtp = await startSmtpReceiver({ user: 'sam', password: 'imap-pass' });
});
afterAll(async () => {
  await smtp.stop();
  await dovecot.stop();
});

async function start(): Promise<void> {
  opened = await openDatabase(join(dir, 'db.sqlite'));
  services = createServices({
    database: opened,
    vault,
    now: () => NOW,
    systemTimeZone: () => 'Europe/Berlin',
    connectionTimeout: 3000,
    undoSendMs: WINDOW,
  });
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-undo-'));
  vault = createMemoryVault();
  await start();
  services.workspace.loadSample();
  accountId = services.accounts.save({
    label: 'Mine',
    provider: 'other',
    email: 'sam.rivera@example.com',
    username: 'sam',
    imap: { host: '127.0.0.1', port: dovecot.port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: smtp.port, security: 'plaintext' },
    providerFilesSent: true,
    sentFolder: null,
    draftsFolder: null,
    password: 'imap-pass',
  }).account.id;
});
afterEach(() => {
  services.notes.dispose();
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const owed = (name: string) =>
  services.workspace
    .status()
    .obligations.find((o) => o.personName === name && o.kind === 'thank-you')!;

/** A draft nothing blocks, with a subject of its own so the receiver's mail can be told apart. */
function ready(name: string) {
  const { draft } = services.drafts.open(owed(name).id);
  const body = draft.body.replace(/\[\[[^\]]*\]\]/g, 'the on-call rotation');
  const subject = `${draft.subject} (${Date.now()}-${Math.random()})`;
  return services.drafts.update(draft.obligationId, { ...draft, subject, body }).draft;
}

const arrived = (subject: string) => smtp.messages.filter((m) => m.parsed.subject === subject);
/** Longer than the window and the send after it: what was going to go out has. */
const pastTheWindow = () => new Promise((resolve) => setTimeout(resolve, WINDOW * 4));

describe('the undo window', () => {
  it('queues the note: it stays a draft, says it has not gone out, and goes out once after the window', async () => {
    const draft = ready('Lars Eriksen');
    const queued = await services.notes.send(draft.obligationId, accountId);
    expect(queued).toMatchObject({ state: 'editing', error: NOT_GONE_OUT });
    expect(services.notes.queuedUntil(draft.obligationId)).toBe(NOW + WINDOW);
    expect(arrived(draft.subject)).toHaveLength(0);

    await vi.waitFor(() => expect(arrived(draft.subject)).toHaveLength(1), { timeout: 5000 });
    await vi.waitFor(() =>
      expect(opened.draftStore.getDraft(draft.obligationId)).toMatchObject({
        state: 'sent',
        error: null,
      }),
    );
    expect(services.notes.queuedUntil(draft.obligationId)).toBeNull();
    await pastTheWindow();
    expect(arrived(draft.subject)).toHaveLength(1);
  });

  it('sends nothing when undone within the window', async () => {
    const draft = ready('Lars Eriksen');
    await services.notes.send(draft.obligationId, accountId);
    const undone = services.notes.undo(draft.obligationId);
    expect(undone).toMatchObject({ state: 'editing', error: null, body: draft.body });
    await pastTheWindow();
    expect(arrived(draft.subject)).toHaveLength(0);
    expect(opened.draftStore.getDraft(draft.obligationId)).toMatchObject({
      state: 'editing',
      error: null,
    });
    expect(owed('Lars Eriksen').state).not.toBe('done');
    // Sent later, it goes out once.
    await services.notes.send(draft.obligationId, accountId);
    await vi.waitFor(() => expect(arrived(draft.subject)).toHaveLength(1), { timeout: 5000 });
  });

  it('refuses a second send while one is queued', async () => {
    const draft = ready('Lars Eriksen');
    await services.notes.send(draft.obligationId, accountId);
    await expect(services.notes.send(draft.obligationId, accountId)).rejects.toThrow(
      /about to be sent/,
    );
    await vi.waitFor(() => expect(arrived(draft.subject)).toHaveLength(1), { timeout: 5000 });
    await pastTheWindow();
    expect(arrived(draft.subject)).toHaveLength(1);
  });

  it('refuses to queue a note the guard stops', async () => {
    const draft = ready('Lars Eriksen');
    services.drafts.update(draft.obligationId, {
      ...draft,
      body: `${draft.body}\n[[specificPoint]]`,
    });
    await expect(services.notes.send(draft.obligationId, accountId)).rejects.toThrow(
      /cannot go out yet/,
    );
    expect(services.notes.queuedUntil(draft.obligationId)).toBeNull();
    expect(opened.draftStore.getDraft(draft.obligationId)!.error).toBeNull();
  });

  it('does not send a queued note that the guard stops by send time, and says why', async () => {
    const draft = ready('Lars Eriksen');
    await services.notes.send(draft.obligationId, accountId);
    // In the window, Lars asks not to be contacted.
    const lars = services.workspace.listPeople().find((p) => p.name === 'Lars Eriksen')!;
    services.workspace.savePerson({ ...lars, doNotContact: true });
    await vi.waitFor(
      () =>
        expect(opened.draftStore.getDraft(draft.obligationId)!.error).toMatch(
          /^Not sent\..*asked not to be contacted/,
        ),
      { timeout: 5000 },
    );
    expect(opened.draftStore.getDraft(draft.obligationId)!.state).toBe('editing');
    await pastTheWindow();
    expect(arrived(draft.subject)).toHaveLength(0);
  });

  it('a quit in the window sends nothing and leaves a draft that says it did not go out', async () => {
    const draft = ready('Lars Eriksen');
    await services.notes.send(draft.obligationId, accountId);
    services.notes.dispose();
    opened.store.close();

    await start();
    const { draft: reopened } = services.drafts.open(draft.obligationId);
    expect(reopened).toMatchObject({ state: 'editing', error: NOT_GONE_OUT, body: draft.body });
    expect(services.notes.queuedUntil(draft.obligationId)).toBeNull();
    await pastTheWindow();
    expect(arrived(draft.subject)).toHaveLength(0);

    // Sent again, it goes out once and the line is gone.
    await services.notes.send(draft.obligationId, accountId);
    await vi.waitFor(() => expect(arrived(draft.subject)).toHaveLength(1), { timeout: 5000 });
    await vi.waitFor(() =>
      expect(opened.draftStore.getDraft(draft.obligationId)).toMatchObject({
        state: 'sent',
        error: null,
      }),
    );
  });
});
