import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FolderMessage } from '../../../../src/shared/model';
import { MIGRATIONS } from '../../../../src/main/store/migrations';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
beforeEach(() => (file = migrationFile()));
afterEach(() => file.dispose());

function message(n: number): FolderMessage {
  return {
    id: `acct-1:Sent:<${n}@x>`,
    folderRole: 'sent',
    messageId: `<${n}@x>`,
    inReplyTo: null,
    references: [],
    date: 1_796_000_000_000 + n,
    from: [{ name: 'Me', address: 'me@home.example' }],
    to: [{ name: `Person ${n}`, address: `p${n}@acme.example` }],
    cc: [],
    bcc: [],
    subject: `Subject ${n}`,
    autoReply: false,
    bounce: false,
    uid: n,
  };
}

const state = (lastUid: number) => ({
  uidValidity: '1',
  lastUid,
  highestModseq: null,
  uidNext: lastUid + 1,
  messages: lastUid,
});

describe('migration 006 (message change log)', () => {
  it('keeps the messages synced at version 5, and logs every later write', async () => {
    // At version 5 there is no log yet: the rows are written as that schema stood.
    const old = await file.open(5);
    const insert = old.db.prepare(`INSERT INTO messages (id, source, folder_path, folder_role, uid,
      message_id, in_reply_to, refs, date, from_addrs, to_addrs, cc_addrs, bcc_addrs, subject,
      auto_reply, bounce) VALUES (@id, 'acct-1', 'Sent', 'sent', @uid, @messageId, NULL, '[]',
      @date, @from, @to, '[]', '[]', @subject, 0, 0)`);
    for (const m of [message(1), message(2)]) {
      insert.run({ ...m, from: JSON.stringify(m.from), to: JSON.stringify(m.to) });
    }
    old.db.close();

    const migrated = await file.open(6);
    expect(migrated.migratedFrom).toBe(5);
    expect(migrated.db.pragma('user_version', { simple: true })).toBe(6);
    expect(migrated.db.prepare('SELECT subject FROM messages ORDER BY date').pluck().all()).toEqual(
      ['Subject 1', 'Subject 2'],
    );
    expect(migrated.db.prepare('SELECT count(*) FROM message_changes').pluck().get()).toBe(0);
    migrated.db.close();

    // Today's store on that file (the store's statements span later migrations as well).
    const app = await file.open(MIGRATIONS.length);
    expect(app.mailStore.knownMessages().map((m) => m.subject)).toEqual(['Subject 1', 'Subject 2']);

    // Another connection (the command line beside the app) writes: the log says which rows,
    // and the app's kept list takes in that one message without reading all of them again.
    const cli = await file.open(MIGRATIONS.length);
    cli.mailStore.writeBatch('acct-1', 'Sent', 'sent', [message(3)], state(3), 0);
    const logged = app.db.prepare('SELECT ids FROM message_changes').pluck().all() as string[];
    expect(logged.map((ids) => JSON.parse(ids) as string[])).toEqual([[message(3).id]]);
    expect(app.mailStore.knownMessages().map((m) => m.subject)).toEqual([
      'Subject 1',
      'Subject 2',
      'Subject 3',
    ]);
  });
});
