import { ERROR_MESSAGES, type ErrorCode } from '../../common/errors';

/** The one error type services throw; the error handler turns it into `{ error: { code, message, details } }`. */
export class AppError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly status: number,
    public readonly details?: unknown,
  ) {
    super(ERROR_MESSAGES[code].zh);
    this.name = 'AppError';
  }
}

/** A record that does not exist or lies outside the caller's scope: the same answer for both. */
export const notFound = () => new AppError('not_found', 404);
export const forbidden = () => new AppError('auth.forbidden', 403);
export const versionConflict = (current: number) => new AppError('version_conflict', 409, { currentVersion: current });
/** A single-field input problem found by a service (after schema validation). */
export const fieldError = (field: string, code: string, message: string) =>
  new AppError('validation.failed', 400, [{ field, code, message }]);
