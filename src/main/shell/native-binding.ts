import { join } from 'node:path';
import { electronBindingDir } from '../../../scripts/native-paths.mjs';

export interface BindingContext {
  isPackaged: boolean;
  appPath: string;
  electronVersion: string;
  platform: string;
  arch: string;
  exists: (file: string) => boolean;
}

/**
 * Which better-sqlite3 binary the app loads. A packaged app ships one built for Electron
 * (the default lookup finds it). From a checkout, node_modules holds the Node build (for
 * tests and the command line) and `npm start` puts the Electron build under .native/;
 * undefined means "the default", which from a checkout only works if someone rebuilt it.
 */
export function electronNativeBinding(context: BindingContext): string | undefined {
  if (context.isPackaged) return undefined;
  const file = join(
    electronBindingDir(context.appPath, context.electronVersion, context.platform, context.arch),
    'better_sqlite3.node',
  );
  return context.exists(file) ? file : undefined;
}
