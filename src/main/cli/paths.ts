import { join } from 'node:path';

/** The database the desktop app uses: Electron's userData folder for "Followthrough". */
export function defaultDatabasePath(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  home: string,
): string {
  const folder =
    platform === 'win32'
      ? join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Followthrough')
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support', 'Followthrough')
        : join(env['XDG_CONFIG_HOME'] || join(home, '.config'), 'Followthrough');
  return join(folder, 'followthrough.sqlite');
}
