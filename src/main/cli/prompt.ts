/**
 * Asks for a password on the terminal without echoing it. Only used when stdin is a
 * terminal and no --password-env was given; the answer never appears on screen or in history.
 */
import type { Readable, Writable } from 'node:stream';

type Input = Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };

const ENTER = new Set(['\r', '\n', '\u0004']);
const BACKSPACE = new Set(['\u007f', '\b']);
const CTRL_C = '\u0003';

export function askHidden(question: string, input: Input, output: Writable): Promise<string> {
  return new Promise((resolve, reject) => {
    let answer = '';
    const raw = typeof input.setRawMode === 'function' && input.isTTY === true;
    const finish = (error: Error | null) => {
      input.off('data', onData);
      input.off('end', onEnd);
      if (raw) input.setRawMode?.(false);
      input.pause();
      output.write('\n');
      if (error) reject(error);
      else resolve(answer);
    };
    const onData = (chunk: Buffer | string) => {
      for (const char of chunk.toString('utf8')) {
        if (ENTER.has(char)) return finish(null);
        if (char === CTRL_C) return finish(new Error('cancelled'));
        if (BACKSPACE.has(char)) answer = answer.slice(0, -1);
        else answer += char;
      }
    };
    const onEnd = () => finish(null);
    output.write(question);
    if (raw) input.setRawMode?.(true);
    input.on('data', onData);
    input.on('end', onEnd);
    input.resume();
  });
}
