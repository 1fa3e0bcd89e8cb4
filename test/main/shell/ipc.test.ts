import { describe, expect, it } from 'vitest';
import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { IPC_INVOKE_CHANNEL, type Result } from '../../../src/shared/contract';
import type { Handlers } from '../../../src/main/ipc/handlers';
import { registerIpc } from '../../../src/main/shell/ipc';
import { isAppUrl } from '../../../src/main/shell/security';

type Listener = (event: IpcMainInvokeEvent, channel: unknown, input: unknown) => Promise<unknown>;

function fakeIpcMain() {
  const handlers = new Map<string, Listener>();
  const ipcMain = {
    handle: (channel: string, listener: Listener) => handlers.set(channel, listener),
    removeHandler: (channel: string) => handlers.delete(channel),
  } as unknown as IpcMain;
  return { ipcMain, handlers };
}

const calls: unknown[] = [];
const handlers = {
  'profile:get': () => {
    calls.push('profile:get');
    return { fullName: 'Sam Rivera', phone: '', email: '' };
  },
} as unknown as Handlers;

function event(url: string, parent: object | null = null): IpcMainInvokeEvent {
  return { senderFrame: { url, parent } } as unknown as IpcMainInvokeEvent;
}

describe('IPC registration', () => {
  const { ipcMain, handlers: registered } = fakeIpcMain();
  registerIpc(ipcMain, handlers, {
    isAppUrl: (url) => isAppUrl(url, undefined),
    onUnexpected: () => {},
  });
  const invoke = registered.get(IPC_INVOKE_CHANNEL)!;

  it('answers the app’s own page', async () => {
    await expect(
      invoke(event('followthrough://app/index.html'), 'profile:get', undefined),
    ).resolves.toEqual({
      ok: true,
      value: { fullName: 'Sam Rivera', phone: '', email: '' },
    });
  });

  it('refuses a foreign page and a sub-frame without running the handler', async () => {
    calls.length = 0;
    const foreign = await invoke(event('https://evil.example/'), 'profile:get', undefined);
    const subframe = await invoke(
      event('followthrough://app/index.html', {}),
      'profile:get',
      undefined,
    );
    expect(foreign).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(subframe).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(calls).toEqual([]);
  });

  it('refuses unknown channels and invalid input with a message naming the field', async () => {
    expect(await invoke(event('followthrough://app/index.html'), 'fs:read', {})).toMatchObject({
      ok: false,
    });
    const bad = (await invoke(event('followthrough://app/index.html'), 'applications:get', {
      id: 42,
    })) as Result<unknown>;
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.code).toBe('invalid-input');
    expect(!bad.ok && bad.error.message).toMatch(/^id: /);
  });
});
