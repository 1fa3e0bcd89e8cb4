/** Requests through the contract: validated before any handler runs. */
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../src/main/ipc/dispatch';
import { createHandlers } from '../../../src/main/ipc/handlers';
import { useWorkspace } from '../../support/workspace-fixture';

const ws = useWorkspace();

describe('requests through the contract', () => {
  it('validates input before any handler runs and reports the field', async () => {
    const handlers = createHandlers({
      ...ws.services,
      openExternal: () => Promise.resolve(true),
    });
    const bad = await dispatch(handlers, 'applications:save', { company: '', roleTitle: 'x' });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/company/);
    expect(ws.service.listApplications()).toEqual([]);

    const missing = await dispatch(handlers, 'applications:get', { id: 'nope' });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'not-found', message: 'That application no longer exists.' },
    });

    const sample = await dispatch(handlers, 'workspace:load-sample', undefined);
    expect(sample).toEqual({ ok: true, value: { applications: 5 } });
  });

  it('opens only web and mail links outside the app', async () => {
    const opened: string[] = [];
    const handlers = createHandlers({
      ...ws.services,
      openExternal: (url) => (opened.push(url), Promise.resolve(true)),
    });
    expect(
      (await dispatch(handlers, 'shell:open-external', { url: 'file:///etc/passwd' })).ok,
    ).toBe(false);
    expect(
      (await dispatch(handlers, 'shell:open-external', { url: 'https://jobs.example/1' })).ok,
    ).toBe(true);
    expect(opened).toEqual(['https://jobs.example/1']);
  });
});
