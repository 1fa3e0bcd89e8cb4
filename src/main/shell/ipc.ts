/**
 * Wires the handler map to Electron's IPC: one invoke channel, every call checked for its
 * sender (only our own top frame) and validated against the contract before it runs.
 */
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_CHANNEL, type Result } from '../../shared/contract';
import { dispatch } from '../ipc/dispatch';
import type { Handlers } from '../ipc/handlers';

export interface IpcOptions {
  /** True when the URL is one of the app's own pages. */
  isAppUrl: (url: string) => boolean;
  onUnexpected: (error: unknown) => void;
}

export function registerIpc(ipcMain: IpcMain, handlers: Handlers, options: IpcOptions): () => void {
  const listener = async (
    event: IpcMainInvokeEvent,
    channel: unknown,
    input: unknown,
  ): Promise<Result<unknown>> => {
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || !options.isAppUrl(frame.url)) {
      return {
        ok: false,
        error: { code: 'invalid-input', message: 'Request from an unknown page refused.' },
      };
    }
    return dispatch(handlers, channel, input, options.onUnexpected);
  };
  ipcMain.handle(IPC_INVOKE_CHANNEL, listener);
  return () => ipcMain.removeHandler(IPC_INVOKE_CHANNEL);
}
