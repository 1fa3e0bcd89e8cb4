import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import {
  latestVersion,
  migrate,
  newerVersionError,
  pendingMigrations,
  schemaVersion,
  type Migration,
} from './migrate';
import { MIGRATIONS } from './migrations';
import { SqliteStore } from './sqlite-store';
import type { Store } from './store';
import { SqliteDraftStore, type DraftStore } from './draft-store';
import { SqliteInvitationStore, type InvitationStore } from './invitation-store';
import { SqliteMailStore, type MailStore } from './mail-store';
import { StoreError, isCorruptionError } from './store-error';

export interface OpenDatabaseOptions {
  /** Path of a better_sqlite3.node built for the running runtime (the Electron build). */
  nativeBinding?: string;
  /** Clock for backup names; defaults to `Date.now`. */
  now?: () => number;
  /** Schema steps to apply; defaults to MIGRATIONS. Tests pass their own list. */
  migrations?: readonly Migration[];
  /** Backups of this file to keep, newest first; defaults to 5. */
  keepBackups?: number;
  /** How long a write waits for another connection's lock, in ms; defaults to 5000. */
  busyTimeoutMs?: number;
  /**
   * Also back up an existing file at open when its newest backup is older than this many ms
   * (the app: a day), so a damaged file always has a recent copy to go back to. Off by default.
   */
  backupIntervalMs?: number;
}

export interface OpenedDatabase {
  /** The raw connection, for diagnostics and tests; services use `store`. */
  db: Database;
  store: Store;
  mailStore: MailStore;
  draftStore: DraftStore;
  invitationStore: InvitationStore;
  /** The schema version the file was at when migrations ran, or null if none were needed. */
  migratedFrom: number | null;
  /** The copy taken before migrating an existing file, or null if none was needed. */
  backupPath: string | null;
  /**
   * After an account is removed: its stored password (ciphertext) is made gone from the file,
   * the -wal and every backup, not only unreachable (see `forgetRemovedSecrets`).
   */
  forgetRemovedSecrets(): void;
}

export interface BackupInfo {
  path: string;
  /** Schema version of the data in the backup. */
  fromVersion: number;
  /** When the backup was taken (from its name, UTC, to the second). */
  takenAt: number;
}

export const DEFAULT_KEEP_BACKUPS = 5;

/**
 * Opens (or creates) the database at `file`, checks it, and brings it to the current schema.
 *
 * Order matters: the file is read and checked before anything is written, so a damaged
 * file or one from a newer app is refused byte-identical. An existing file is copied
 * next to itself before the first migration step.
 *
 * Throws StoreError: 'corrupt', 'newer-version', 'cannot-open', 'backup-failed',
 * 'migration-failed'. Close with `store.close()`.
 */
