import { z } from 'zod';
import { idParams, uuid } from '../../../common/schemas/common.schema';
import { addressProposalQuery, fromAddressesInput, householdCreateInput, householdListQuery, householdUpdateInput, memberInput } from '../../../common/schemas/households.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { createFromAddresses, proposeHouseholds } from './households.address';
import { addMember, archiveHousehold, createHousehold, getHousehold, listHouseholds, removeMember, updateHousehold } from './households.service';

export const householdsRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['households'];

  r.get('/', { schema: { tags, querystring: householdListQuery }, config: { auth: 'households.read' } }, async (req) =>
    listHouseholds({ db, actor: actorOf(req), query: req.query }),
  );
  r.post('/', { schema: { tags, body: householdCreateInput }, config: { auth: 'households.write' } }, async (req, reply) => {
    reply.status(201);
    return createHousehold({ db, actor: actorOf(req), input: req.body });
  });
  r.get('/address-proposals', { schema: { tags, querystring: addressProposalQuery }, config: { auth: 'households.write' } }, async (req) =>
    proposeHouseholds({ db, actor: actorOf(req), query: req.query }),
  );
  r.post('/from-addresses', { schema: { tags, body: fromAddressesInput }, config: { auth: 'households.write' } }, async (req, reply) => {
    reply.status(201);
    return { data: await createFromAddresses({ db, actor: actorOf(req), input: req.body }) };
  });
  r.get('/:id', { schema: { tags, params: idParams }, config: { auth: 'households.read' } }, async (req) =>
    getHousehold({ db, actor: actorOf(req), id: req.params.id }),
  );
  r.patch('/:id', { schema: { tags, params: idParams, body: householdUpdateInput }, config: { auth: 'households.write' } }, async (req) =>
    updateHousehold({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  r.post('/:id/members', { schema: { tags, params: idParams, body: memberInput }, config: { auth: 'households.write' } }, async (req) =>
    addMember({ db, actor: actorOf(req), id: req.params.id, ...req.body }),
  );
  r.delete(
    '/:id/members/:residentId',
    { schema: { tags, params: z.object({ id: uuid, residentId: uuid }) }, config: { auth: 'households.write' } },
    async (req) => removeMember({ db, actor: actorOf(req), id: req.params.id, residentId: req.params.residentId }),
  );
  r.post('/:id/archive', { schema: { tags, params: idParams }, config: { auth: 'households.write' } }, async (req) =>
    archiveHousehold({ db, actor: actorOf(req), id: req.params.id }),
  );
};
