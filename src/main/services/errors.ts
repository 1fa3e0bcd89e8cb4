import type { AppError, FieldIssue } from '../../shared/contract';

/** An expected failure with a message meant for the user; crosses IPC as a value. */
export class ServiceError extends Error {
  constructor(
    readonly code: AppError['code'],
    message: string,
    /** For invalid input: which fields are wrong, so a form shows each at its place. */
    readonly issues?: FieldIssue[],
  ) {
    super(message);
    this.name = 'ServiceError';
  }

  /** Invalid input in one field: the message is shown there (and as the whole failure). */
  static atField(path: string, message: string): ServiceError {
    return new ServiceError('invalid-input', message, [{ path, message }]);
  }
}
