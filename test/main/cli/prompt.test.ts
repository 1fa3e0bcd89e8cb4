import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { askHidden } from '../../../src/main/cli/prompt';

function terminal() {
  const input = Object.assign(new PassThrough(), {
    isTTY: true,
    modes: [] as boolean[],
    setRawMode(raw: boolean) {
      this.modes.push(raw);
      return this;
    },
  });
  const output = new PassThrough();
  let shown = '';
  output.on('data', (c: Buffer) => (shown += c.toString()));
  return { input, output, shown: () => shown };
}

describe('asking for a password', () => {
  it('reads what is typed, with backspace, without showing it, and leaves raw mode', async () => {
    const t = terminal();
    const answer = askHidden('Password: ', t.input, t.output);
    t.input.write('hunt');
    t.input.write('x\u007fer2\r');
    expect(await answer).toBe('hunter2');
    expect(t.shown()).toBe('Password: \n');
    expect(t.input.modes).toEqual([true, false]);
  });

  it('gives up on Ctrl+C', async () => {
    const t = terminal();
    const answer = askHidden('Password: ', t.input, t.output);
    t.input.write('abc\u0003');
    await expect(answer).rejects.toThrow(/cancelled/);
  });
});
