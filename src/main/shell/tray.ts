/**
 * The tray icon: the overdue count in its tooltip and menu, and a way back into the app, a
 * sync, or quitting. On desktops without a tray (some Linux setups) it is simply not shown.
 */
import { Menu, Tray, nativeImage } from 'electron';

export interface TrayActions {
  open: () => void;
  syncNow: () => void;
  quit: () => void;
}

export interface AppTray {
  /** Shows the overdue count. */
  setOverdue(count: number): void;
  destroy(): void;
}

export function overdueText(count: number): string {
  if (count === 0) return 'Nothing overdue';
  return count === 1 ? '1 note overdue' : `${count} notes overdue`;
}

export function createTray(iconPath: string, actions: TrayActions): AppTray | null {
  let tray: Tray;
  try {
    tray = new Tray(nativeImage.createFromPath(iconPath));
  } catch {
    return null;
  }
  const render = (count: number) => {
    tray.setToolTip(`Followthrough: ${overdueText(count)}`);
    tray.setContextMenu(
      Menu.buildFromTemplate([
        { label: overdueText(count), enabled: false },
        { type: 'separator' },
        { label: 'Open Followthrough', click: actions.open },
        { label: 'Sync mail now', click: actions.syncNow },
        { type: 'separator' },
        { label: 'Quit Followthrough', click: actions.quit },
      ]),
    );
  };
  tray.on('click', actions.open);
  render(0);
  return {
    setOverdue: render,
    destroy: () => tray.destroy(),
  };
}
