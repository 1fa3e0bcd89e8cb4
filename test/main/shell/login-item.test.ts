/** The autostart entry written on Linux, and how a start at login is recognised. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  applyOpenAtLogin,
  autostartEntry,
  autostartFile,
  startsHidden,
} from '../../../src/main/shell/login-item';

const noApp = {
  setLoginItemSettings: () => {
    throw new Error('not on Linux');
  },
  getLoginItemSettings: () => {
    throw new Error('not asked');
  },
} as never;

describe('the Linux autostart entry', () => {
  it('goes to ~/.config/autostart unless XDG_CONFIG_HOME says otherwise', () => {
    expect(autostartFile('/home/ada', {})).toBe(
      '/home/ada/.config/autostart/followthrough.desktop',
    );
    expect(autostartFile('/home/ada', { XDG_CONFIG_HOME: '/cfg' })).toBe(
      '/cfg/autostart/followthrough.desktop',
    );
  });

  it('quotes a path with spaces and ends with --hidden', () => {
    const entry = autostartEntry(['/opt/My Apps/followthrough', '/app path']);
    expect(entry).toContain('Exec="/opt/My Apps/followthrough" "/app path" --hidden\n');
  });

  it('is written under a temporary home and removed again', () => {
    const home = mkdtempSync(join(tmpdir(), 'ft-home-'));
    try {
      const deps = {
        app: noApp,
        platform: 'linux' as const,
        command: ['/usr/bin/ft'],
        home,
        env: {},
      };
      applyOpenAtLogin(true, deps);
      const file = join(home, '.config', 'autostart', 'followthrough.desktop');
      expect(readFileSync(file, 'utf8')).toContain('Exec=/usr/bin/ft --hidden');
      applyOpenAtLogin(false, deps);
      expect(() => readFileSync(file)).toThrow();
      // Turning it off twice is fine.
      applyOpenAtLogin(false, deps);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});

describe('a start at login', () => {
  it('is told by --hidden, and on macOS by the login item', () => {
    expect(startsHidden(['/usr/bin/ft', '--hidden'], 'linux', noApp)).toBe(true);
    expect(startsHidden(['/usr/bin/ft'], 'linux', noApp)).toBe(false);
    const mac = (wasOpenedAtLogin: boolean) =>
      ({ getLoginItemSettings: () => ({ wasOpenedAtLogin }) }) as never;
    expect(startsHidden(['/Applications/F.app'], 'darwin', mac(true))).toBe(true);
    expect(startsHidden(['/Applications/F.app'], 'darwin', mac(false))).toBe(false);
  });
});
