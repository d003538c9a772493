import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FIELD_MESSAGES } from '../../../common/errors';
import { residentListQuery } from '../../../common/schemas/residents.schema';
import { actorOf } from '../../lib/auth';
import type { Deps, zodApp } from '../../lib/deps';
import { AppError } from '../../lib/errors';
import { readFileForm } from '../../lib/upload';
import { XLSX_TYPE } from './residents.excel';
import { exportResidents } from './residents.export';
import { actorCommunities, IMPORT_MODES, importResidents, type ImportMode } from './residents.import';
import { buildTemplate } from './residents.template';

const importMode = z.enum(IMPORT_MODES, { error: 'invalid_option' }).default('validate');

/** An .xlsx download; the name travels as RFC 5987 UTF-8 with an ASCII fallback. */
function sendXlsx(reply: FastifyReply, buffer: Buffer, fileName: string, asciiName: string) {
  return reply
    .header('Content-Type', XLSX_TYPE)
    .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(buffer);
}

/** The largest register file accepted. */
const IMPORT_MAX_BYTES = 10 * 1024 * 1024;

/** The uploaded file and the `mode` field, in whatever order the form sent them. */
async function readUpload(req: FastifyRequest): Promise<{ file: Buffer; fileName: string; mode: ImportMode }> {
  const form = await readFileForm(req, { file: 'file', maxBytes: IMPORT_MAX_BYTES, tooLarge: 'residents.import_too_large', missing: 'residents.import_invalid_file', fields: ['mode'] });
  const mode = importMode.safeParse(form.fields.mode || undefined);
  if (!mode.success) throw new AppError('validation.failed', 400, [{ field: 'mode', code: 'invalid_option', message: FIELD_MESSAGES.invalid_option.zh }]);
  return { file: form.content, fileName: form.fileName.slice(0, 200), mode: mode.data };
}

/** Excel template, import and export of residents. */
export function registerResidentExcelRoutes(r: ReturnType<typeof zodApp>, { db }: Deps) {
  const tags = ['residents'];

  r.get(
    '/import/template',
    { schema: { tags, summary: '居民导入模板 (.xlsx)' }, config: { auth: 'residents.import' } },
    async (req, reply) => {
      const actor = actorOf(req);
      const communities = (await actorCommunities(db, actor)).map((c) => c.name);
      const buffer = await buildTemplate({ communities, restricted: actor.restrictedCommunityIds.length > 0 });
      return sendXlsx(reply, buffer, '居民导入模板.xlsx', 'residents-template.xlsx');
    },
  );

  r.post(
    '/import',
    {
      schema: {
        tags,
        summary: '导入居民：multipart `file` (.xlsx) 与 `mode` = validate | all | valid_only',
        consumes: ['multipart/form-data'],
      },
      config: { auth: 'residents.import' },
    },
    async (req) => {
      const { file, fileName, mode } = await readUpload(req);
      return { data: await importResidents({ db, actor: actorOf(req), file, fileName, mode }) };
    },
  );

  // Same filters as GET /api/residents; page and pageSize are accepted and ignored (everything is exported).
  r.get(
    '/export',
    { schema: { tags, summary: '导出居民名单 (.xlsx)', querystring: residentListQuery }, config: { auth: 'residents.export' } },
    async (req, reply) => {
      const { buffer, fileName } = await exportResidents({ db, actor: actorOf(req), query: req.query });
      return sendXlsx(reply, buffer, fileName, `residents-${fileName.replace(/\D/g, '')}.xlsx`);
    },
  );
}
