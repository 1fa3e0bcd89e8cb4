import { describe, expect, it } from 'vitest';
import { attempt } from '../../../src/main/shell/start-steps';

describe('start-up steps', () => {
  it('reports a step that throws or rejects, and the next steps still run', async () => {
    const reported: string[] = [];
    const ran: string[] = [];
    const report = (what: string, error: unknown) =>
      reported.push(`${what}: ${error instanceof Error ? error.message : String(error)}`);
    attempt(
      'tray',
      () => {
        throw new Error('no tray here');
      },
      report,
    );
    void attempt('watch', () => Promise.reject(new Error('offline')), report);
    expect(attempt('alerts', () => (ran.push('alerts'), 3), report)).toBe(3);
    await new Promise((resolve) => setImmediate(resolve));
    expect(ran).toEqual(['alerts']);
    expect(reported).toEqual(['tray: no tray here', 'watch: offline']);
  });
});
