/**
 * Open at login: the app starts with the session, hidden (tray only), so due-note alerts
 * arrive without the user opening it. Electron registers login items on macOS and Windows
 * only (`app.setLoginItemSettings`); on Linux the app writes an XDG autostart entry, which
 * desktops following the freedesktop autostart standard (GNOME, KDE, Xfce, …) run at login.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'electron';
import { writeFileAtomic } from '../store/atomic-file';

/** The argument a start at login carries: no window, the tray and alerts only. */
export const HIDDEN_FLAG = '--hidden';

export interface LoginItemDeps {
  app: Pick<App, 'setLoginItemSettings' | 'getLoginItemSettings'>;
  platform: NodeJS.Platform;
  /** What starts the app: the executable, and the app folder when it is not packaged. */
  command: string[];
  home: string;
  env: Record<string, string | undefined>;
}

/** Where the XDG autostart entry lives: $XDG_CONFIG_HOME/autostart, by default ~/.config. */
export function autostartFile(home: string, env: Record<string, string | undefined>): string {
  const config = env['XDG_CONFIG_HOME'] || join(home, '.config');
  return join(config, 'autostart', 'followthrough.desktop');
}

/** An argument quoted for a desktop entry's Exec key (freedesktop Desktop Entry spec). */
function quoteExec(arg: string): string {
  if (/^[A-Za-z0-9_./:=+-]+$/.test(arg)) return arg;
  return `"${arg.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, '%%')}"`;
}

/** The autostart entry that starts the app hidden at login. */
export function autostartEntry(command: string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Followthrough',
    'Comment=Reminds you of thank-you notes and check-ins that are due',
    `Exec=${[...command, HIDDEN_FLAG].map(quoteExec).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** Registers (or removes) the app as started at login, the way the platform allows. */
export function applyOpenAtLogin(openAtLogin: boolean, deps: LoginItemDeps): void {
  if (deps.platform === 'linux') {
    const file = autostartFile(deps.home, deps.env);
    if (openAtLogin) {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileAtomic(file, autostartEntry(deps.command));
    } else rmSync(file, { force: true });
    return;
  }
  if (deps.platform === 'win32') {
    // Windows passes `args`; the same ones must be given to read the setting back.
    deps.app.setLoginItemSettings({ openAtLogin, args: [HIDDEN_FLAG] });
    return;
  }
  if (deps.platform === 'darwin') {
    // macOS passes no arguments: a start at login is told by wasOpenedAtLogin instead.
    deps.app.setLoginItemSettings({ openAtLogin, openAsHidden: openAtLogin });
  }
}

/** Whether this start is one at login, which shows no window. */
export function startsHidden(
  argv: readonly string[],
  platform: NodeJS.Platform,
  app: Pick<App, 'getLoginItemSettings'>,
): boolean {
  if (argv.includes(HIDDEN_FLAG)) return true;
  if (platform !== 'darwin') return false;
  const settings = app.getLoginItemSettings();
  return settings.wasOpenedAtLogin === true || settings.wasOpenedAsHidden === true;
}
