/**
 * The names of the IPC channels and events, without their schemas, so the sandboxed
 * preload can check names without bundling the schema library. contract.ts checks at
 * compile time that this list and its channel map agree.
 */
export const CHANNEL_NAMES = [
  'status:get',
  'status:dismiss-suggestion',
  'replies:set-class',
  'replies:to-review',
  'applications:list',
  'applications:get',
  'applications:save',
  'applications:delete',
  'interviews:save',
  'interviews:delete',
  'people:list',
  'people:save',
  'people:directory',
  'people:get',
  'contacts:mark-sent',
  'contacts:unmark',
  'review:list',
  'links:save',
  'messages:find',
  'obligations:snooze',
  'obligations:skip',
  'profile:get',
  'profile:save',
  'settings:get',
  'settings:save',
  'workspace:load-sample',
  'workspace:export',
  'workspace:import',
  'accounts:list',
  'accounts:keep-without-keyring',
  'accounts:test',
  'accounts:save',
  'accounts:oauth-clients',
  'accounts:sign-in',
  'accounts:cancel-sign-in',
  'accounts:remove',
  'sync:run',
  'drafts:open',
  'drafts:update',
  'drafts:use-template',
  'drafts:save-to-folder',
  'drafts:send',
  'notes:undo',
  'templates:list',
  'templates:save',
  'templates:restore',
  'templates:preview',
  'invitations:list',
  'invitations:import',
  'invitations:accept',
  'invitations:dismiss',
  'invitations:unreadable',
  'invitations:dismiss-unreadable',
  'calendar:export',
  'shell:open-external',
] as const;
export type ChannelName = (typeof CHANNEL_NAMES)[number];

export const EVENT_NAMES = [
  'status:changed',
  'sync:progress',
  'sync:finished',
  'app:navigate',
] as const;
export type EventName = (typeof EVENT_NAMES)[number];

const channelSet: ReadonlySet<string> = new Set(CHANNEL_NAMES);
export function isChannel(name: unknown): name is ChannelName {
  return typeof name === 'string' && channelSet.has(name);
}

/** The single Electron IPC channel every invoke travels on; the contract channel is its first argument. */
export const IPC_INVOKE_CHANNEL = 'followthrough:invoke';
/** The Electron IPC channel an event is sent on. */
export function eventChannel(event: EventName): string {
  return `followthrough:event:${event}`;
}
