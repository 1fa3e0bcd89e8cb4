import { beforeEach, describe, expect, it, vi } from 'vitest';

// Only the electron module is replaced: a Tray and a Menu that record what the shell asks.
const electron = vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  interface Item {
    label?: string;
    role?: string;
    accelerator?: string;
    enabled?: boolean;
    type?: string;
    click?: () => void;
    submenu?: Item[];
  }
  const state = {
    trays: [] as FakeTray[],
    applicationMenu: null as Item[] | null,
    failTray: false,
  };
  class FakeTray extends EventEmitter {
    tooltip = '';
    menu: Item[] = [];
    destroyed = false;
    constructor(readonly image: { path: string }) {
      super();
      if (state.failTray) throw new Error('no tray on this desktop');
      state.trays.push(this);
    }
    setToolTip(text: string) {
      this.tooltip = text;
    }
    setContextMenu(menu: Item[]) {
      this.menu = menu;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  return {
    state,
    module: {
      Tray: FakeTray,
      nativeImage: { createFromPath: (path: string) => ({ path }) },
      Menu: {
        buildFromTemplate: (template: Item[]) => template,
        setApplicationMenu: (menu: Item[]) => (state.applicationMenu = menu),
      },
    },
  };
});
vi.mock('electron', async () => (await electron).module);

const { state } = await electron;
const { createTray } = await import('../../../src/main/shell/tray');
const { installMenu } = await import('../../../src/main/shell/menu');

beforeEach(() => {
  state.trays.length = 0;
  state.applicationMenu = null;
  state.failTray = false;
});

describe('tray', () => {
  it('shows the overdue count and offers open, sync and quit', () => {
    const calls: string[] = [];
    const tray = createTray('/icons/tray.png', {
      open: () => calls.push('open'),
      syncNow: () => calls.push('sync'),
      quit: () => calls.push('quit'),
    });
    const fake = state.trays[0]!;
    expect(fake.image).toEqual({ path: '/icons/tray.png' });
    expect(fake.tooltip).toBe('Followthrough: Nothing overdue');

    tray?.setOverdue(3);
    expect(fake.tooltip).toBe('Followthrough: 3 notes overdue');
    expect(fake.menu[0]).toMatchObject({ label: '3 notes overdue', enabled: false });
    tray?.setOverdue(1);
    expect(fake.tooltip).toBe('Followthrough: 1 note overdue');

    for (const label of ['Open Followthrough', 'Sync mail now', 'Quit Followthrough'])
      fake.menu.find((i) => i.label === label)?.click?.();
    fake.emit('click');
    expect(calls).toEqual(['open', 'sync', 'quit', 'open']);

    tray?.destroy();
    expect(fake.destroyed).toBe(true);
  });

  it('leaves the tray out on a desktop that has none, without failing the app', () => {
    state.failTray = true;
    const tray = createTray('/icons/tray.png', { open() {}, syncNow() {}, quit() {} });
    expect(tray).toBeNull();
  });
});

describe('application menu', () => {
  const setUp = (platform: NodeJS.Platform, dev = false) => {
    const calls: string[] = [];
    installMenu(
      {
        syncNow: () => calls.push('sync'),
        go: (view) => calls.push(`go:${view}`),
        openDataFolder: () => calls.push('data'),
      },
      { platform, dev },
    );
    const menu = state.applicationMenu!;
    const items = menu.flatMap((m) => m.submenu ?? []);
    const byLabel = (label: string) => items.find((i) => i.label === label);
    return { calls, menu, items, byLabel };
  };

  it('has keyboard shortcuts for sync and the main views, and the standard edit roles', () => {
    const { calls, menu, byLabel } = setUp('linux');
    expect(byLabel('Sync Mail Now')?.accelerator).toBe('F5');
    expect(byLabel('Who Needs a Note')?.accelerator).toBe('CmdOrCtrl+1');
    expect(byLabel('Review Matches')?.accelerator).toBe('CmdOrCtrl+2');
    expect(byLabel('Settings')?.accelerator).toBe('CmdOrCtrl+,');
    expect(menu.map((m) => m.role ?? m.label)).toEqual([
      '&File',
      'editMenu',
      '&View',
      'windowMenu',
    ]);
    byLabel('Sync Mail Now')?.click?.();
    byLabel('Review Matches')?.click?.();
    byLabel('Settings')?.click?.();
    byLabel('Open Data Folder')?.click?.();
    expect(calls).toEqual(['sync', 'go:review', 'go:settings', 'data']);
  });

  it('offers developer tools only in development, and the app menu only on macOS', () => {
    expect(setUp('linux').items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(setUp('linux', true).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(setUp('darwin').menu[0]).toEqual({ role: 'appMenu' });
  });
});
