/**
 * The application menu: standard edit and window roles (so copy, paste, undo and the
 * spellchecker's suggestions work everywhere), and the app's own commands with shortcuts.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface MenuActions {
  syncNow: () => void;
  /** Shows a view of the renderer: the home list, settings, or the review list. */
  go: (view: 'home' | 'settings' | 'review') => void;
  openDataFolder: () => void;
}

export function menuTemplate(
  actions: MenuActions,
  options: { platform: NodeJS.Platform; dev: boolean },
): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Sync Mail Now', accelerator: 'F5', click: actions.syncNow },
        { label: 'Open Data Folder', click: actions.openDataFolder },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Who Needs a Note', accelerator: 'CmdOrCtrl+1', click: () => actions.go('home') },
        { label: 'Review Matches', accelerator: 'CmdOrCtrl+2', click: () => actions.go('review') },
        { label: 'Settings', accelerator: 'CmdOrCtrl+,', click: () => actions.go('settings') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.dev ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    { role: 'windowMenu' },
  ];
}

export function installMenu(
  actions: MenuActions,
  options: { platform: NodeJS.Platform; dev: boolean },
): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(actions, options)));
}
