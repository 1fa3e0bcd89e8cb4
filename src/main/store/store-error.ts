/**
 * Expected failures of the local database, each with a code the UI can branch on and a
 * message in plain words it can show as is.
 */
export type StoreErrorCode =
  /** The file was written by a newer Followthrough; it was left untouched. */
  | 'newer-version'
  /** The file is damaged or not a SQLite database; it was left untouched. */
  | 'corrupt'
  /** The file could not be opened at all (missing folder, no permission, locked). */
  | 'cannot-open'
  /** The safety copy before an upgrade could not be written; nothing was migrated. */
  | 'backup-failed'
  /** An upgrade step failed and was rolled back; the file is at its previous version. */
  | 'migration-failed'
  /** A caller passed data the store cannot hold (a programming error upstream). */
  | 'invalid-input';

export class StoreError extends Error {
  override readonly name = 'StoreError';

  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** True for better-sqlite3 errors that mean the file is not a readable database. */
export function isCorruptionError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === 'string' && (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT'))
  );
}
