import type { FetchMessageObject, ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncFolder } from '../../../src/main/mail/sync/folder-sync';
import { connectImap } from '../../../src/main/mail/imap-account';
import { startDovecot, type Dovecot } from '../../support/dovecot';
import { rawMessages } from '../../support/mail-messages';
import { MemorySink } from '../../support/memory-sink';
import { startTcpProxy, type TcpProxy } from '../../support/tcp-proxy';

const COUNT = 10_000;

/** A 10,000-message Sent folder: the sync against a plain envelope fetch of the same folder. */
describe('a large Sent folder', () => {
  let server: Dovecot;
  let proxy: TcpProxy;
  const clients: ImapFlow[] = [];

  beforeAll(async () => {
    server = await startDovecot({ users: [{ user: 'big', password: 'pw' }] });
    proxy = await startTcpProxy(server.port);
    await server.writeMaildirMessages('big', 'Sent', rawMessages('bulk', 1, COUNT));
    // Let Dovecot index the folder before anything is timed.
    const admin = await server.adminClient('big');
    await admin.status('Sent', { messages: true });
    await admin.logout();
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.logout().catch(() => c.close())));
    await proxy.close();
    await server.stop();
  });

  async function connect(): Promise<ImapFlow> {
    const client = await connectImap({
      host: '127.0.0.1',
      port: proxy.port,
      security: 'plaintext',
      user: 'big',
      password: 'pw',
    });
    clients.push(client);
    return client;
  }

  it('syncs 10,000 messages in batches, then costs one STATUS', async () => {
    const plain = await connect();
    const lock = await plain.getMailboxLock('Sent', { readOnly: true });
    const envelopes: FetchMessageObject[] = [];
    try {
      for await (const m of plain.fetch(
        '1:*',
        { uid: true, envelope: true, internalDate: true },
        { uid: true },
      )) {
        envelopes.push(m);
      }
    } finally {
      lock.release();
    }
    expect(envelopes).toHaveLength(COUNT);

    const client = await connect();
    const sink = new MemorySink();
    const result = await syncFolder(
      client,
      { path: 'Sent', since: null, state: null, batchSize: 500 },
      sink,
    );
    expect(result.added).toBe(COUNT);
    expect(sink.byUid.size).toBe(COUNT);
    expect(sink.batches).toHaveLength(COUNT / 500);

    const again = await syncFolder(
      client,
      {
        path: 'Sent',
        since: null,
        state: sink.state,
        batchSize: 500,
      },
      sink,
    );
    expect(again.changed).toBe(false);
  });
});
