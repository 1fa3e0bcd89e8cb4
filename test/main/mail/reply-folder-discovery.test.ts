/** Which folders are read for replies besides the inbox, on servers with and without SPECIAL-USE. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectImap, discoverFolders } from '../../../src/main/mail/imap-account';
import { startDovecot, type Dovecot } from '../../support/dovecot';

let flagged: Dovecot;
let named: Dovecot;
const USER = { user: 'sam', password: 'folders-pass' };
const FOLDERS = [
  // Names that say nothing: only the flags tell what they are.
  { name: 'Everything', specialUse: '\\All' },
  { name: 'Kept', specialUse: '\\Archive' },
  { name: 'Jobs' },
];

beforeAll(async () => {
  [flagged, named] = await Promise.all([
    startDovecot({ users: [USER], folders: FOLDERS }),
    startDovecot({
      users: [USER],
      specialUse: false,
      folders: [{ name: 'Archive' }, { name: 'Jobs' }],
    }),
  ]);
});
afterAll(async () => {
  await Promise.all([flagged?.stop(), named?.stop()]);
});

async function discover(server: Dovecot, replyFolders: string[]) {
  const client = await connectImap({
    host: server.host,
    port: server.port,
    security: 'plaintext',
    user: USER.user,
    password: USER.password,
  });
  try {
    return await discoverFolders(client, {}, replyFolders);
  } finally {
    await client.logout();
  }
}

describe('folders read for replies', () => {
  it('finds \\All and \\Archive by their flags, then the folders the user added, each once', async () => {
    const found = await discover(flagged, ['Jobs', 'Kept', 'INBOX', 'Sent', 'Gone']);
    expect(found.replies).toEqual([
      { path: 'Everything', source: 'special-use' },
      { path: 'Kept', source: 'special-use' },
      { path: 'Jobs', source: 'user' },
    ]);
    expect(found.missingReplyFolders).toEqual(['Gone']);
  });

  it('without SPECIAL-USE, an Archive folder is found by its name', async () => {
    const found = await discover(named, []);
    expect(found.replies).toEqual([{ path: 'Archive', source: 'name' }]);
  });
});
