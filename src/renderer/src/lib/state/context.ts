/**
 * The state classes the app makes once per window and hands down through Svelte's context,
 * for components placed where their parent does not pass them on (dialogs in the home view).
 */
import { getContext, setContext } from 'svelte';
import type { ApplicationsState } from './application.svelte';
import type { SettingsState } from './settings.svelte';
import type { TemplatesState } from './templates.svelte';

export interface AppState {
  applications: ApplicationsState;
  settings: SettingsState;
  templates: TemplatesState;
}

const KEY = Symbol('followthrough-state');

/** Called once by App, before its views are made. */
export function provideAppState(state: AppState): void {
  setContext(KEY, state);
}

/** The window's state classes; only inside a component App renders. */
export function appState(): AppState {
  const state = getContext<AppState | undefined>(KEY);
  if (!state) throw new Error('appState() is only available inside the app.');
  return state;
}
