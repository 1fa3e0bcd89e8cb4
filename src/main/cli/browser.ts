/**
 * Shows the command line's user the sign-in page: prints its address (a terminal over SSH has
 * no browser of its own) and asks the desktop to open it, where there is one.
 */
import { spawn } from 'node:child_process';

/** The program that opens a URL in the user's default browser on this platform. */
function opener(platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [] };
  // `start` takes a window title first; an empty one keeps the URL from being taken for it.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""'] };
  return { command: 'xdg-open', args: [] };
}

export function openInBrowser(
  stderr: (text: string) => void,
  env: Record<string, string | undefined>,
  platform: NodeJS.Platform = process.platform,
): (url: string) => Promise<void> {
  return (url) => {
    stderr(
      `Sign in in your browser. If it did not open, open this address there:\n\n  ${url}\n\n` +
        'Waiting for the browser to come back (up to 5 minutes)…\n',
    );
    const headless = platform === 'linux' && !env['DISPLAY'] && !env['WAYLAND_DISPLAY'];
    if (!headless) {
      const { command, args } = opener(platform);
      try {
        const child = spawn(command, [...args, url], { stdio: 'ignore', detached: true });
        child.on('error', () => undefined);
        child.unref();
      } catch {
        // No opener: the printed address is the way.
      }
    }
    return Promise.resolve();
  };
}
