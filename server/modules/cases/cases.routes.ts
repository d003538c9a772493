import { z } from 'zod';
import { ATTACHMENT_MAX_BYTES } from '../../../common/codes/case.codes';
import { idParams, uuid } from '../../../common/schemas/common.schema';
import {
  caseDecisionInput, caseEndInput, caseIntakeInput, caseListQuery, caseNoteInput, casePlanInput, caseReasonInput, caseRecordInput, caseRecordListQuery, caseUpdateInput, caseWorkersQuery,
  closureRequestInput, closureReviewInput, followupInput, planReviewInput, taskStatusInput, teamMemberInput, transferInput,
} from '../../../common/schemas/cases.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { contentDisposition } from '../../lib/file-name';
import { readFileForm } from '../../lib/upload';
import { addFollowup, reopenCase, requestClosure, reviewClosure } from './cases.closure';
import { reviewPlan, savePlan, setTaskStatus, submitPlan } from './cases.plan';
import { listPlanVersions } from './cases.plan-history';
import { addAttachment, createRecord, getAttachment, listRecords } from './cases.records';
import { decideCase, endCase, getCase, intakeCase, listCaseEvents, listCases, startPlanning, updateCase } from './cases.service';
import { caseStats } from './cases.stats';
import { listWorkers } from './cases.members';
import { addTeamMember, removeTeamMember, transferCase } from './cases.team';

const sub = (name: string) => z.object({ id: uuid, [name]: uuid });

