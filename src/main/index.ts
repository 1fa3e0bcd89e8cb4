/**
 * Composition root of the desktop app: opens the database, builds the services with their
 * dependencies, wires IPC, windows and the badge. Everything below the shell is plain
 * Node code shared with the command line and the tests.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Notification, safeStorage, shell } from 'electron';
import { eventChannel, type EventName, type Events } from '../shared/contract';
import { createHandlers } from './ipc/handlers';
import { createServices } from './services';
import { createAlerts } from './shell/alerts';
import { createKeychainVault } from './shell/keychain';
import { scheduleSync } from './shell/sync-schedule';
import { registerIpc } from './shell/ipc';
import { electronNativeBinding } from './shell/native-binding';
import { isAppUrl, isSafeExternalUrl } from './shell/security';
import { createMainWindow, hardenSession } from './shell/window';
import { openDatabase } from './store/database';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;

async function start(): Promise<void> {
  hardenSession(devServerUrl !== undefined);
  const databasePath = join(app.getPath('userData'), 'followthrough.sqlite');
  const binding = electronNativeBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    exists: existsSync,
  });
  const opened = await openDatabase(databasePath, binding ? { nativeBinding: binding } : {});

  let window: BrowserWindow | null = null;
  const send = <E extends EventName>(event: E, payload: Events[E]) =>
    window?.webContents.send(eventChannel(event), payload);
  const services = createServices({
    database: opened,
    vault: createKeychainVault(safeStorage, opened.mailStore),
    now: () => Date.now(),
    systemTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    onChange: () => {
      send('status:changed', { at: Date.now() });
      alerts.refresh();
    },
    onSyncProgress: (progress) => send('sync:progress', progress),
  });
  const alerts = createAlerts({
    app,
    Notification,
    status: () => services.workspace.status(),
    focus: () => window?.show(),
  });

  const handlers = createHandlers({
    ...services,
    openExternal: async (url) => {
      if (!isSafeExternalUrl(url)) return false;
      await shell.openExternal(url);
      return true;
    },
  });
  registerIpc(ipcMain, handlers, {
    isAppUrl: (url) => isAppUrl(url, devServerUrl),
    onUnexpected: (error) =>
      console.error('Request failed:', error instanceof Error ? error.message : error),
  });

  const open = () => {
    window = createMainWindow({
      preload: join(__dirname, '../preload/index.js'),
      page: devServerUrl
        ? { url: devServerUrl }
        : { file: join(__dirname, '../renderer/index.html') },
    });
    window.on('closed', () => (window = null));
  };
  open();
  alerts.refresh();
  const stopSync = scheduleSync(services.sync);
  const clock = setInterval(() => alerts.refresh(), 60_000);

  app.on('second-instance', () => {
    if (!window) return open();
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('will-quit', () => {
    stopSync();
    clearInterval(clock);
    opened.store.close();
  });
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      dialog.showErrorBox('Followthrough could not start', message);
      app.exit(1);
    });
}
