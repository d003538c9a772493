import { z } from 'zod';
import { idParams } from '../../../common/schemas/common.schema';
import { archiveInput, residentCreateInput, residentListQuery, residentUpdateInput, restoreInput, revealInput } from '../../../common/schemas/residents.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { registerResidentExcelRoutes } from './residents.excel.routes';
import {
  archiveResident, checkDuplicates, createResident, getResident, listResidents, residentHistory, restoreResident, revealField, updateResident,
} from './residents.service';

const duplicateCheckInput = z
  .object({ name: z.string().trim().max(50).optional(), idNumber: z.string().trim().max(40).optional(), birthDate: z.iso.date().optional(), exceptId: z.uuid().optional() })
  .strict();

export const residentsRoutes: RoutesPlugin = async (app, deps) => {
  const { db } = deps;
  const r = zodApp(app);
  const tags = ['residents'];

  r.get('/', { schema: { tags, querystring: residentListQuery }, config: { auth: 'residents.read' } }, async (req) =>
    listResidents({ db, actor: actorOf(req), query: req.query }),
  );

  r.post('/', { schema: { tags, body: residentCreateInput }, config: { auth: 'residents.write' } }, async (req, reply) => {
    reply.status(201);
    return createResident({ db, actor: actorOf(req), input: req.body });
  });

  // POST, not GET: an ID number must not travel in a URL (ASVS 14.2.1).
  r.post('/check-duplicates', { schema: { tags, body: duplicateCheckInput }, config: { auth: 'residents.write' } }, async (req) => ({
    data: await checkDuplicates({ db, actor: actorOf(req), ...req.body }),
  }));

  registerResidentExcelRoutes(r, deps);

  r.get('/:id', { schema: { tags, params: idParams }, config: { auth: 'residents.read' } }, async (req) =>
    getResident({ db, actor: actorOf(req), id: req.params.id }),
  );

  r.patch('/:id', { schema: { tags, params: idParams, body: residentUpdateInput }, config: { auth: 'residents.write' } }, async (req) =>
    updateResident({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );

  r.post('/:id/reveal', { schema: { tags, params: idParams, body: revealInput }, config: { auth: 'residents.reveal' } }, async (req) => ({
    data: await revealField({ db, actor: actorOf(req), id: req.params.id, field: req.body.field }),
  }));

  r.post('/:id/archive', { schema: { tags, params: idParams, body: archiveInput }, config: { auth: 'residents.write' } }, async (req) =>
    archiveResident({ db, actor: actorOf(req), id: req.params.id, ...req.body }),
  );

  r.post('/:id/restore', { schema: { tags, params: idParams, body: restoreInput }, config: { auth: 'residents.write' } }, async (req) =>
    restoreResident({ db, actor: actorOf(req), id: req.params.id, ...req.body }),
  );

  r.get('/:id/history', { schema: { tags, params: idParams }, config: { auth: 'residents.read' } }, async (req) => {
    const data = await residentHistory({ db, actor: actorOf(req), id: req.params.id });
    return { data, total: data.length };
  });
};
