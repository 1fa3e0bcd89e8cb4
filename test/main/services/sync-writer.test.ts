/**
 * The sync's writer thread, as the app builds and starts it: header blocks cross to it intact,
 * each batch lands in the database file through its own connection together with its folder
 * state and its invitation checks, the app's connection sees the new messages, and a write
 * that fails leaves nothing of its batch and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FetchedHeaders } from '../../../src/main/mail/sync/folder-sync';
import {
  directWriter,
  type FolderTarget,
  type SyncWriter,
} from '../../../src/main/services/sync/folder-writer';
import {
  pack,
  threadWhenLarge,
  threadWriter,
  unpack,
} from '../../../src/main/services/sync/sync-writer';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import type { FolderState } from '../../../src/shared/model';
import { rawMessage, testMessageId } from '../../support/mail-messages';
import { syncWriterScript } from '../../support/sync-writer-script';

let script: string;
let dir: string;
let opened: OpenedDatabase;

beforeAll(async () => {
  script = await syncWriterScript();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-writer-'));
  opened = await openDatabase(join(dir, 'followthrough.sqlite'));
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

const sent: FolderTarget = {
  accountId: 'acct-1',
  path: 'Sent',
  role: 'sent',
  queueInvitations: false,
};
const inbox: FolderTarget = {
  accountId: 'acct-1',
  path: 'INBOX',
  role: 'inbox',
  queueInvitations: true,
};

function fetched(tag: string, from: number, count: number): FetchedHeaders[] {
  return Array.from({ length: count }, (_, k) => {
    const raw = rawMessage(tag, from + k);
    return {
      uid: from + k,
      internalDate: Date.UTC(2026, 10, 3) + k,
      headers: Buffer.from(raw.slice(0, raw.indexOf('\r\n\r\n') + 4)),
    };
  });
}

const state = (lastUid: number): FolderState => ({
  uidValidity: '77',
  lastUid,
  highestModseq: null,
  uidNext: lastUid + 1,
  messages: lastUid,
});

describe('a batch crossing to the writer thread', () => {
  it('keeps every header block, UID and date as they were', () => {
    const block = fc.uint8Array({ maxLength: 300 });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            uid: fc.integer({ min: 1, max: 2 ** 32 - 1 }),
            internalDate: fc.integer({ min: 0, max: 8.64e15 }),
            headers: block,
          }),
          { maxLength: 40 },
        ),
        (messages) => {
          const back = unpack(pack(messages));
          expect(back.map((m) => ({ ...m, headers: [...m.headers] }))).toEqual(
            messages.map((m) => ({ ...m, headers: [...m.headers] })),
          );
        },
      ),
    );
  });

  it('copies only the bytes of each block, not the buffer it is a view into', () => {
    const pool = Buffer.alloc(64 * 1024, 0x41);
    const view = pool.subarray(100, 110);
    const batch = pack([{ uid: 1, internalDate: 0, headers: view }]);
    expect(batch.bytes.buffer.byteLength).toBe(10);
  });
});

describe('the writer thread', () => {
  it('stores the batches through its own connection; the app sees them, in the same order', async () => {
    const writer = threadWriter({ script, file: opened.db.name });
    try {
      await writer.write(sent, fetched('thread', 1, 30), state(30), 1_000);
      await writer.write(sent, fetched('thread', 31, 20), state(50), 2_000);
    } finally {
      await writer.close();
    }
    const messages = opened.mailStore.knownMessages();
    expect(messages).toHaveLength(50);
    expect(messages[0]).toMatchObject({
      id: `acct-1:sent:${testMessageId('thread', 1)}`,
      folderRole: 'sent',
      subject: 'Thank you (thread 1)',
      to: [{ name: 'Interviewer 1', address: 'interviewer1@acme.example' }],
    });
    expect(opened.mailStore.getFolderState('acct-1', 'Sent')).toEqual(state(50));
    expect(opened.mailStore.knownUids('acct-1', 'Sent')).toHaveLength(50);
  });

  it('queues new inbox messages for the invitation check in the same transaction', async () => {
    const writer = threadWriter({ script, file: opened.db.name });
    try {
      await writer.write(inbox, fetched('invite', 1, 3), state(3), 1_000);
    } finally {
      await writer.close();
    }
    expect(opened.invitationStore.listChecks('acct-1', 'INBOX')).toEqual(
      [1, 2, 3].map((uid) => ({
        accountId: 'acct-1',
        folderPath: 'INBOX',
        uidValidity: '77',
        uid,
        messageId: `acct-1:inbox:${testMessageId('invite', uid)}`,
      })),
    );
  });

  it('rejects a batch it could not write, with the reason, and stores none of it', async () => {
    const writer = threadWriter({ script, file: opened.db.name });
    try {
      await writer.write(sent, fetched('before', 1, 5), state(5), 1_000);
      // The folder state cannot be stored: the whole batch must roll back.
      opened.db.exec(
        `CREATE TRIGGER refuse BEFORE INSERT ON mail_folders BEGIN SELECT RAISE(ABORT, 'disk said no'); END;
         CREATE TRIGGER refuse_update BEFORE UPDATE ON mail_folders BEGIN SELECT RAISE(ABORT, 'disk said no'); END;`,
      );
      await expect(writer.write(sent, fetched('after', 6, 5), state(10), 2_000)).rejects.toThrow(
        'disk said no',
      );
    } finally {
      await writer.close();
    }
    expect(opened.mailStore.knownMessages()).toHaveLength(5);
    expect(opened.mailStore.getFolderState('acct-1', 'Sent')).toEqual(state(5));
  });

  it('fails every write with a clear message when it cannot open the database', async () => {
    const writer = threadWriter({ script, file: join(dir, 'missing.sqlite') });
    try {
      await expect(writer.write(sent, fetched('x', 1, 1), state(1), 0)).rejects.toThrow(
        /sync's database writer stopped: Followthrough could not open its data file/,
      );
    } finally {
      await writer.close();
    }
  });
});

describe('the thread only for large folders', () => {
  it('writes a small folder directly and a large one on the thread, started once', async () => {
    let threads = 0;
    const writer = threadWhenLarge(
      directWriter(opened),
      (): SyncWriter => {
        threads += 1;
        return threadWriter({ script, file: opened.db.name });
      },
      10,
    );
    try {
      writer.prepare(5);
      await writer.write(sent, fetched('small', 1, 5), state(5), 1_000);
      expect(threads).toBe(0);
      writer.prepare(12);
      await writer.write(inbox, fetched('large', 1, 6), state(6), 1_000);
      await writer.write(inbox, fetched('large', 7, 6), state(12), 1_000);
      expect(threads).toBe(1);
      writer.prepare(0);
      await writer.write(sent, [], state(5), 2_000);
      expect(threads).toBe(1);
    } finally {
      await writer.close();
    }
    expect(opened.mailStore.knownMessages()).toHaveLength(17);
    expect(opened.invitationStore.listChecks('acct-1', 'INBOX')).toHaveLength(12);
  });
});
