/**
 * Validates one call against the contract and runs its handler, turning every outcome
 * into a Result. Unknown channels and invalid input never reach a handler; unexpected
 * errors are reported without internals (they are logged by the caller).
 */
import { channels, isChannel, type Result } from '../../shared/contract';
import { describeIssues, issuesOf } from '../../shared/schemas';
import { ServiceError } from '../services/errors';
import type { Handlers } from './handlers';

export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  input: unknown,
  onUnexpected: (error: unknown) => void = () => {},
): Promise<Result<unknown>> {
  if (!isChannel(channel)) {
    return { ok: false, error: { code: 'invalid-input', message: 'Unknown request.' } };
  }
  const parsed = channels[channel].input.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'invalid-input',
        message: describeIssues(parsed.error),
        issues: issuesOf(parsed.error),
      },
    };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    return { ok: true, value: await handler(parsed.data) };
  } catch (error) {
    if (error instanceof ServiceError) {
      return {
        ok: false,
        error: {
          code: error.code,
          message: error.message,
          ...(error.issues ? { issues: error.issues } : {}),
        },
      };
    }
    onUnexpected(error);
    return {
      ok: false,
      error: {
        code: 'failed',
        message:
          'Something went wrong on our side. Try again; if it keeps happening, restart Followthrough.',
      },
    };
  }
}
