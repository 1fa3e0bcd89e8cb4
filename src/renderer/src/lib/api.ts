/**
 * The typed client for the preload api. Components call `api.invoke` and get the value or
 * an ApiError with a message meant for the user; nothing else in the renderer touches
 * `window.followthrough`.
 */
import type {
  AppError,
  Channel,
  FieldIssue,
  ChannelInput,
  ChannelOutput,
  EventName,
  Events,
} from '../../../shared/contract';

/** An expected failure (or a broken connection to main) with a message to show as is. */
export class ApiError extends Error {
  constructor(
    readonly code: AppError['code'],
    message: string,
    /** For invalid input: what is wrong with which field. */
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

function bridge() {
  const api = typeof window === 'undefined' ? undefined : window.followthrough;
  if (!api) {
    throw new ApiError(
      'unavailable',
      'Followthrough cannot reach its data. Restart the app; if this keeps happening, please report it.',
    );
  }
  return api;
}

export async function invoke<C extends Channel>(
  channel: C,
  input: ChannelInput<C>,
): Promise<ChannelOutput<C>> {
  let result;
  try {
    result = await bridge().invoke(channel, input);
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(
      'unavailable',
      'The request did not get through. Check that the app is still running and try again.',
    );
  }
  if (!result || typeof result !== 'object' || !('ok' in result)) {
    throw new ApiError('failed', 'The app sent back an answer it could not read. Try again.');
  }
  if (!result.ok) throw new ApiError(result.error.code, result.error.message, result.error.issues);
  return result.value;
}

/** Listens for an event from main; returns the function that stops listening. */
export function on<E extends EventName>(
  event: E,
  listener: (payload: Events[E]) => void,
): () => void {
  try {
    return bridge().on(event, listener);
  } catch {
    return () => {};
  }
}

/** The message to show for anything thrown by `invoke` or by the code around it. */
export function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Try again.';
}

/**
 * A failure's messages by field path (`company`, `interview.startsAt`), as main sent them, so
 * forms show each next to its control. A failure about no field is kept under the empty key.
 */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError) || error.issues.length === 0) return { '': messageOf(error) };
  const out: Record<string, string> = {};
  for (const { path, message } of error.issues) {
    out[path] = out[path] ? `${out[path]}; ${message}` : message;
  }
  return out;
}
