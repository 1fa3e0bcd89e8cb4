import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../../../src/main/store/migrations';
import type { UnreadableInvitation } from '../../../../src/shared/model';
import { application } from '../helpers';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
beforeEach(() => (file = migrationFile()));
afterEach(() => file.dispose());

const open = (version: number) => file.open(version);

const record = (overrides: Partial<UnreadableInvitation> = {}): UnreadableInvitation => ({
  id: 'u1',
  messageId: 'imap:acc:INBOX:<invite@hostile.example>',
  label: '“Interview” from rhea.bolt@hostile.example',
  reason:
    'line 10: the RRULE "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30" asks for day 30 of a month too short to have it',
  receivedAt: 1_796_000_000_000,
  ...overrides,
});

describe('migration 010 (unreadable invitations)', () => {
  it('keeps a workspace seeded at version 9 and adds an empty list of unreadable invitations', async () => {
    const old = await open(9);
    old.store.saveApplication(application({ id: 'a', notes: 'kept' }));
    old.invitationStore.queueChecks([
      {
        accountId: 'acc',
        folderPath: 'INBOX',
        uidValidity: '7',
        uid: 3,
        messageId: 'imap:acc:INBOX:<m3>',
      },
    ]);
    old.db.close();

    const { db, store, invitationStore, migratedFrom } = await open(10);
    expect(migratedFrom).toBe(9);
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(store.getApplication('a')?.notes).toBe('kept');
    expect(invitationStore.listChecks('acc', 'INBOX')).toHaveLength(1);
    expect(invitationStore.listUnreadable()).toEqual([]);
  });

  it('records a message once, and a dismissed one stays dismissed', async () => {
    const { invitationStore } = await open(MIGRATIONS.length);
    invitationStore.recordUnreadable(record());
    invitationStore.recordUnreadable(record({ id: 'u2', reason: 'a second reason' }));
    expect(invitationStore.listUnreadable()).toEqual([record()]);
    expect(invitationStore.dismissUnreadable('u1', 1_796_000_100_000)).toBe(true);
    expect(invitationStore.dismissUnreadable('u1', 1_796_000_200_000)).toBe(false);
    invitationStore.recordUnreadable(record({ id: 'u3' }));
    expect(invitationStore.listUnreadable()).toEqual([]);
  });
});
