import { join } from 'node:path';

/** Where the Electron build of better-sqlite3 lives for one Electron version and platform. */
export function electronBindingDir(root, electronVersion, platform, arch) {
  return join(root, '.native', `electron-${electronVersion}-${platform}-${arch}`);
}
