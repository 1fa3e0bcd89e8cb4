/**
 * Composition root of the desktop app: opens the database, builds the services with their
 * dependencies, wires IPC, windows and the badge. Everything below the shell is plain
 * Node code shared with the command line and the tests.
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Notification,
  protocol,
  safeStorage,
  shell,
} from 'electron';
import { eventChannel, type EventName, type Events } from '../shared/contract';
import { createHandlers } from './ipc/handlers';
import { createServices } from './services';
import { productionOAuthConfig } from './services/oauth/providers';
import { MAX_ICS_BYTES } from './services/invitation-service';
import { createAlerts } from './shell/alerts';
import { createKeychainVault } from './shell/keychain';
import { fileChoice } from './shell/local-choice';
import { installMenu } from './shell/menu';
import { createTray, type AppTray } from './shell/tray';
import { applyOpenAtLogin, startsHidden } from './shell/login-item';
import { attempt } from './shell/start-steps';
import { keepYoungGenerationSmall } from './memory';
import { scheduleSync } from './shell/sync-schedule';
import { registerIpc } from './shell/ipc';
import { electronNativeBinding } from './shell/native-binding';
import { registerAppScheme, serveRenderer } from './shell/app-protocol';
import { calendarFilesIn, openCalendarFiles } from './shell/open-files';
import { contentSecurityPolicy, isAppUrl, isSafeExternalUrl } from './shell/security';
import { createMainWindow, hardenSession } from './shell/window';
import { openOrRestore, restorePrompt } from './store/backups';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
/** The built renderer, served on the app's own scheme (never as file:// pages). */
const rendererRoot = join(__dirname, '../renderer');
registerAppScheme(protocol);

// macOS hands the app calendar files through 'open-file', possibly before it is ready.
let openFiles: (files: string[]) => void = (files) => pendingFiles.push(...files);
const pendingFiles: string[] = [];
app.on('open-file', (event, file) => {
  event.preventDefault();
  openFiles([file]);
});

// Closing the last window keeps the app running while its tray icon is there (set in start).
let keepsRunningInTray = () => false;

function report(what: string, error: unknown): void {
  console.error(`${what} failed:`, error instanceof Error ? error.message : error);
}

