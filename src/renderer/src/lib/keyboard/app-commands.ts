/**
 * The commands the whole window offers, whatever view is on screen: the palette, the keys
 * help, search, the views to go to and the actions that need no row (views add their own).
 */
import type { Navigation, Route } from '../state/navigation.svelte';
import type { SyncState } from '../state/sync.svelte';
import type { Command } from '../pure/keyboard/commands';
import type { Keyboard } from './registry.svelte';

export function appCommands(deps: {
  keyboard: Keyboard;
  navigation: Navigation;
  sync: SyncState;
}): Command[] {
  const { keyboard, navigation, sync } = deps;
  const go = (id: string, label: string, route: Route, keywords = ''): Command => ({
    id: `go-${id}`,
    label,
    group: 'Go to',
    keywords,
    run: () => navigation.go(route),
  });
  return [
    {
      id: 'palette',
      label: 'Find anything or run a command',
      group: 'General',
      keys: ['mod+k'],
      palette: false,
      run: () => (keyboard.paletteOpen ? (keyboard.paletteOpen = false) : keyboard.openPalette()),
    },
    {
      id: 'search',
      label: 'Search this view',
      group: 'General',
      keys: ['/'],
      keywords: 'find filter',
      // A view without a search field: search everything instead.
      run: () => void (keyboard.focusSearch() || keyboard.openPalette()),
    },
    {
      id: 'help',
      label: 'Show keyboard shortcuts',
      group: 'General',
      keys: ['?'],
      keywords: 'keys help',
      run: () => keyboard.openHelp(),
    },
    // Dialogs and menus close on Escape themselves; listed so the help is complete.
    { id: 'close', label: 'Close a dialog or menu', group: 'General', keys: ['Escape'] },
    go('home', 'Who needs a note', { name: 'home' }, 'home overdue due notes'),
    go('review', 'To review', { name: 'review' }, 'unsure matches replies'),
    go('people', 'People', { name: 'people', id: null }, 'interviewers recruiters contacts'),
    go('invitations', 'Invitations', { name: 'invitations' }, 'calendar ics'),
    go('settings', 'Settings', { name: 'settings' }, 'preferences rules templates signature'),
    go('connect', 'Connect an email account', { name: 'connect' }, 'mail imap smtp gmail outlook'),
    {
      id: 'add-application',
      label: 'Add an application',
      group: 'Actions',
      keywords: 'new job company',
      run: () => navigation.go({ name: 'edit-application', id: null }),
    },
    {
      id: 'sync',
      label: 'Sync mail now',
      group: 'Actions',
      keywords: 'refresh check mail sent',
      enabled: () => sync.accounts.length > 0 && !sync.busy,
      // How the sync went shows in the sidebar, per account.
      run: () => void sync.run().catch(() => {}),
    },
  ];
}
