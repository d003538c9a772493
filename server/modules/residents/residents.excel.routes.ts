import fs from 'node:fs';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { importRerunInput } from '../../../common/schemas/residents-import.schema';
import { residentListQuery } from '../../../common/schemas/residents.schema';
import { actorOf } from '../../lib/auth';
import type { Deps, zodApp } from '../../lib/deps';
import { XLSX_TYPE } from './residents.excel';
import { exportResidents } from './residents.export';
import { actorCommunities, createImportJobs } from './residents.import.jobs';
import { buildTemplate } from './residents.template';

/** An .xlsx download; the name travels as RFC 5987 UTF-8 with an ASCII fallback. */
function sendXlsx(reply: FastifyReply, body: Buffer | fs.ReadStream, fileName: string, asciiName: string) {
  return reply
    .header('Content-Type', XLSX_TYPE)
    .header('Content-Disposition', `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(body);
}

const jobParams = z.object({ id: z.string().max(64) });

/** Excel template, import jobs and export of residents. */
export function registerResidentExcelRoutes(r: ReturnType<typeof zodApp>, { db, config }: Deps) {
  const tags = ['residents'];
  const jobs = createImportJobs({ db, dataDir: config.dataDir, log: r.log });
  r.addHook('onClose', () => jobs.close());

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
        summary: '导入居民：multipart `file` (.xlsx)，`mode` = validate | all | valid_only，`communityId`（表中无“社区”列时）。答复导入任务，进度见 GET /import/jobs/:id',
        consumes: ['multipart/form-data'],
      },
      config: { auth: 'residents.import' },
    },
    async (req, reply) => reply.status(202).send({ data: await jobs.upload(req, actorOf(req)) }),
  );

  r.get(
    '/import/jobs/current',
    { schema: { tags, summary: '我最近的导入任务（进行中或最后完成的）' }, config: { auth: 'residents.import' } },
    async (req) => ({ data: await jobs.current(actorOf(req)) }),
  );

  r.get(
    '/import/jobs/:id',
    { schema: { tags, summary: '导入任务的进度与结果', params: jobParams }, config: { auth: 'residents.import' } },
    async (req) => ({ data: await jobs.get(actorOf(req), req.params.id) }),
  );

  r.post(
    '/import/jobs/:id/rerun',
    { schema: { tags, summary: '对同一文件再次导入（检查后导入，或选定社区后重新检查）', params: jobParams, body: importRerunInput }, config: { auth: 'residents.import' } },
    async (req, reply) => reply.status(202).send({ data: await jobs.rerun(actorOf(req), req.params.id, req.body) }),
  );

  r.post(
    '/import/jobs/:id/cancel',
    { schema: { tags, summary: '取消进行中的导入（已写入的内容全部撤销）', params: jobParams }, config: { auth: 'residents.import' } },
    async (req) => ({ data: await jobs.cancel(actorOf(req), req.params.id) }),
  );

  r.get(
    '/import/jobs/:id/problems',
    { schema: { tags, summary: '问题标注工作簿：原表，有问题的单元格标色并加批注，行末加“错误说明”列', params: jobParams }, config: { auth: 'residents.import' } },
    async (req, reply) => {
      const { file, fileName } = await jobs.problems(actorOf(req), req.params.id);
      return sendXlsx(reply, fs.createReadStream(file), fileName, 'import-problems.xlsx');
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