export async function openDatabase(
  file: string,
  options: OpenDatabaseOptions = {},
): Promise<OpenedDatabase> {
  const migrations = options.migrations ?? MIGRATIONS;
  const now = options.now ?? Date.now;
  const probed = probeExisting(file, options, latestVersion(migrations));

  const db = connect(file, options);

  try {
    const version = probed ?? checkReadable(db, file);
    const latest = latestVersion(migrations);
    if (version > latest) throw newerVersionError(version, latest);

    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // This connection writes mail_account_secrets: a deleted row's bytes are overwritten with
    // zeros instead of lingering in free pages, where anyone reading the file could find them.
    db.pragma('secure_delete = ON');
    // 4 MiB of pages kept by SQLite instead of better-sqlite3's 16: the operating system keeps
    // the file's pages too, and a large first sync would fill all 16 (see BENCHMARKS.md).
    db.pragma(`cache_size = -${PAGE_CACHE_KIB}`);

    const pending = pendingMigrations(migrations, version);
    let backupPath: string | null = null;
    if (version > 0 && pending.length > 0 && file !== ':memory:') {
      backupPath = await backUp(db, file, version, now(), options.keepBackups);
    }
    const result = migrate(db, migrations);
    if (backupPath === null && version > 0 && file !== ':memory:' && options.backupIntervalMs) {
      const newest = listBackups(file)[0];
      if (!newest || now() - newest.takenAt >= options.backupIntervalMs) {
        // Housekeeping: a routine copy that cannot be written must not keep the app from starting.
        await backUp(db, file, schemaVersion(db), now(), options.keepBackups).catch(() => null);
      }
    }
    return {
      db,
      store: new SqliteStore(db),
      mailStore: new SqliteMailStore(db),
      draftStore: new SqliteDraftStore(db),
      invitationStore: new SqliteInvitationStore(db),
      migratedFrom: result.applied.length > 0 ? result.from : null,
      backupPath,
      forgetRemovedSecrets: () => forgetRemovedSecrets(db, file, options),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Removes the stored passwords of accounts the database no longer has from everywhere a copy
 * of them may be left: the -wal (its old frames still hold the page as it was before the
 * delete, so it is checkpointed into the file and truncated), and each backup (the row is
 * deleted there too, with secure_delete, so the backup's free pages hold no copy either).
 * Best effort per file: a backup that cannot be opened is skipped, never deleted.
 */
export function forgetRemovedSecrets(
  db: Database,
  file: string,
  options: Pick<OpenDatabaseOptions, 'nativeBinding' | 'busyTimeoutMs'> = {},
): void {
  if (file === ':memory:') return;
  const kept = new Set(
    (db.prepare('SELECT id FROM mail_accounts').pluck().all() as string[]).map(String),
  );
  db.pragma('wal_checkpoint(TRUNCATE)');
  for (const backup of listBackups(file)) {
    let copy: Database | null = null;
    try {
      copy = connect(backup.path, options, { fileMustExist: true });
      const hasSecrets = copy
        .prepare(
          "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'mail_account_secrets'",
        )
        .get();
      if (!hasSecrets) continue;
      copy.pragma('secure_delete = ON');
      const ids = copy
        .prepare('SELECT account_id FROM mail_account_secrets')
        .pluck()
        .all() as string[];
      const remove = copy.prepare('DELETE FROM mail_account_secrets WHERE account_id = @id');
      const gone = ids.filter((id) => !kept.has(id));
      if (gone.length === 0) continue;
      copy.transaction(() => {
        for (const id of gone) remove.run({ id });
      })();
      if (copy.pragma('journal_mode', { simple: true }) === 'wal') {
        copy.pragma('wal_checkpoint(TRUNCATE)');
      }
    } catch {
      // A backup that cannot be changed now is tried again after the next removal.
    } finally {
      copy?.close();
    }
  }
}

/**
 * Checks an existing file on a read-only connection and returns its schema version, or null
 * when there is no file yet. Read-only, because closing a read-write connection checkpoints a
 * leftover -wal into the main file: a damaged or newer file would no longer be as it was, and
 * the -wal (perhaps the newest data) would be gone. What the probe itself created is removed.
 */
function probeExisting(file: string, options: OpenDatabaseOptions, latest: number): number | null {
  if (file === ':memory:' || !fs.existsSync(file)) return null;
  // A read-only connection to a WAL file creates an empty -wal and an -shm when they are missing.
  const created = [`${file}-wal`, `${file}-shm`].filter((f) => !fs.existsSync(f));
  const probe = connect(file, options, { readonly: true, fileMustExist: true });
  try {
    const version = checkReadable(probe, file);
    if (version > latest) throw newerVersionError(version, latest);
    return version;
  } catch (error) {
    probe.close();
    for (const f of created) fs.rmSync(f, { force: true });
    throw error;
  } finally {
    if (probe.open) probe.close();
  }
}

/** Reads the version and runs `quick_check`, turning a damaged file into StoreError 'corrupt'. */
function checkReadable(db: Database, file: string): number {
  let problems: string[];
  let version: number;
  try {
    version = schemaVersion(db);
    problems = (db.pragma('quick_check') as { quick_check: string }[])
      .map((row) => row.quick_check)
      .filter((line) => line !== 'ok');
  } catch (error) {
    if (isCorruptionError(error)) throw corruptError(file, describe(error), error);
    throw error;
  }
  if (problems.length > 0) throw corruptError(file, problems.slice(0, 3).join('; '));
  // Migration 001 runs in one transaction, so a version-0 file with tables in it was made
  // by some other program; adding our tables to it would damage someone else's data.
  if (version === 0 && db.prepare('SELECT 1 FROM sqlite_schema LIMIT 1').get() !== undefined) {
    throw corruptError(file, 'the file holds tables of another program');
  }
  return version;
}

function corruptError(file: string, detail: string, cause?: unknown): StoreError {
  const latest = file === ':memory:' ? undefined : listBackups(file)[0];
  return new StoreError(
    'corrupt',
    `The data file at ${file} is damaged or is not a Followthrough database, so it cannot be ` +
      'opened. It has not been changed. ' +
      (latest
        ? `The latest backup is ${latest.path}; you can restore it.`
        : 'Move the file aside to start with an empty workspace.') +
      ` (SQLite says: ${detail})`,
    cause === undefined ? undefined : { cause },
  );
}

/** A better-sqlite3 connection, or StoreError 'cannot-open' saying why not. */
/** SQLite's page cache per connection, KiB. */
const PAGE_CACHE_KIB = 4096;

function connect(
  file: string,
  options: Pick<OpenDatabaseOptions, 'nativeBinding' | 'busyTimeoutMs'>,
  mode: { readonly?: boolean; fileMustExist?: boolean } = {},
): Database {
  try {
    return new BetterSqlite3(file, {
      ...mode,
      timeout: options.busyTimeoutMs ?? 5000,
      ...(options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding }),
    });
  } catch (error) {
    throw new StoreError(
      'cannot-open',
      `Followthrough could not open its data file at ${file}: ${describe(error)}`,
      { cause: error },
    );
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `20240305T140709` in UTC. */
function backupStamp(at: number): string {
  return new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '');
}

function parseBackupStamp(stamp: string): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/.exec(stamp) ?? [];
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
}

function backupPattern(file: string): RegExp {
  const stem = path.basename(file, path.extname(file)).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${stem}\\.backup-v(\\d+)-(\\d{8}T\\d{6})(?:-(\\d+))?\\.sqlite$`);
}

/**
 * Backups of the database at `file`, newest first. They sit next to it, named
 * `<stem>.backup-v<version>-<YYYYMMDDTHHmmss>.sqlite` (UTC); a second backup within the
 * same second gets `-2`, `-3` … before `.sqlite`.
 */
export function listBackups(file: string): BackupInfo[] {
  const dir = path.dirname(file);
  const pattern = backupPattern(file);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const found: (BackupInfo & { sequence: number })[] = [];
  for (const name of names) {
    const match = pattern.exec(name);
    if (!match) continue;
    found.push({
      path: path.join(dir, name),
      fromVersion: Number(match[1]),
      takenAt: parseBackupStamp(match[2] ?? ''),
      sequence: Number(match[3] ?? 1),
    });
  }
  found.sort((a, b) => b.takenAt - a.takenAt || b.sequence - a.sequence);
  return found.map(({ path: p, fromVersion, takenAt }) => ({ path: p, fromVersion, takenAt }));
}

/** Copies the open database next to `file`, then drops all but the newest `keep` backups. */
async function backUp(
  db: Database,
  file: string,
  version: number,
  at: number,
  keep = DEFAULT_KEEP_BACKUPS,
): Promise<string> {
  const dir = path.dirname(file);
  const base = `${path.basename(file, path.extname(file))}.backup-v${version}-${backupStamp(at)}`;
  let destination = path.join(dir, `${base}.sqlite`);
  for (let sequence = 2; fs.existsSync(destination); sequence += 1) {
    destination = path.join(dir, `${base}-${sequence}.sqlite`);
  }
  try {
    await db.backup(destination);
  } catch (error) {
    fs.rmSync(destination, { force: true });
    throw new StoreError(
      'backup-failed',
      `Followthrough needs to update its data file and could not first save a copy at ` +
        `${destination}: ${describe(error)}. Nothing was changed.`,
      { cause: error },
    );
  }
  // Rotation is housekeeping: a backup that cannot be removed now is removed next time.
  const older = listBackups(file).filter((backup) => backup.path !== destination);
  for (const old of older.slice(Math.max(keep, 1) - 1)) {
    try {
      fs.rmSync(old.path, { force: true });
    } catch {
      /* kept until the next upgrade */
    }
  }
  return destination;
}
