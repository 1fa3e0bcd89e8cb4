import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src/main/store/migrations';
import { deliveryReports } from '../../../../src/main/store/migrations/008-delivery-reports';
import type { DeliveryReportFacts, KnownMessage } from '../../../../src/shared/model';
import { application } from '../helpers';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
beforeEach(() => (file = migrationFile()));
afterEach(() => file.dispose());

// The lead renumbers migrations at merge: the test follows the step's own version.
const VERSION = deliveryReports.version;

const open = (version: number) => file.open(version);

const bounce: KnownMessage & { uid: number } = {
  id: 'acc:inbox:<dsn-1@mx.example.net>',
  folderRole: 'inbox',
  messageId: '<dsn-1@mx.example.net>',
  inReplyTo: null,
  references: [],
  date: 1_794_322_312_000,
  from: [{ name: 'Mail Delivery System', address: 'mailer-daemon@mx.example.net' }],
  to: [{ name: null, address: 'sam.carter@example.net' }],
  cc: [],
  bcc: [],
  subject: 'Undelivered Mail Returned to Sender',
  autoReply: true,
  bounce: true,
  uid: 7,
};

const failed: DeliveryReportFacts = {
  outcome: 'failed',
  originalMessageId: '<note-1110@mail.example.net>',
  failedRecipients: ['alex.chen@northwind.example'],
  status: '5.1.1',
  diagnostic: '550 5.1.1 User unknown',
};

describe('migration 008 (delivery reports)', () => {
  it('keeps a workspace and its mail seeded one step before, and has no report read yet', async () => {
    // The mail store's statements follow today's schema: the bounce is written as the
    // messages table stood one step before.
    const old = await open(VERSION - 1);
    old.store.saveApplication(application({ id: 'a', notes: 'kept' }));
    old.db
      .prepare(
        `INSERT INTO messages (id, source, folder_path, folder_role, uid, message_id, in_reply_to,
          refs, date, from_addrs, to_addrs, cc_addrs, bcc_addrs, subject, auto_reply, bounce)
         VALUES (@id, 'acc', 'INBOX', 'inbox', 7, @messageId, NULL, '[]', @date, @from, '[]',
          '[]', '[]', @subject, 0, 1)`,
      )
      .run({ ...bounce, from: JSON.stringify(bounce.from) });
    old.db.close();

    const migrated = await open(VERSION);
    expect(migrated.migratedFrom).toBe(VERSION - 1);
    expect(migrated.db.pragma('user_version', { simple: true })).toBe(VERSION);
    expect(migrated.db.prepare('SELECT count(*) FROM delivery_reports').pluck().get()).toBe(0);
    migrated.db.close();

    const { store, mailStore } = await open(MIGRATIONS.length);
    expect(store.getApplication('a')?.notes).toBe('kept');
    const [message] = mailStore.listMessages();
    expect(message?.bounce).toBe(true);
    expect(message?.deliveryReport).toBeUndefined();
    expect(mailStore.unreadDeliveryReports('acc', 'INBOX')).toEqual([{ id: bounce.id, uid: 7 }]);
  });

  it('puts what a report said on its message, and reads each report once', async () => {
    const { mailStore } = await open(MIGRATIONS.length);
    mailStore.addMessages('acc', 'INBOX', [
      bounce,
      { ...bounce, id: 'acc:inbox:<dsn-2@x>', uid: 8 },
    ]);
    expect(mailStore.knownMessages()[0]?.deliveryReport).toBeUndefined();

    mailStore.saveDeliveryReport(bounce.id, failed, 1_794_400_000_000);
    mailStore.saveDeliveryReport(
      'acc:inbox:<dsn-2@x>',
      {
        outcome: 'unreadable',
        originalMessageId: null,
        failedRecipients: [],
        status: null,
        diagnostic: null,
      },
      1_794_400_000_000,
    );

    // The cached list notices the report through the change log.
    const byId = new Map(mailStore.knownMessages().map((m) => [m.id, m]));
    expect(byId.get(bounce.id)?.deliveryReport).toEqual(failed);
    expect(byId.get('acc:inbox:<dsn-2@x>')?.deliveryReport?.outcome).toBe('unreadable');
    expect(mailStore.unreadDeliveryReports('acc', 'INBOX')).toEqual([]);
  });

  it('refuses an outcome it does not know', async () => {
    const { mailStore } = await open(MIGRATIONS.length);
    expect(() =>
      mailStore.saveDeliveryReport(bounce.id, { ...failed, outcome: 'bounced' as 'failed' }, 1),
    ).toThrow(/CHECK/);
  });
});