async function start(): Promise<void> {
  hardenSession(devServerUrl !== undefined, devServerUrl);
  if (!devServerUrl) serveRenderer(protocol, rendererRoot, contentSecurityPolicy(false));
  const databasePath = join(app.getPath('userData'), 'followthrough.sqlite');
  const binding = electronNativeBinding({
    isPackaged: app.isPackaged,
    appPath: app.getAppPath(),
    electronVersion: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    exists: existsSync,
  });
  // A damaged file is never replaced silently: the user is offered the latest backup.
  const opened = await openOrRestore(
    databasePath,
    { ...(binding ? { nativeBinding: binding } : {}), backupIntervalMs: 24 * 60 * 60_000 },
    async (offer) => {
      const words = restorePrompt(offer, (at) => new Date(at).toLocaleString());
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Followthrough',
        ...words,
        defaultId: 0,
        cancelId: 1,
        noLink: true,
      });
      return response === 0;
    },
  );

  let window: BrowserWindow | null = null;
  const send = <E extends EventName>(event: E, payload: Events[E]) =>
    window?.webContents.send(eventChannel(event), payload);
  const services = createServices({
    database: opened,
    vault: createKeychainVault(
      safeStorage,
      {
        getSecret: (id) => opened.mailStore.getSecret(id),
        setSecret: (id, ciphertext) => opened.mailStore.setSecret(id, ciphertext),
        deleteSecret: (id) => opened.mailStore.deleteSecret(id),
        accountIds: () => opened.mailStore.listAccounts().map((a) => a.id),
      },
      process.platform,
      fileChoice(join(app.getPath('userData'), 'keep-passwords-without-keyring.json')),
    ),
    now: () => Date.now(),
    systemTimeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    onChange: () => {
      send('status:changed', { at: Date.now() });
      loginItem();
      alerts.refresh();
      // An account added, edited or removed, or its password entered again, changes what is watched.
      void attempt('Mail watch', () => services.watch.update(), report);
    },
    onSyncProgress: (progress) => send('sync:progress', progress),
    onSyncFinished: ({ accountId, ok, error }) => send('sync:finished', { accountId, ok, error }),
    // Built beside this file (electron.vite.config.ts).
    untrustedParser: { script: join(__dirname, 'untrusted-parser.js') },
    // Sign-in happens in the user's own browser, never in a window of the app.
    oauth: { config: productionOAuthConfig(), openBrowser: (url) => shell.openExternal(url) },
  });
  const show = () => {
    if (!window) open();
    else {
      if (window.isMinimized()) window.restore();
      window.show();
      window.focus();
    }
  };
  const navigate = (to: Events['app:navigate']) => {
    show();
    send('app:navigate', to);
  };
  const syncNow = () => void services.sync.syncAll();
  // Open at login follows the setting: applied at start (the app may have moved) and on change.
  let openAtLogin: boolean | null = null;
  const loginItem = () => {
    const wanted = services.workspace.getSettings().openAtLogin;
    if (wanted === openAtLogin) return;
    openAtLogin = wanted;
    attempt(
      'Open at login',
      () =>
        applyOpenAtLogin(wanted, {
          app,
          platform: process.platform,
          // A packaged app is its executable; in development Electron needs the app folder.
          command: process.env['APPIMAGE']
            ? [process.env['APPIMAGE']]
            : app.isPackaged
              ? [process.execPath]
              : [process.execPath, app.getAppPath()],
          home: homedir(),
          env: process.env,
        }),
      report,
    );
  };
  let tray: AppTray | null = null;
  const alerts = createAlerts({
    app,
    Notification,
    status: () => services.workspace.status(),
    open: (obligationId) => navigate(obligationId ? { to: 'draft', obligationId } : { to: 'home' }),
    onCount: (overdue) => tray?.setOverdue(overdue),
    platform: process.platform,
    onError: (error) => report('Alerts', error),
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

  const resources = join(__dirname, '../../resources');
  const open = () => {
    window = createMainWindow({
      icon: join(resources, 'icon.png'),
      preload: join(__dirname, '../preload/index.js'),
      ...(devServerUrl ? { devServerUrl } : {}),
    });
    window.on('closed', () => (window = null));
  };
  installMenu(
    {
      syncNow,
      go: (view) => navigate({ to: view }),
      openDataFolder: () => void shell.openPath(app.getPath('userData')),
    },
    { platform: process.platform, dev: devServerUrl !== undefined },
  );
  // Started at login: no window, the tray and the alerts only.
  const hidden = startsHidden(process.argv, process.platform, app);
  if (!hidden) open();
  // Past this point a failing step costs only itself (see start-steps).
  tray =
    attempt(
      'Tray',
      () =>
        createTray(join(resources, 'tray.png'), { open: show, syncNow, quit: () => app.quit() }),
      report,
    ) ?? null;
  keepsRunningInTray = () => tray !== null;
  // Without a tray a hidden app could not be reached at all.
  if (hidden && !tray) open();
  loginItem();
  alerts.refresh();
  const stopSync = attempt('Sync timer', () => scheduleSync(services.sync), report) ?? (() => {});
  void attempt('Mail watch', () => services.watch.update(), report);
  const clock = setInterval(() => alerts.refresh(), 60_000);

  openFiles = (files) =>
    void openCalendarFiles(files, {
      importIcs: (text, name) => services.invitations.importIcs(text, name),
      maxBytes: MAX_ICS_BYTES,
      showInvitations: () => navigate({ to: 'invitations' }),
      report: (name, message) => dialog.showErrorBox(`Could not open ${name}`, message),
    });
  // Windows and Linux pass the files of a double-click as arguments.
  openFiles([...pendingFiles.splice(0), ...calendarFilesIn(process.argv.slice(1))]);
  app.on('second-instance', (_event, argv) => {
    show();
    openFiles(calendarFilesIn(argv.slice(1)));
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
  app.on('will-quit', () => {
    stopSync();
    clearInterval(clock);
    tray?.destroy();
    void services.watch.stop();
    // A note in its undo window stays a draft that says it did not go out.
    services.notes.dispose();
    opened.store.close();
  });
}

keepYoungGenerationSmall();
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // macOS apps stay in the dock; elsewhere the app stays in the tray, where Quit ends it.
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin' && !keepsRunningInTray()) app.quit();
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
