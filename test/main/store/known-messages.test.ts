/**
 * The mail store keeps its messages in memory and reads again only what was written: after
 * any mix of writes it must give exactly what a full read of the table gives, in the same
 * order, and the same array object while nothing changed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../../src/main/store/database';
import type { FolderMessage } from '../../../src/shared/model';
import type { FolderState } from '../../../src/shared/model';

let dir: string;
let file: string;
let opened: OpenedDatabase;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'followthrough-known-'));
  file = join(dir, 'db.sqlite');
  opened = await openDatabase(file);
});
afterEach(() => {
  opened.store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic PRNG, so a failure is the same every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function message(n: number, date: number, path = 'Sent'): FolderMessage {
  return {
    // Ids with characters that sort differently in UTF-16 and UTF-8 (SQLite's order).
    id: `acct-1:${path}:<${n % 3 === 0 ? '\u{1F600}' : n % 3 === 1 ? '\uFF01' : 'a'}${n}@x>`,
    folderRole: path === 'Sent' ? 'sent' : 'inbox',
    messageId: `<${n}@x>`,
    inReplyTo: null,
    references: n % 2 === 0 ? [`<${n - 1}@x>`] : [],
    date,
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

const state = (lastUid: number): FolderState => ({
  uidValidity: '1',
  lastUid,
  highestModseq: null,
  uidNext: lastUid + 1,
  messages: lastUid,
});

async function fullRead() {
  const other = await openDatabase(file);
  try {
    return other.mailStore.listMessages();
  } finally {
    other.store.close();
  }
}

describe('known messages', () => {
  it('is the same array until a message is written, then the new list', () => {
    const { mailStore } = opened;
    mailStore.writeBatch('acct-1', 'Sent', 'sent', [message(1, 10)], state(1), 0);
    const first = mailStore.knownMessages();
    expect(mailStore.knownMessages()).toBe(first);
    // Other tables do not count.
    mailStore.setSyncResult('acct-1', { at: 1, error: null });
    expect(mailStore.knownMessages()).toBe(first);
    mailStore.writeBatch('acct-1', 'Sent', 'sent', [message(2, 5)], state(2), 0);
    const second = mailStore.knownMessages();
    expect(second).not.toBe(first);
    expect(second.map((m) => m.subject)).toEqual(['Subject 2', 'Subject 1']);
    expect(first).toHaveLength(1);
    // A copy for callers that change it.
    const copy = mailStore.listMessages();
    copy.pop();
    expect(mailStore.knownMessages()).toHaveLength(2);
  });

  it('after any mix of writes and removals is what a full read gives, in its order', async () => {
    const { mailStore } = opened;
    // A reader on another connection learns of every write from the change log alone.
    const reader = await openDatabase(file);
    onTestFinished(() => reader.store.close());
    const next = random(7);
    let uid = 0;
    for (let step = 0; step < 60; step++) {
      const roll = next();
      const path = next() < 0.7 ? 'Sent' : 'INBOX';
      if (roll < 0.5) {
        const batch = Array.from({ length: 1 + Math.floor(next() * 20) }, () =>
          // Many messages share a date, so the order by id matters.
          message(++uid, Math.floor(next() * 10), path),
        );
        mailStore.writeBatch(
          'acct-1',
          path,
          path === 'Sent' ? 'sent' : 'inbox',
          batch,
          state(uid),
          0,
        );
      } else if (roll < 0.65) {
        // The same message again with a new date and subject (an upsert).
        const again = { ...message(1 + Math.floor(next() * uid), Math.floor(next() * 10), path) };
        again.subject = `Edited ${step}`;
        mailStore.addMessages('acct-1', path, [again]);
      } else if (roll < 0.85) {
        const uids = Array.from({ length: 3 }, () => 1 + Math.floor(next() * Math.max(1, uid)));
        mailStore.removeUids('acct-1', path, uids);
      } else if (roll < 0.92) {
        mailStore.resetFolder('acct-1', path);
      } else {
        mailStore.replaceSourceMessages('local:1', '/mail', [message(++uid, 3, 'INBOX')]);
      }
      if (next() < 0.6) expect(mailStore.knownMessages()).toEqual(await fullRead());
      if (next() < 0.6) expect(reader.mailStore.knownMessages()).toEqual(await fullRead());
    }
    expect(mailStore.knownMessages()).toEqual(await fullRead());
    mailStore.deleteAccount('acct-1');
    expect(mailStore.knownMessages()).toEqual(await fullRead());
    expect(reader.mailStore.knownMessages()).toEqual(await fullRead());
  });

  it('sees what another connection wrote', async () => {
    const { mailStore } = opened;
    mailStore.writeBatch('acct-1', 'Sent', 'sent', [message(1, 10)], state(1), 0);
    expect(mailStore.knownMessages()).toHaveLength(1);
    const other = await openDatabase(file);
    try {
      other.mailStore.writeBatch('acct-1', 'Sent', 'sent', [message(2, 11)], state(2), 0);
    } finally {
      other.store.close();
    }
    expect(mailStore.knownMessages().map((m) => m.subject)).toEqual(['Subject 1', 'Subject 2']);
  });

  it('takes in another connection’s writes by reading only those rows', async () => {
    const { mailStore } = opened;
    const many = Array.from({ length: 20 }, (_, k) => message(k + 1, 10 + k));
    mailStore.writeBatch('acct-1', 'Sent', 'sent', many, state(20), 0);
    const before = mailStore.knownMessages();
    const other = await openDatabase(file);
    try {
      other.mailStore.writeBatch('acct-1', 'Sent', 'sent', [message(21, 5)], state(21), 0);
      other.mailStore.removeUids('acct-1', 'Sent', [2]);
    } finally {
      other.store.close();
    }
    const after = mailStore.knownMessages();
    expect(after).toEqual(await fullRead());
    expect(after.map((m) => m.subject).slice(0, 3)).toEqual([
      'Subject 21',
      'Subject 1',
      'Subject 3',
    ]);
    // The untouched messages are the very objects read before: nothing else was read again.
    expect(after[1]).toBe(before[0]);
    expect(after[2]).toBe(before[2]);
  });

  it('reads everything again when another reader trimmed changes it had not seen', async () => {
    const { mailStore } = opened;
    mailStore.writeBatch('acct-1', 'Sent', 'sent', [message(1, 10)], state(1), 0);
    expect(mailStore.knownMessages()).toHaveLength(1);
    const other = await openDatabase(file);
    try {
      // Enough writes for the other store to trim the log once it has taken them in.
      for (let batch = 0; batch < 120; batch++) {
        const messages = Array.from({ length: 15 }, (_, k) => message(2 + batch * 15 + k, 30));
        other.mailStore.writeBatch('acct-1', 'INBOX', 'inbox', messages, state(2000), 0);
      }
      other.mailStore.knownMessages();
      const left = other.db.prepare('SELECT count(*) FROM message_changes').pluck().get();
      expect(left).toBe(0);
      other.mailStore.removeUids('acct-1', 'INBOX', [5, 6, 7]);
    } finally {
      other.store.close();
    }
    expect(mailStore.knownMessages()).toEqual(await fullRead());
    expect(mailStore.knownMessages()).toHaveLength(1 + 1800 - 3);
  });
});
