import type { FastifyInstance } from 'fastify';
import { FIELD_MESSAGES } from '../../common/errors';
import { invalidTextPath } from '../../common/validators/text.validator';
import { AppError } from './errors';

/** The 400 for a text holding a character Linli cannot store (common/validators/text.validator.ts). */
export const invalidCharError = (field: string) =>
  new AppError('validation.failed', 400, [{ field, code: 'invalid_char', message: FIELD_MESSAGES.invalid_char.zh }]);

/**
 * Every route, before its schema: a NUL or another invalid character in the path parameters, the
 * query or a JSON body answers 400 naming the field (PostgreSQL would refuse U+0000 with a 500).
 * Runs after the auth hook, so 401/403 still come first. Multipart fields and file names are
 * checked where they are read (`readFileForm`, server/lib/upload.ts).
 */
export function registerInputCheck(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const source of [req.params, req.query, req.body]) {
      const path = invalidTextPath(source);
      if (path) throw invalidCharError(path.join('.'));
    }
  });
}
