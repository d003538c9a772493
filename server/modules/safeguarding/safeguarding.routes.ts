import { z } from 'zod';
import { idParams, uuid } from '../../../common/schemas/common.schema';
import { mandatoryReportDismissInput, mandatoryReportFlagInput, mandatoryReportRecordInput, protectiveOrderInput, restrictedDetailsInput } from '../../../common/schemas/safeguarding.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { dismissReport, flagReport, listReports, recordReport } from './safeguarding.reports';
import { createOrder, getRestrictedDetails, listOrders, updateRestrictedDetails } from './safeguarding.service';

/** 强制报告, 告诫书/保护令 and the fields of 社区矫正 / 社区戒毒(康复) cases, under /api/cases/:id. */
export const safeguardingRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['safeguarding'];

  r.get('/cases/:id/mandatory-reports', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    listReports({ db, actor: actorOf(req), caseId: req.params.id }),
  );
  r.post('/cases/:id/mandatory-reports', { schema: { tags, params: idParams, body: mandatoryReportFlagInput }, config: { auth: 'cases.write' } }, async (req, reply) => {
    reply.status(201);
    return flagReport({ db, actor: actorOf(req), caseId: req.params.id, input: req.body });
  });
  r.post(
    '/cases/:id/mandatory-reports/:reportId/record',
    { schema: { tags, params: z.object({ id: uuid, reportId: uuid }), body: mandatoryReportRecordInput }, config: { auth: 'cases.write' } },
    async (req) => recordReport({ db, actor: actorOf(req), caseId: req.params.id, reportId: req.params.reportId, input: req.body }),
  );
  r.post(
    '/cases/:id/mandatory-reports/:reportId/dismiss',
    { schema: { tags, params: z.object({ id: uuid, reportId: uuid }), body: mandatoryReportDismissInput }, config: { auth: 'cases.write' } },
    async (req) => dismissReport({ db, actor: actorOf(req), caseId: req.params.id, reportId: req.params.reportId, input: req.body }),
  );

  r.get('/cases/:id/orders', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    listOrders({ db, actor: actorOf(req), caseId: req.params.id }),
  );
  r.post('/cases/:id/orders', { schema: { tags, params: idParams, body: protectiveOrderInput }, config: { auth: 'cases.write' } }, async (req, reply) => {
    reply.status(201);
    return createOrder({ db, actor: actorOf(req), caseId: req.params.id, input: req.body });
  });

  r.get('/cases/:id/restricted-details', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    getRestrictedDetails({ db, actor: actorOf(req), caseId: req.params.id }),
  );
  const update = { schema: { tags, params: idParams, body: restrictedDetailsInput }, config: { auth: 'cases.write' as const } };
  r.put('/cases/:id/restricted-details', update, async (req) => updateRestrictedDetails({ db, actor: actorOf(req), caseId: req.params.id, input: req.body }));
};
