import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src/main/store/migrations';
import type { ReplyReading } from '../../../../src/shared/model';
import { application } from '../helpers';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
beforeEach(() => (file = migrationFile()));
afterEach(() => file.dispose());
const LATEST = MIGRATIONS.length;

const reading = (overrides: Partial<ReplyReading> = {}): ReplyReading => ({
  messageId: 'imap:acc:INBOX:<r1@acme.com>',
  replyClass: 'acknowledgement',
  sentence: 'Thanks for your note, we will be in touch.',
  confidence: 0.92,
  source: 'classifier',
  at: 1_796_000_000_000,
  ...overrides,
});

describe('migration 007 (reply readings)', () => {
  it('keeps a workspace seeded at version 6 and adds an empty table of readings', async () => {
    const old = await file.open(6);
    old.store.saveApplication(application({ id: 'a', notes: 'kept' }));
    old.db.close();

    const { db, store, migratedFrom } = await file.open(7);
    expect(migratedFrom).toBe(6);
    expect(db.pragma('user_version', { simple: true })).toBe(7);
    expect(store.getApplication('a')?.notes).toBe('kept');
    expect(db.prepare('SELECT count(*) FROM reply_readings').pluck().get()).toBe(0);
  });

  it("keeps the user's correction when the classifier reads the same reply again", async () => {
    const { mailStore } = await file.open(LATEST);
    mailStore.saveReplyReading(reading());
    mailStore.saveReplyReading(
      reading({ replyClass: 'rejection', source: 'user', sentence: '', confidence: 1 }),
    );
    mailStore.saveReplyReading(reading({ replyClass: 'offer', at: 1_796_000_100_000 }));
    expect(mailStore.listReplyReadings()).toEqual([
      reading({ replyClass: 'rejection', source: 'user', sentence: '', confidence: 1 }),
    ]);

    expect(mailStore.deleteReplyReading(reading().messageId)).toBe(true);
    mailStore.saveReplyReading(reading({ replyClass: 'offer' }));
    expect(mailStore.listReplyReadings().map((r) => r.replyClass)).toEqual(['offer']);
  });

  it('refuses a class it does not know and cuts a long sentence to 200 characters', async () => {
    const { db, mailStore } = await file.open(LATEST);
    expect(() =>
      db
        .prepare("INSERT INTO reply_readings VALUES ('m', 'maybe', '', 0.5, 'classifier', 0)")
        .run(),
    ).toThrow(/CHECK/);
    mailStore.saveReplyReading(reading({ sentence: 'x'.repeat(500) }));
    expect(mailStore.listReplyReadings()[0]?.sentence).toHaveLength(200);
  });
});
