/**
 * Going back to a backup when the data file is damaged. Nothing is ever deleted on the way:
 * the damaged file (with its -wal and -shm) is moved aside under a `.corrupt-<time>` name,
 * and a backup is restored only when the user agreed to it.
 */
import fs from 'node:fs';
import {
  listBackups,
  openDatabase,
  type BackupInfo,
  type OpenDatabaseOptions,
  type OpenedDatabase,
} from './database';
import { StoreError } from './store-error';

export interface RestoreResult {
  /** The backup that is now the data file. */
  restoredFrom: string;
  /** Where the damaged file went (its -wal and -shm, if any, sit next to it with those suffixes). */
  damagedCopy: string;
}

/** What the user is asked before a backup is restored. */
export interface RestoreOffer {
  error: StoreError;
  backup: BackupInfo;
}

/**
 * Moves the damaged `file` aside and puts a copy of `backup` in its place. The copy is
 * written next to the file and renamed over it, so a crash half-way leaves either no data
 * file (the backup is still there) or a whole one, never a mix.
 */
export function restoreBackup(file: string, backup: BackupInfo, at: number): RestoreResult {
  const stamp = new Date(at).toISOString().slice(0, 19).replace(/[-:]/g, '');
  let damagedCopy = `${file}.corrupt-${stamp}`;
  for (let n = 2; ['', '-wal', '-shm'].some((s) => fs.existsSync(damagedCopy + s)); n += 1) {
    damagedCopy = `${file}.corrupt-${stamp}-${n}`;
  }
  // The -wal belongs to the damaged file: left in place, SQLite would replay it into the backup.
  for (const suffix of ['', '-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, damagedCopy + suffix);
  }
  const partial = `${file}.restoring`;
  fs.copyFileSync(backup.path, partial);
  fs.renameSync(partial, file);
  return { restoredFrom: backup.path, damagedCopy };
}

/**
 * Opens the database; when the file is damaged, offers the newest backup not tried yet
 * through `ask` and, if the user agrees, restores it and tries again. A refusal (or no backup
 * left) rethrows the 'corrupt' error with the file untouched: never a silent wipe.
 */
export async function openOrRestore(
  file: string,
  options: OpenDatabaseOptions,
  ask: (offer: RestoreOffer) => Promise<boolean>,
): Promise<OpenedDatabase & { restored: RestoreResult | null }> {
  const tried = new Set<string>();
  let restored: RestoreResult | null = null;
  for (;;) {
    try {
      return { ...(await openDatabase(file, options)), restored };
    } catch (error) {
      if (!(error instanceof StoreError) || error.code !== 'corrupt') throw error;
      const backup = listBackups(file).find((b) => !tried.has(b.path));
      if (!backup || !(await ask({ error, backup }))) throw error;
      tried.add(backup.path);
      restored = restoreBackup(file, backup, (options.now ?? Date.now)());
    }
  }
}

/** The words of the question, with the backup's date as the user reads dates. */
export function restorePrompt(
  offer: RestoreOffer,
  formatDate: (at: number) => string,
): { message: string; detail: string; buttons: [string, string] } {
  return {
    message: 'Followthrough’s data file is damaged.',
    detail:
      `${offer.error.message}\n\n` +
      `Restoring puts the damaged file aside (nothing is deleted) and continues from the backup ` +
      `taken ${formatDate(offer.backup.takenAt)}; changes made after that are not in it.`,
    buttons: [`Restore the backup from ${formatDate(offer.backup.takenAt)}`, 'Quit'],
  };
}
