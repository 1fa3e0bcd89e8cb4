import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { skippedNotes } from '../../../../src/main/store/migrations/014-skipped-notes';
import { migrationFile } from './helpers';

let file: ReturnType<typeof migrationFile>;
const VERSION = skippedNotes.version;

beforeEach(() => {
  file = migrationFile();
});
afterEach(() => file.dispose());

describe('migration 014 (skipped notes)', () => {
  it('keeps the snoozes seeded one version before, and starts with no note skipped', async () => {
    const old = await file.open(VERSION - 1);
    old.draftStore.setSnooze('thank-you:app:person', 5_000);
    old.db.close();

    const { db, draftStore, migratedFrom } = await file.open(VERSION);
    expect(migratedFrom).toBe(VERSION - 1);
    expect(db.pragma('user_version', { simple: true })).toBe(VERSION);
    expect(draftStore.listSnoozes()).toEqual(new Map([['thank-you:app:person', 5_000]]));
    expect(draftStore.listSkips()).toEqual(new Map());
  });

  it('keeps one skip per note, moved to the latest moment, and takes it back', async () => {
    const { draftStore } = await file.open(VERSION);
    draftStore.setSkip('thank-you:app:ada', 10);
    draftStore.setSkip('thank-you:app:ada', 20);
    draftStore.setSkip('thank-you:app:lars', 30);
    expect(draftStore.listSkips()).toEqual(
      new Map([
        ['thank-you:app:ada', 20],
        ['thank-you:app:lars', 30],
      ]),
    );
    draftStore.setSkip('thank-you:app:ada', null);
    expect([...draftStore.listSkips().keys()]).toEqual(['thank-you:app:lars']);
  });
});
