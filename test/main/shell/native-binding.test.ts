import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { electronNativeBinding } from '../../../src/main/shell/native-binding';

const base = { appPath: '/repo', electronVersion: '41.7.1', platform: 'linux', arch: 'x64' };
const electronBuild = join('/repo', '.native', 'electron-41.7.1-linux-x64', 'better_sqlite3.node');

describe('which better-sqlite3 binary the app loads', () => {
  it('uses the Electron build that npm start prepared, from a checkout', () => {
    expect(
      electronNativeBinding({ ...base, isPackaged: false, exists: (f) => f === electronBuild }),
    ).toBe(electronBuild);
  });
  it('falls back to the default lookup when no Electron build exists', () => {
    expect(
      electronNativeBinding({ ...base, isPackaged: false, exists: () => false }),
    ).toBeUndefined();
  });
  it('ignores a build for another Electron version', () => {
    const other = { ...base, electronVersion: '42.0.0' };
    expect(
      electronNativeBinding({ ...other, isPackaged: false, exists: (f) => f === electronBuild }),
    ).toBeUndefined();
  });
  it('uses the default lookup in a packaged app', () => {
    expect(
      electronNativeBinding({ ...base, isPackaged: true, exists: () => true }),
    ).toBeUndefined();
  });
});
