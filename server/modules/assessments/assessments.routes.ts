import { assessmentCreateInput, assessmentParams } from '../../../common/schemas/assessments.schema';
import { idParams } from '../../../common/schemas/common.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { planBasis } from './assessments.plan-basis';
import { createCaseAssessment, getCaseAssessment, getInstrument, listCaseAssessments, listInstruments } from './assessments.service';

/** 预估: the instruments (data, versioned) and the assessments of a case. Registered under `/api`. */
export const assessmentsRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['assessments'];

  r.get('/instruments', { schema: { tags }, config: { auth: 'cases.read' } }, async () => listInstruments({ db }));
  r.get('/instruments/:id', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) => getInstrument({ db, id: req.params.id }));

  r.get('/cases/:id/assessments', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    listCaseAssessments({ db, actor: actorOf(req), caseId: req.params.id }),
  );
  r.post('/cases/:id/assessments', { schema: { tags, params: idParams, body: assessmentCreateInput }, config: { auth: 'cases.write' } }, async (req, reply) => {
    reply.status(201);
    return createCaseAssessment({ db, actor: actorOf(req), caseId: req.params.id, input: req.body });
  });
  // What a new plan starts from: the latest assessment's problem list and summary.
  r.get('/cases/:id/plan-basis', { schema: { tags, params: idParams }, config: { auth: 'cases.read' } }, async (req) =>
    planBasis({ db, actor: actorOf(req), caseId: req.params.id }),
  );
  r.get('/cases/:id/assessments/:assessmentId', { schema: { tags, params: assessmentParams }, config: { auth: 'cases.read' } }, async (req) =>
    getCaseAssessment({ db, actor: actorOf(req), caseId: req.params.id, assessmentId: req.params.assessmentId }),
  );
};
