import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ERROR_MESSAGES, FIELD_MESSAGES } from '../../common/errors';
import { fieldIssue } from '../../common/schemas/issues';
import { AppError } from './errors';

/**
 * The one error handler: every failure becomes `{ error: { code, message, details } }`. Unexpected
 * errors are logged with the request id and answered with a generic 500.
 */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      // zod does not report the input with an issue: read it from the request, so that a value of
      // the wrong type is told apart from a missing one ('invalid', not 'required').
      const source: unknown = err.validationContext === 'querystring' ? req.query : err.validationContext === 'params' ? req.params : err.validationContext === 'headers' ? req.headers : req.body;
      const details = err.validation.flatMap((v) => {
        const path = v.instancePath.split('/').filter(Boolean);
        const input = path.reduce<unknown>((o, k) => (o != null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), source);
        // A missing value is 'required', whatever its schema says about wrong values ('invalid_option' …).
        if (input === undefined && (v.keyword === 'invalid_type' || v.keyword === 'invalid_value')) {
          return [{ field: path.join('.'), code: 'required', message: FIELD_MESSAGES.required.zh }];
        }
        return fieldIssue({ input, ...(v.params as object), code: v.keyword, path, message: v.message ?? '' });
      });
      return reply.status(400).send({ error: { code: 'validation.failed', message: ERROR_MESSAGES['validation.failed'].zh, details } });
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      return reply.status(413).send({ error: { code: 'validation.body_too_large', message: ERROR_MESSAGES['validation.body_too_large'].zh } });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      // Malformed JSON, unsupported content type, bad multipart: the client's fault, said plainly.
      return reply.status(err.statusCode).send({
        error: { code: 'validation.failed', message: ERROR_MESSAGES['validation.failed'].zh, details: { reason: err.code ?? err.message } },
      });
    }
    req.log.error({ err, requestId: req.id }, 'unexpected error');
    return reply.status(500).send({ error: { code: 'internal', message: ERROR_MESSAGES.internal.zh, requestId: req.id } });
  });

  app.setNotFoundHandler((req, reply) => {
    reply.status(404).send({ error: { code: 'route.not_found', message: ERROR_MESSAGES['route.not_found'].zh } });
  });
}
