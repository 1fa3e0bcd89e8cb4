import type { Database } from 'better-sqlite3';
import { StoreError } from './store-error';

/**
 * One schema step. `up` runs inside a transaction opened by the runner, with foreign key
 * enforcement off (so a step may rebuild a table); it must not open its own transaction
 * or change pragmas. Migrations are history: once shipped, a file never changes.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
}

export interface MigrationResult {
  /** `user_version` before the run. */
  from: number;
  /** `user_version` after the run. */
  to: number;
  /** Versions applied, in order; empty when the file was already current. */
  applied: number[];
}

/** Reads `PRAGMA user_version`, the schema version this file is at. */
export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** The highest version in `migrations` (0 for an empty list). */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/** Throws unless versions run 1, 2, 3 … without gaps, so `user_version` maps to one step. */
export function checkMigrationList(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration list out of order: position ${index + 1} holds version ${migration.version} (${migration.name})`,
      );
    }
  });
}

/** The steps a file at `version` still needs. */
export function pendingMigrations(
  migrations: readonly Migration[],
  version: number,
): readonly Migration[] {
  return migrations.filter((migration) => migration.version > version);
}

/** The message shown when a file comes from a newer app; the file is never touched. */
export function newerVersionError(fileVersion: number, knownVersion: number): StoreError {
  return new StoreError(
    'newer-version',
    `This data file was written by a newer version of Followthrough (data format ${fileVersion}; ` +
      `this version understands up to ${knownVersion}). Please update Followthrough to open it. ` +
      'The file has not been changed.',
  );
}

/**
 * Brings the database up to the last version in `migrations`. Each pending step runs in its
 * own transaction together with the `user_version` bump, so a failed step leaves the file at
 * the previous version. Refuses a file newer than the list.
 */
export function migrate(db: Database, migrations: readonly Migration[]): MigrationResult {
  checkMigrationList(migrations);
  const from = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (from > latest) throw newerVersionError(from, latest);

  const pending = pendingMigrations(migrations, from);
  if (pending.length === 0) return { from, to: from, applied: [] };

  // SQLite ignores `PRAGMA foreign_keys` inside a transaction, so it is switched off around
  // the steps and each step proves the data is still consistent before it commits.
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('foreign_keys = OFF');
  const applied: number[] = [];
  try {
    for (const migration of pending) {
      const step = db.transaction(() => {
        migration.up(db);
        const violations = db.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new Error(`${violations.length} rows break a foreign key after this step`);
        }
        // A pragma takes no bound parameters; the version is a checked integer.
        db.pragma(`user_version = ${Math.trunc(migration.version)}`);
      });
      try {
        step.immediate();
      } catch (error) {
        throw new StoreError(
          'migration-failed',
          `Followthrough could not update its data file (step ${migration.version}, ` +
            `${migration.name}): ${error instanceof Error ? error.message : String(error)}. ` +
            `The file was left at data format ${schemaVersion(db)}.`,
          { cause: error },
        );
      }
      applied.push(migration.version);
    }
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return { from, to: schemaVersion(db), applied };
}
