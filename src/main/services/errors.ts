import type { AppError } from '../../shared/contract';

/** An expected failure with a message meant for the user; crosses IPC as a value. */
export class ServiceError extends Error {
  constructor(
    readonly code: AppError['code'],
    message: string,
  ) {
    super(message);
    this.name = 'ServiceError';
  }
}
