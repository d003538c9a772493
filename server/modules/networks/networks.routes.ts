import { z } from 'zod';
import { idParams, uuid } from '../../../common/schemas/common.schema';
import { ecomapInput } from '../../../common/schemas/networks.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { createEcomap, getEcomap, listEcomaps } from './networks.service';

/** 支持网络 snapshots of a case (`/api/cases/:id/ecomaps`), under the `/api` prefix. */
export const networksRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['networks'];

  r.get('/cases/:id/ecomaps', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    listEcomaps({ db, actor: actorOf(req), caseId: req.params.id }),
  );
  r.post('/cases/:id/ecomaps', { schema: { tags, params: idParams, body: ecomapInput }, config: { auth: 'cases.write' } }, async (req, reply) => {
    reply.status(201);
    return createEcomap({ db, actor: actorOf(req), caseId: req.params.id, input: req.body });
  });
  r.get(
    '/cases/:id/ecomaps/:ecomapId',
    { schema: { tags, params: z.object({ id: uuid, ecomapId: uuid }) }, config: { auth: 'cases.read' } },
    async (req) => getEcomap({ db, actor: actorOf(req), caseId: req.params.id, ecomapId: req.params.ecomapId }),
  );
};
