/**
 * A damaged or foreign data file at start, on real files: a newer version is refused, a
 * damaged file is detected and the user is offered the latest backup (restored only when they
 * agree, with the damaged file kept aside), never wiped; routine backups rotate.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  openOrRestore,
  restoreBackup,
  restorePrompt,
  type RestoreOffer,
} from '../../../src/main/store/backups';
import { DEFAULT_KEEP_BACKUPS, listBackups, openDatabase } from '../../../src/main/store/database';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/store/migrations';
import { StoreError } from '../../../src/main/store/store-error';
import { application } from '../store/helpers';

const DAY = 24 * 60 * 60_000;
const START = Date.UTC(2026, 10, 2, 8, 0, 0);

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'followthrough-recovery-'));
  file = path.join(dir, 'followthrough.sqlite');
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Every file in the folder with its bytes, to prove nothing was changed, added or removed. */
function snapshot(): Map<string, string> {
  return new Map(
    fs
      .readdirSync(dir)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(fs.readFileSync(path.join(dir, name)))
          .digest('hex'),
      ]),
  );
}

/** Opens the file as the app does on a given day, with daily backups, saving one application. */
async function useOnDay(day: number, company: string): Promise<void> {
  const opened = await openDatabase(file, { now: () => START + day * DAY, backupIntervalMs: DAY });
  opened.store.saveApplication(application({ id: `app-${company}`, company }));
  opened.store.close();
}

function companies(target = file): string[] {
  const db = new BetterSqlite3(target, { readonly: true });
  try {
    return (
      db.prepare('SELECT company FROM applications ORDER BY company').all() as {
        company: string;
      }[]
    ).map((r) => r.company);
  } finally {
    db.close();
  }
}

/** Breaks the b-tree pages of the file, as a bad disk or a half-copied file would. */
function damage(target = file): void {
  const bytes = fs.readFileSync(target);
  for (let page = 1; page < Math.min(6, bytes.length / 4096); page += 1) {
    bytes.fill(0xff, page * 4096, page * 4096 + 64);
  }
  fs.writeFileSync(target, bytes);
}

/** A damaged data file that also has an uncheckpointed -wal next to it (the app was killed). */
async function damagedWithWal(): Promise<void> {
  const opened = await openDatabase(file, { now: () => START + 3 * DAY, backupIntervalMs: DAY });
  opened.db.pragma('wal_autocheckpoint = 0');
  for (let i = 0; i < 200; i += 1) {
    opened.store.saveApplication(
      application({ id: `late-${i}`, company: `Late ${i}`, notes: 'x'.repeat(300) }),
    );
  }
  // Copy the files while the connection is open: what a crash leaves behind.
  fs.copyFileSync(file, `${file}.crash`);
  fs.copyFileSync(`${file}-wal`, `${file}.crash-wal`);
  opened.store.close();
  for (const suffix of ['-wal', '-shm']) fs.rmSync(file + suffix, { force: true });
  fs.renameSync(`${file}.crash`, file);
  fs.renameSync(`${file}.crash-wal`, `${file}-wal`);
  damage();
}

