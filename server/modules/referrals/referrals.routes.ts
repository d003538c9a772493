import { idParams } from '../../../common/schemas/common.schema';
import {
  incomingReferralInput, referralAnswerInput, referralCompleteInput, referralCreateInput, referralDeclineInput, referralLinkCaseInput, referralListQuery,
  resourceCreateInput, resourceListQuery, resourceUpdateInput,
} from '../../../common/schemas/referrals.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import {
  actOnReferral, createReferral, getReferral, linkResultCase, listCaseReferrals, listReferrals, recordIncomingReferral, referralTargets,
} from './referrals.service';
import { archiveResource, createResource, getResource, listResources, updateResource } from './resources.service';

/** 转介 (`/api/cases/:id/referrals`, `/api/referrals…`) and the 资源目录 (`/api/resources…`), under the `/api` prefix. */
export const referralsRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['referrals'];

  r.get('/cases/:id/referrals', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    listCaseReferrals({ db, actor: actorOf(req), caseId: req.params.id }),
  );
  r.post('/cases/:id/referrals', { schema: { tags, params: idParams, body: referralCreateInput }, config: { auth: 'cases.write' } }, async (req, reply) => {
    reply.status(201);
    return createReferral({ db, actor: actorOf(req), caseId: req.params.id, input: req.body });
  });

  r.get('/referrals', { schema: { tags, querystring: referralListQuery }, config: { auth: 'cases.read' } }, async (req) =>
    listReferrals({ db, actor: actorOf(req), query: req.query }),
  );
  r.get('/referrals/targets', { schema: { tags }, config: { auth: 'cases.read' } }, async (req) => {
    const data = await referralTargets({ db, actor: actorOf(req) });
    return { data, total: data.length };
  });
  r.post('/referrals/incoming', { schema: { tags, body: incomingReferralInput }, config: { auth: 'cases.write' } }, async (req, reply) => {
    reply.status(201);
    return recordIncomingReferral({ db, actor: actorOf(req), input: req.body });
  });
  r.get('/referrals/:id', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    getReferral({ db, actor: actorOf(req), id: req.params.id }),
  );
  r.post('/referrals/:id/accept', { schema: { tags, params: idParams, body: referralAnswerInput }, config: { auth: 'cases.write' } }, async (req) =>
    actOnReferral({ db, actor: actorOf(req), id: req.params.id, action: 'accept', ...req.body }),
  );
  r.post('/referrals/:id/decline', { schema: { tags, params: idParams, body: referralDeclineInput }, config: { auth: 'cases.write' } }, async (req) =>
    actOnReferral({ db, actor: actorOf(req), id: req.params.id, action: 'decline', ...req.body }),
  );
  r.post('/referrals/:id/complete', { schema: { tags, params: idParams, body: referralCompleteInput }, config: { auth: 'cases.write' } }, async (req) =>
    actOnReferral({ db, actor: actorOf(req), id: req.params.id, action: 'complete', ...req.body }),
  );
  r.post('/referrals/:id/cancel', { schema: { tags, params: idParams, body: referralAnswerInput }, config: { auth: 'cases.write' } }, async (req) =>
    actOnReferral({ db, actor: actorOf(req), id: req.params.id, action: 'cancel', ...req.body }),
  );
  r.post('/referrals/:id/result-case', { schema: { tags, params: idParams, body: referralLinkCaseInput }, config: { auth: 'cases.write' } }, async (req) =>
    linkResultCase({ db, actor: actorOf(req), id: req.params.id, caseId: req.body.caseId }),
  );

  const rtags = ['resources'];
  r.get('/resources', { schema: { tags: rtags, querystring: resourceListQuery }, config: { auth: 'cases.read' } }, async (req) =>
    listResources({ db, actor: actorOf(req), query: req.query }),
  );
  r.post('/resources', { schema: { tags: rtags, body: resourceCreateInput }, config: { auth: 'resources.manage' } }, async (req, reply) => {
    reply.status(201);
    return createResource({ db, actor: actorOf(req), input: req.body });
  });
  r.get('/resources/:id', { schema: { tags: rtags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    getResource({ db, actor: actorOf(req), id: req.params.id }),
  );
  r.patch('/resources/:id', { schema: { tags: rtags, params: idParams, body: resourceUpdateInput }, config: { auth: 'resources.manage' } }, async (req) =>
    updateResource({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  r.post('/resources/:id/archive', { schema: { tags: rtags, params: idParams }, config: { auth: 'resources.manage' } }, async (req) =>
    archiveResource({ db, actor: actorOf(req), id: req.params.id }),
  );
};
