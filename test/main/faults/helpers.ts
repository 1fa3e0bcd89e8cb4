/** Shared by the fault tests: a seeded random, the server's messages and the stored ones. */
import BetterSqlite3 from 'better-sqlite3';
import type { AccountInput } from '../../../src/main/services/account-service';
import type { Dovecot } from '../../support/dovecot';

/** A small seeded generator (mulberry32): the same seed gives the same run. */
export function seededRandom(seed: number): {
  next: () => number;
  int: (min: number, max: number) => number;
  pick: <T>(list: readonly T[]) => T;
} {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return { next, int, pick: (list) => list[int(0, list.length - 1)] as (typeof list)[number] };
}

/** The seed from FAULT_SEED, or a new one; printed so a failing run can be repeated. */
export function faultSeed(label: string): number {
  const given = process.env['FAULT_SEED'];
  const seed = given ? Number(given) : Math.floor(Math.random() * 2 ** 31);
  console.info(`${label}: seed ${seed} (repeat with FAULT_SEED=${seed})`);
  return seed;
}

export function accountInput(port: number, user: string, password: string): AccountInput {
  return {
    label: 'Fault test mailbox',
    provider: 'other',
    email: `${user}@example.net`,
    username: user,
    imap: { host: '127.0.0.1', port, security: 'plaintext' },
    smtp: { host: '127.0.0.1', port: 2525, security: 'plaintext' },
    providerFilesSent: false,
    sentFolder: null,
    draftsFolder: null,
    password,
  };
}

/** One message in a folder: its UID and Message-ID (null when it has none). */
export interface FolderEntry {
  folder: string;
  uid: number;
  messageId: string | null;
}

const byFolderAndUid = (a: FolderEntry, b: FolderEntry): number =>
  a.folder.localeCompare(b.folder) || a.uid - b.uid;

/** What the server holds in these folders right now. */
export async function serverMessages(
  server: Dovecot,
  user: string,
  folders: readonly string[],
): Promise<FolderEntry[]> {
  const admin = await server.adminClient(user);
  const found: FolderEntry[] = [];
  try {
    for (const folder of folders) {
      const lock = await admin.getMailboxLock(folder, { readOnly: true });
      try {
        if ((admin.mailbox && admin.mailbox.exists) === 0) continue;
        for await (const m of admin.fetch('1:*', { uid: true, envelope: true })) {
          found.push({ folder, uid: m.uid, messageId: m.envelope?.messageId ?? null });
        }
      } finally {
        lock.release();
      }
    }
  } finally {
    await admin.logout();
  }
  return found.sort(byFolderAndUid);
}

/** What the database file holds for the account, read with a connection of its own. */
export function storedMessages(file: string, accountId: string): FolderEntry[] {
  const db = new BetterSqlite3(file);
  try {
    const rows = db
      .prepare(
        'SELECT folder_path AS folder, uid, message_id AS messageId FROM messages WHERE source = ?',
      )
      .all(accountId) as FolderEntry[];
    return rows.sort(byFolderAndUid);
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` of the file: ['ok'] when it is sound. */
export function integrityCheck(file: string): string[] {
  const db = new BetterSqlite3(file);
  try {
    return (db.pragma('integrity_check') as { integrity_check: string }[]).map(
      (r) => r.integrity_check,
    );
  } finally {
    db.close();
  }
}

/** Raw messages for the fault tests; every tenth has no Message-ID (stored by UID). */
export function faultMessages(tag: string, from: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return [
      ...(n % 10 === 3 ? [] : [`Message-ID: <${tag}-${n}@fault.example>`]),
      `Date: ${new Date().toUTCString().replace('GMT', '+0000')}`,
      'From: Sam Carter <sam@example.net>',
      `To: Person ${n} <person${n}@acme.example>`,
      `Subject: Fault test ${tag} ${n}`,
      'Content-Type: text/plain',
      '',
      'Body.',
      '',
    ].join('\r\n');
  });
}
