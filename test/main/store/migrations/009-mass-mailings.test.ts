import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrationFile } from './helpers';
import type { FolderMessage } from '../../../../src/shared/model';
import { massMailings } from '../../../../src/main/store/migrations/009-mass-mailings';

let file: ReturnType<typeof migrationFile>;
beforeEach(() => (file = migrationFile()));
afterEach(() => file.dispose());

const VERSION = massMailings.version;

const open = (version: number) => file.open(version);

const message = (overrides: Partial<FolderMessage> = {}): FolderMessage => ({
  id: 'acc:sent:<m1@example.net>',
  folderRole: 'sent',
  messageId: '<m1@example.net>',
  inReplyTo: null,
  references: [],
  date: 1_796_000_000_000,
  from: [{ name: 'Sam', address: 'sam@example.net' }],
  to: [{ name: null, address: 'grace@acme.example' }],
  cc: [],
  bcc: [],
  subject: 'Thank you',
  autoReply: false,
  bounce: false,
  uid: 1,
  ...overrides,
});

const STATE = { uidValidity: '7', lastUid: 2, highestModseq: null, uidNext: 3, messages: 2 };

describe('migration 009 (mass mailings)', () => {
  it('keeps messages stored before it as ordinary messages', async () => {
    const old = await open(VERSION - 1);
    // The columns as they were before this migration.
    old.db
      .prepare(
        `INSERT INTO messages (id, source, folder_path, folder_role, uid, message_id, in_reply_to,
           refs, date, from_addrs, to_addrs, cc_addrs, bcc_addrs, subject, auto_reply, bounce)
         VALUES (@id, 'acc', 'Sent', 'sent', 1, @messageId, NULL, '[]', @date, @from, @to, '[]',
           '[]', 'Thank you', 0, 0)`,
      )
      .run({
        id: message().id,
        messageId: '<m1@example.net>',
        date: message().date,
        from: JSON.stringify(message().from),
        to: JSON.stringify(message().to),
      });
    old.db.close();

    const { db, mailStore, migratedFrom } = await open(VERSION);
    expect(migratedFrom).toBe(VERSION - 1);
    expect(db.pragma('user_version', { simple: true })).toBe(VERSION);
    const [kept] = mailStore.knownMessages();
    expect(kept).toMatchObject({ messageId: '<m1@example.net>', subject: 'Thank you' });
    expect(kept?.massMailing).toBeUndefined();
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('stores a mass mailing with its recipient count and refuses a count below one', async () => {
    const { db, mailStore } = await open(VERSION);
    mailStore.writeBatch(
      'acc',
      'Sent',
      'sent',
      [
        message(),
        message({
          id: 'acc:sent:<m2@example.net>',
          messageId: '<m2@example.net>',
          uid: 2,
          massMailing: { recipients: 20_000 },
        }),
      ],
      STATE,
      1_796_000_000_000,
    );
    const byId = new Map(mailStore.knownMessages().map((m) => [m.messageId, m]));
    expect(byId.get('<m1@example.net>')?.massMailing).toBeUndefined();
    expect(byId.get('<m2@example.net>')?.massMailing).toEqual({ recipients: 20_000 });
    expect(() =>
      db
        .prepare("UPDATE messages SET recipient_count = 0 WHERE message_id = '<m1@example.net>'")
        .run(),
    ).toThrow(/CHECK/);
  });
});