describe('a file from a newer Followthrough', () => {
  it('is refused without offering a backup, and left byte-identical', async () => {
    await useOnDay(0, 'Acme');
    await useOnDay(2, 'Globex');
    const db = new BetterSqlite3(file);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    db.close();
    const before = snapshot();
    const offers: RestoreOffer[] = [];

    const error = await openOrRestore(file, { backupIntervalMs: DAY }, (offer) => {
      offers.push(offer);
      return Promise.resolve(true);
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreError);
    expect((error as StoreError).code).toBe('newer-version');
    expect((error as StoreError).message).toMatch(/newer version of Followthrough.*update/);
    expect(offers).toEqual([]);
    expect(snapshot()).toEqual(before);
  });
});

describe('a damaged file at start', () => {
  it('is detected and, when the user says no, left exactly as it was: no silent wipe', async () => {
    await useOnDay(0, 'Acme');
    await useOnDay(1, 'Globex');
    await damagedWithWal();
    const before = snapshot();
    const offers: RestoreOffer[] = [];

    const error = await openOrRestore(file, {}, (offer) => {
      offers.push(offer);
      return Promise.resolve(false);
    }).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('corrupt');
    expect((error as StoreError).message).toMatch(/damaged/);
    // The newest backup was offered, with its date, and nothing on disk changed.
    expect(offers).toHaveLength(1);
    expect(offers[0]?.backup).toEqual(listBackups(file)[0]);
    expect(offers[0]?.backup.takenAt).toBe(START + 3 * DAY);
    expect(snapshot()).toEqual(before);
  });

  it('is replaced by the latest backup when the user agrees, and kept aside with its -wal', async () => {
    await useOnDay(0, 'Acme');
    await useOnDay(1, 'Globex');
    await damagedWithWal();
    const damagedBytes = fs.readFileSync(file);
    const walBytes = fs.readFileSync(`${file}-wal`);
    const latest = listBackups(file)[0]!;

    const opened = await openOrRestore(file, { now: () => START + 3 * DAY }, () =>
      Promise.resolve(true),
    );
    try {
      expect(opened.restored?.restoredFrom).toBe(latest.path);
      // The backup taken when the file was opened on day 3, before the rows now in the -wal
      // of the damaged file; that -wal was not replayed into it.
      expect(opened.store.listApplications().map((a) => a.company)).toEqual(['Acme', 'Globex']);
      expect(opened.db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      opened.store.close();
    }
    const aside = opened.restored!.damagedCopy;
    expect(path.basename(aside)).toBe('followthrough.sqlite.corrupt-20261105T080000');
    expect(fs.readFileSync(aside).equals(damagedBytes)).toBe(true);
    expect(fs.readFileSync(`${aside}-wal`).equals(walBytes)).toBe(true);
    // The backup itself stays where it was.
    expect(fs.existsSync(latest.path)).toBe(true);
  });

  it('offers the next backup when the latest one is damaged too', async () => {
    await useOnDay(0, 'Acme');
    await useOnDay(1, 'Globex');
    await useOnDay(2, 'Initech');
    const [newest, older] = listBackups(file);
    damage(newest!.path);
    damage();
    const offered: string[] = [];

    const opened = await openOrRestore(file, {}, ({ backup }) => {
      offered.push(backup.path);
      return Promise.resolve(true);
    });
    try {
      expect(offered).toEqual([newest!.path, older!.path]);
      expect(opened.store.listApplications().map((a) => a.company)).toEqual(['Acme']);
    } finally {
      opened.store.close();
    }
    // Both damaged files were kept.
    expect(fs.readdirSync(dir).filter((n) => n.includes('.corrupt-'))).toHaveLength(2);
  });

  it('without any backup says so and changes nothing', async () => {
    fs.writeFileSync(file, Buffer.from('not a database at all '.repeat(500)));
    const before = snapshot();
    let asked = false;
    const error = await openOrRestore(file, {}, () => {
      asked = true;
      return Promise.resolve(true);
    }).catch((e: unknown) => e);
    expect((error as StoreError).code).toBe('corrupt');
    expect((error as StoreError).message).toMatch(/Move the file aside/);
    expect(asked).toBe(false);
    expect(snapshot()).toEqual(before);
  });

  it('asks in words that name the backup’s date, restoring first and quitting second', async () => {
    await useOnDay(0, 'Acme');
    await useOnDay(1, 'Globex');
    damage();
    const error = await openDatabase(file).catch((e: unknown) => e as StoreError);
    const words = restorePrompt(
      { error: error as StoreError, backup: listBackups(file)[0]! },
      (at) => new Date(at).toISOString().slice(0, 10),
    );
    expect(words.buttons).toEqual(['Restore the backup from 2026-11-03', 'Quit']);
    expect(words.detail).toContain('nothing is deleted');
    expect(words.detail).toContain((error as StoreError).message);
  });
});

describe('routine backups', () => {
  it('are taken at most once a day, and the newest five are kept', async () => {
    await useOnDay(0, 'Day 0');
    expect(listBackups(file)).toEqual([]); // a new file has nothing to back up yet
    await useOnDay(0.5, 'Day 0 later'); // the same day: no second copy
    expect(listBackups(file)).toHaveLength(1);
    for (let day = 1; day <= 7; day += 1) await useOnDay(day + 0.5, `Day ${day}`);

    const kept = listBackups(file);
    expect(kept).toHaveLength(DEFAULT_KEEP_BACKUPS);
    expect(kept.map((b) => b.takenAt)).toEqual(
      [7.5, 6.5, 5.5, 4.5, 3.5].map((d) => START + d * DAY),
    );
    // Each holds what the file held when it was opened that day.
    expect(companies(kept[0]!.path)).toContain('Day 6');
    expect(companies(kept[0]!.path)).not.toContain('Day 7');
    expect(kept.every((b) => b.fromVersion === LATEST_SCHEMA_VERSION)).toBe(true);
  });

  it('restoring copies the backup in whole, next to a damaged file kept as it was', async () => {
    await useOnDay(0, 'Acme');
    await useOnDay(1, 'Globex');
    const backup = listBackups(file)[0]!;
    const before = fs.readFileSync(file);
    const result = restoreBackup(file, backup, START + 2 * DAY);
    expect(fs.readFileSync(file).equals(fs.readFileSync(backup.path))).toBe(true);
    expect(fs.readFileSync(result.damagedCopy).equals(before)).toBe(true);
    expect(fs.existsSync(`${file}.restoring`)).toBe(false);
    expect(companies()).toEqual(['Acme']);
  });
});
