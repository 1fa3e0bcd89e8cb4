/**
 * The user's profile (name and signature) and settings, the workspace as a file, and the
 * sample workspace: what Settings, the welcome view and the note editor read and change.
 * Changes go through the workspace's `write`, so who is owed what is read again after them.
 */
import type { ChannelInput, ChannelOutput } from '../../../../shared/contract';
import type { Profile, Settings, Workspace } from '../../../../shared/model';
import { invoke } from '../api';
import type { WorkspaceState } from './workspace.svelte';

export class SettingsState {
  constructor(private readonly workspace: WorkspaceState) {}

  profile(): Promise<Profile> {
    return invoke('profile:get', undefined);
  }

  settings(): Promise<Settings> {
    return invoke('settings:get', undefined);
  }

  saveProfile(input: ChannelInput<'profile:save'>): Promise<ChannelOutput<'profile:save'>> {
    return this.workspace.write(() => invoke('profile:save', input));
  }

  saveSettings(input: ChannelInput<'settings:save'>): Promise<ChannelOutput<'settings:save'>> {
    return this.workspace.write(() => invoke('settings:save', input));
  }

  /** Everything the user entered, as one value to save in a file. */
  exportWorkspace(): Promise<Workspace> {
    return invoke('workspace:export', undefined);
  }

  /** Replaces everything with a workspace read from a file. */
  importWorkspace(workspace: Workspace): Promise<ChannelOutput<'workspace:import'>> {
    return this.workspace.write(() => invoke('workspace:import', { workspace, replace: true }));
  }

  async loadSample(): Promise<void> {
    await this.workspace.write(() => invoke('workspace:load-sample', undefined));
  }
}
