/**
 * The only bridge between the page and main: `invoke` for channels in the contract and
 * `on` for its events. The page never sees ipcRenderer, Node or Electron objects.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, IPC_INVOKE_CHANNEL, eventChannel, isChannel } from '../shared/channel-names';
import type { FollowthroughApi } from '../shared/contract';

const api: FollowthroughApi = {
  invoke(channel, input) {
    if (!isChannel(channel))
      return Promise.reject(new Error(`Unknown channel: ${String(channel)}`));
    return ipcRenderer.invoke(IPC_INVOKE_CHANNEL, channel, input);
  },
  on(event, listener) {
    if (!EVENT_NAMES.includes(event)) throw new Error(`Unknown event: ${String(event)}`);
    const wrapped = (_event: IpcRendererEvent, payload: unknown) =>
      listener(payload as Parameters<typeof listener>[0]);
    ipcRenderer.on(eventChannel(event), wrapped);
    return () => {
      ipcRenderer.removeListener(eventChannel(event), wrapped);
    };
  },
};

contextBridge.exposeInMainWorld('followthrough', api);