export const casesRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['cases'];
  const read = { auth: 'cases.read' } as const;
  const write = { auth: 'cases.write' } as const;

  r.get('/', { schema: { tags, querystring: caseListQuery }, config: read }, async (req) => listCases({ db, actor: actorOf(req), query: req.query }));
  r.post('/', { schema: { tags, body: caseIntakeInput }, config: write }, async (req, reply) => {
    reply.status(201);
    return intakeCase({ db, actor: actorOf(req), input: req.body });
  });
  r.get('/workers', { schema: { tags, querystring: caseWorkersQuery }, config: read }, async (req) =>
    listWorkers({ db, actor: actorOf(req), communityId: req.query.communityId, teamRole: req.query.teamRole, restricted: req.query.restricted === 'true' }),
  );
  r.get('/stats', { schema: { tags, querystring: z.object({ scope: z.enum(['mine', 'team', 'all']).default('all') }).strict() }, config: read }, async (req) =>
    caseStats({ db, actor: actorOf(req), scope: req.query.scope }),
  );
  r.get('/:id', { schema: { tags, params: idParams }, config: read }, async (req) => getCase({ db, actor: actorOf(req), id: req.params.id }));
  r.patch('/:id', { schema: { tags, params: idParams, body: caseUpdateInput }, config: write }, async (req) =>
    updateCase({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  r.get('/:id/events', { schema: { tags, params: idParams }, config: read }, async (req) => listCaseEvents({ db, actor: actorOf(req), id: req.params.id }));

  // Stages: 接案 → 预估 → 计划 → 介入 → 评估 → 结案 (cases.rules.ts TRANSITIONS).
  r.post('/:id/decide', { schema: { tags, params: idParams, body: caseDecisionInput }, config: write }, async (req) =>
    decideCase({ db, actor: actorOf(req), id: req.params.id, ...req.body }),
  );
  r.post('/:id/end', { schema: { tags, params: idParams, body: caseEndInput }, config: write }, async (req) =>
    endCase({ db, actor: actorOf(req), id: req.params.id, ...req.body }),
  );
  r.post('/:id/start-planning', { schema: { tags, params: idParams, body: caseNoteInput }, config: write }, async (req) =>
    startPlanning({ db, actor: actorOf(req), id: req.params.id, note: req.body.note }),
  );
  r.put('/:id/plan', { schema: { tags, params: idParams, body: casePlanInput }, config: write }, async (req) => ({
    data: await savePlan({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  }));
  r.get('/:id/plans', { schema: { tags, params: idParams }, config: read }, async (req) => listPlanVersions({ db, actor: actorOf(req), id: req.params.id }));
  r.post('/:id/submit-plan', { schema: { tags, params: idParams }, config: write }, async (req) => ({ data: await submitPlan({ db, actor: actorOf(req), id: req.params.id }) }));
  r.post('/:id/review-plan', { schema: { tags, params: idParams, body: planReviewInput }, config: { auth: 'cases.approve' } }, async (req) => ({
    data: await reviewPlan({ db, actor: actorOf(req), id: req.params.id, ...req.body }),
  }));
  r.post('/:id/tasks/:taskId/status', { schema: { tags, params: sub('taskId'), body: taskStatusInput }, config: write }, async (req) => ({
    data: await setTaskStatus({ db, actor: actorOf(req), id: req.params.id, taskId: req.params.taskId as string, status: req.body.status }),
  }));
  r.post('/:id/request-closure', { schema: { tags, params: idParams, body: closureRequestInput }, config: write }, async (req) =>
    requestClosure({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  );
  r.post('/:id/review-closure', { schema: { tags, params: idParams, body: closureReviewInput }, config: { auth: 'cases.approve' } }, async (req) =>
    reviewClosure({ db, actor: actorOf(req), id: req.params.id, ...req.body }),
  );
  r.post('/:id/reopen', { schema: { tags, params: idParams, body: caseReasonInput }, config: write }, async (req) =>
    reopenCase({ db, actor: actorOf(req), id: req.params.id, reason: req.body.reason }),
  );
  r.post('/:id/followups', { schema: { tags, params: idParams, body: followupInput }, config: write }, async (req, reply) => {
    reply.status(201);
    return addFollowup({ db, actor: actorOf(req), id: req.params.id, ...req.body });
  });

  // Records (介入) and their attachments.
  r.get('/:id/records', { schema: { tags, params: idParams, querystring: caseRecordListQuery }, config: read }, async (req) =>
    listRecords({ db, actor: actorOf(req), id: req.params.id, ...req.query }),
  );
  r.post('/:id/records', { schema: { tags, params: idParams, body: caseRecordInput }, config: write }, async (req, reply) => {
    reply.status(201);
    return { data: await createRecord({ db, actor: actorOf(req), id: req.params.id, input: req.body }) };
  });
  r.post('/:id/records/:recordId/attachments', { schema: { tags, params: sub('recordId'), consumes: ['multipart/form-data'] }, config: write }, async (req, reply) => {
    const { fileName, content } = await readFileForm(req, { file: 'file', maxBytes: ATTACHMENT_MAX_BYTES, tooLarge: 'cases.attachment_too_large', missing: 'validation.failed' });
    reply.status(201);
    return { data: await addAttachment({ db, actor: actorOf(req), id: req.params.id, recordId: req.params.recordId as string, fileName, content }) };
  });
  r.get('/:id/attachments/:attachmentId', { schema: { tags, params: sub('attachmentId') }, config: read }, async (req, reply) => {
    const a = await getAttachment({ db, actor: actorOf(req), id: req.params.id, attachmentId: req.params.attachmentId as string });
    return reply.type(a.mimeType).header('content-disposition', contentDisposition(a.fileName)).send(a.content);
  });

  // Team (§4.4) and transfer.
  r.post('/:id/team', { schema: { tags, params: idParams, body: teamMemberInput }, config: write }, async (req, reply) => {
    reply.status(201);
    return addTeamMember({ db, actor: actorOf(req), id: req.params.id, input: req.body });
  });
  r.delete('/:id/team/:memberId', { schema: { tags, params: sub('memberId') }, config: write }, async (req) =>
    removeTeamMember({ db, actor: actorOf(req), id: req.params.id, memberId: req.params.memberId as string }),
  );
  r.post('/:id/transfer', { schema: { tags, params: idParams, body: transferInput }, config: write }, async (req) =>
    transferCase({ db, actor: actorOf(req), id: req.params.id, ...req.body }),
  );
};
