import type { ImapFlow } from 'imapflow';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  syncFolder,
  toSequenceSet,
  type FolderSyncOptions,
} from '../../../src/main/mail/sync/folder-sync';
import { connectImap, type ImapSettings } from '../../../src/main/mail/imap-account';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { rawMessage, rawMessages, testMessageId } from '../../support/mail-messages';
import { MemorySink } from '../../support/memory-sink';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';

const USER = 'alice';

describe.each([
  { condstore: true, label: 'with CONDSTORE/QRESYNC' },
  { condstore: false, label: 'without CONDSTORE/QRESYNC' },
])('syncFolder $label', ({ condstore }) => {
  let server: Dovecot;
  let proxy: TcpProxy;
  const clients: ImapFlow[] = [];

  beforeAll(async () => {
    server = await startDovecot({ condstore, users: [{ user: USER, password: 'pw' }] });
    proxy = await startTcpProxy(server.port);
  });
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.logout().catch(() => c.close())));
  });
  afterAll(async () => {
    await proxy.close();
    await server.stop();
  });

  async function connect(viaProxy = false): Promise<ImapFlow> {
    const settings: ImapSettings = {
      host: '127.0.0.1',
      port: viaProxy ? proxy.port : server.port,
      security: 'plaintext',
      user: USER,
      password: 'pw',
    };
    const client = await connectImap(settings);
    clients.push(client);
    return client;
  }

  function options(
    path: string,
    sink: MemorySink,
    extra: Partial<FolderSyncOptions> = {},
  ): FolderSyncOptions {
    return {
      path,
      since: null,
      state: sink.state,
      batchSize: 3,
      ...extra,
    };
  }

  async function serverUids(path: string): Promise<number[]> {
    const admin = await server.adminClient(USER);
    try {
      const lock = await admin.getMailboxLock(path);
      try {
        const found = await admin.search({ all: true }, { uid: true });
        return (Array.isArray(found) ? found : []).sort((a, b) => a - b);
      } finally {
        lock.release();
      }
    } finally {
      await admin.logout();
    }
  }

  it('reports the advertised extensions as configured', async () => {
    const client = await connect();
    expect(client.capabilities.has('CONDSTORE')).toBe(condstore);
    expect(client.enabled.has('QRESYNC')).toBe(condstore);
  });

  it('reads a folder in UID batches, then only what is new, then nothing', async () => {
    const path = 'Sent';
    await server.appendMessages(USER, path, [
      ...rawMessages('first', 1, 6),
      rawMessage('first', 7, { withMessageId: false }),
    ]);
    const sink = new MemorySink();
    const progress: [string, number, number][] = [];
    const client = await connect();

    const first = await syncFolder(
      client,
      options(path, sink, { onProgress: (f, done, total) => progress.push([f, done, total]) }),
      sink,
    );
    expect(first).toMatchObject({ changed: true, reset: false, added: 7, removed: 0 });
    expect(sink.batches.map((b) => b.count)).toEqual([3, 3, 1]);
    // Only the last write carries the final counts, so an interrupted sync never looks done.
    expect(sink.batches.map((b) => b.state.uidNext)).toEqual([0, 0, 8]);
    expect(sink.batches.map((b) => b.state.lastUid)).toEqual([3, 6, 7]);
    expect(first.state).toMatchObject({ lastUid: 7, uidNext: 8, messages: 7 });
    expect(first.state.highestModseq === null).toBe(!condstore);
    expect(progress).toEqual([
      [path, 0, 7],
      [path, 3, 7],
      [path, 6, 7],
      [path, 7, 7],
    ]);
    expect(sink.uids()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const one = sink.byUid.get(1);
    expect(one).toMatchObject({
      id: `acct-1:sent:${testMessageId('first', 1)}`,
      folderRole: 'sent',
      messageId: testMessageId('first', 1),
      to: [{ name: 'Interviewer 1', address: 'interviewer1@acme.example' }],
      subject: 'Thank you (first 1)',
    });
    const noId = sink.byUid.get(7);
    expect(noId?.messageId).toBeNull();
    expect(noId?.id).toBe(`acct-1:sent:uid:${first.state.uidValidity}:7`);

    await server.appendMessages(USER, path, rawMessages('first', 8, 2));
    const before = sink.batches.length;
    const second = await syncFolder(client, options(path, sink), sink);
    expect(second).toMatchObject({ changed: true, added: 2, removed: 0 });
    expect(sink.batches.slice(before).map((b) => b.count)).toEqual([2]);
    expect(sink.uids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);

    const third = await syncFolder(client, options(path, sink), sink);
    expect(third).toMatchObject({ changed: false, added: 0 });
    expect(sink.batches.length).toBe(before + 1);

    // The caller left the folder selected (say, for IDLE): new mail must still be seen.
    await client.mailboxOpen(path);
    await server.appendMessages(USER, path, rawMessages('first', 10, 1));
    const fourth = await syncFolder(client, options(path, sink), sink);
    expect(fourth).toMatchObject({ changed: true, added: 1 });
    expect(sink.uids()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([...sink.writesPerUid.values()].every((n) => n === 1)).toBe(true);
  });

  it('costs one STATUS round trip when nothing changed', async () => {
    const path = 'Quiet';
    await server.appendMessages(USER, path, rawMessages('quiet', 1, 4));
    const sink = new MemorySink();
    const client = await connect(true);
    await syncFolder(client, options(path, sink), sink);
    const writes = sink.batches.length;

    const mark = proxy.clientLines.length;
    const result = await syncFolder(client, options(path, sink), sink);
    const sent = proxy.clientLines.slice(mark);
    expect(result.changed).toBe(false);
    expect(sink.batches.length).toBe(writes);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(/^\S+ STATUS Quiet \(UIDNEXT UIDVALIDITY MESSAGES\)$/);

    // A flag change is not a change for sync.
    const admin = await server.adminClient(USER);
    await admin.mailboxOpen(path);
    await admin.messageFlagsAdd('1', ['\\Flagged'], { uid: true });
    await admin.logout();
    const mark2 = proxy.clientLines.length;
    expect((await syncFolder(client, options(path, sink), sink)).changed).toBe(false);
    expect(proxy.clientLines.length - mark2).toBe(1);
  });

  it('removes expunged messages', async () => {
    const path = 'Expunge';
    await server.appendMessages(USER, path, rawMessages('gone', 1, 6));
    const sink = new MemorySink();
    const client = await connect(true);
    await syncFolder(client, options(path, sink), sink);

    const admin = await server.adminClient(USER);
    await admin.mailboxOpen(path);
    await admin.messageDelete('2,5', { uid: true });
    await admin.append(path, rawMessage('gone', 7));
    await admin.logout();

    const mark = proxy.clientLines.length;
    const result = await syncFolder(client, options(path, sink), sink);
    expect(result).toMatchObject({ changed: true, added: 1, removed: 2 });
    expect(sink.removed).toEqual([2, 5]);
    expect(sink.uids()).toEqual(await serverUids(path));
    expect((await syncFolder(client, options(path, sink), sink)).changed).toBe(false);
    const commands = proxy.clientLines.slice(mark).join('\n');
    if (condstore) {
      expect(commands).toMatch(/EXAMINE Expunge \(QRESYNC \(\d+ \d+\)\)/);
      expect(commands).not.toMatch(/SEARCH ALL/);
    } else {
      expect(commands).toMatch(/UID SEARCH ALL/);
    }
  });

  it('reads the folder again when UIDVALIDITY changes', async () => {
    const path = 'Recreated';
    await server.appendMessages(USER, path, rawMessages('old', 1, 4));
    const sink = new MemorySink();
    const client = await connect();
    const first = await syncFolder(client, options(path, sink), sink);

    const admin = await server.adminClient(USER);
    await admin.mailboxDelete(path);
    await admin.mailboxCreate(path);
    for (const raw of rawMessages('new', 1, 2)) await admin.append(path, raw);
    await admin.logout();

    const second = await syncFolder(client, options(path, sink), sink);
    expect(second).toMatchObject({ changed: true, reset: true, added: 2 });
    expect(second.state.uidValidity).not.toBe(first.state.uidValidity);
    expect(sink.resets).toBe(1);
    expect(sink.messageIds()).toEqual([testMessageId('new', 1), testMessageId('new', 2)].sort());
  });

  it('reads only the date window, on the first sync and after', async () => {
    const path = 'Window';
    const old = new Date(Date.UTC(2024, 0, 15, 12));
    const recent = new Date(Date.UTC(2026, 9, 20, 12));
    await server.appendMessages(
      USER,
      path,
      [rawMessage('win', 1), rawMessage('win', 2), rawMessage('win', 3), rawMessage('win', 4)],
      [old, recent, old, recent],
    );
    const sink = new MemorySink();
    const client = await connect();
    const since = new Date(Date.UTC(2026, 9, 1));
    const first = await syncFolder(client, options(path, sink, { since }), sink);
    expect(first.added).toBe(2);
    expect(sink.uids()).toEqual([2, 4]);
    expect(first.state.lastUid).toBe(4);

    await server.appendMessages(
      USER,
      path,
      [rawMessage('win', 5), rawMessage('win', 6)],
      [old, recent],
    );
    const second = await syncFolder(client, options(path, sink, { since }), sink);
    expect(second.added).toBe(1);
    expect(sink.uids()).toEqual([2, 4, 6]);
  });

  it('loses and repeats nothing when the connection drops mid-sync', async () => {
    const path = 'Dropped';
    const total = 1200;
    await server.writeMaildirMessages(USER, path, rawMessages('drop', 1, total));
    const sink = new MemorySink();

    // First cut: right after the second batch was stored.
    const client1 = await connect(true);
    sink.afterBatch = (index) => {
      if (index === 1) proxy.dropAll();
    };
    await expect(
      syncFolder(client1, options(path, sink, { batchSize: 100 }), sink),
    ).rejects.toThrow();
    sink.afterBatch = null;
    expect(sink.uids()).toHaveLength(200);

    // Second cut: in the middle of a FETCH response.
    const client2 = await connect(true);
    proxy.dropAfterServerBytes(60_000);
    await expect(
      syncFolder(client2, options(path, sink, { batchSize: 100 }), sink),
    ).rejects.toThrow();
    const afterSecondCut = sink.uids().length;
    expect(afterSecondCut).toBeGreaterThan(200);
    expect(afterSecondCut).toBeLessThan(total);

    const client3 = await connect(true);
    const last = await syncFolder(client3, options(path, sink, { batchSize: 100 }), sink);
    expect(last.changed).toBe(true);
    expect(sink.uids()).toEqual(await serverUids(path));
    expect(sink.uids()).toHaveLength(total);
    expect([...sink.writesPerUid.values()].every((n) => n === 1)).toBe(true);
    expect(new Set(sink.messageIds()).size).toBe(total);
    expect((await syncFolder(client3, options(path, sink), sink)).changed).toBe(false);
  });
});

describe('toSequenceSet', () => {
  it('compresses runs', () => {
    expect(toSequenceSet([7, 1, 2, 3, 9, 10, 3])).toBe('1:3,7,9:10');
    expect(toSequenceSet([5])).toBe('5');
    expect(toSequenceSet([])).toBe('');
  });
});
