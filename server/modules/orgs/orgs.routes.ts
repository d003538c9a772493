import { idParams } from '../../../common/schemas/common.schema';
import { orgCreateInput, orgUpdateInput } from '../../../common/schemas/orgs.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { archiveOrg, createOrg, listOrgs, updateOrg } from './orgs.service';

export const orgsRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['orgs'];

  r.get('/', { schema: { tags }, config: { auth: 'orgs.read' } }, async (req) => {
    const data = await listOrgs({ db, actor: actorOf(req) });
    return { data, total: data.length };
  });

  r.post('/', { schema: { tags, body: orgCreateInput }, config: { auth: 'orgs.manage' } }, async (req, reply) => {
    reply.status(201);
    return { data: await createOrg({ db, actor: actorOf(req), input: req.body }) };
  });

  r.patch('/:id', { schema: { tags, params: idParams, body: orgUpdateInput }, config: { auth: 'orgs.manage' } }, async (req) => {
    return { data: await updateOrg({ db, actor: actorOf(req), id: req.params.id, input: req.body }) };
  });

  r.post('/:id/archive', { schema: { tags, params: idParams }, config: { auth: 'orgs.manage' } }, async (req) => {
    return { data: await archiveOrg({ db, actor: actorOf(req), id: req.params.id }) };
  });
};
