import type { FastifyInstance } from 'fastify';
import type { Deps } from '../../lib/deps';

/** Excel template, import and export of residents (filled in by the import/export work). */
export function registerResidentExcelRoutes(_r: FastifyInstance | unknown, _deps: Deps) {}
