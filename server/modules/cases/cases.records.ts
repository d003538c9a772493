import crypto from 'node:crypto';
import { and, count, desc, eq, sql, type SQL } from 'drizzle-orm';
import { ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES } from '../../../common/codes/case.codes';
import { FILE_TYPES } from '../../../common/codes/file-types';
import { ERROR_MESSAGES } from '../../../common/errors';
import { chinaToday } from '../../../common/dates';
import type { Page } from '../../../common/schemas/common.schema';
import type { CaseRecord, CaseRecordInput } from '../../../common/schemas/cases.schema';
import { caseRecordInput } from '../../../common/schemas/cases.schema';
import { parallel, type Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, fieldError, notFound } from '../../lib/errors';
import { safeFileName } from '../../lib/file-name';
import { sniffFileType } from '../../lib/file-type';
import { users } from '../users/users.table';
import { loadCase, loadCaseForWork, recordCaseEvent } from './cases.access';
import { presentRecord } from './cases.presenter';
import { isLateRecord, serviceEnd } from './cases.rules';
import { caseAttachments, caseFollowups, caseGoals, caseRecords, cases } from './cases.table';

/** Records with their goal's title, their author's name and their attachments, in one statement. */
async function recordsWhere(db: Db, where: SQL, page?: { limit: number; offset: number }): Promise<CaseRecord[]> {
  const q = db
    .select({
      r: caseRecords,
      goalTitle: caseGoals.title,
      createdByName: users.displayName,
      attachments: sql<CaseRecord['attachments']>`coalesce((select json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'mimeType', a.mime_type,
        'size', a.size) order by a.created_at) from ${caseAttachments} a where a.record_id = ${caseRecords.id}), '[]'::json)`,
    })
    .from(caseRecords)
    .leftJoin(caseGoals, eq(caseGoals.id, caseRecords.goalId))
    .leftJoin(users, eq(users.id, caseRecords.createdBy))
    .where(where)
    .orderBy(desc(caseRecords.serviceDate), desc(caseRecords.createdAt));
  const rows = page ? await q.limit(page.limit).offset(page.offset) : await q;
  return rows.map(({ r, goalTitle, createdByName, attachments }) => presentRecord(r, { goalTitle, createdByName, attachments }));
}

/** The records of a case, newest service first. */
export async function listRecords({ db, actor, id, page, pageSize, kind }: { db: Db; actor: Actor; id: string; page: number; pageSize: number; kind?: 'service' | 'followup' }): Promise<Page<CaseRecord>> {
  await loadCase({ db, actor, id });
  const where = and(eq(caseRecords.caseId, id), kind ? eq(caseRecords.kind, kind) : undefined)!;
  const [data, [{ total }]] = await parallel(db, [
    () => recordsWhere(db, where, { limit: pageSize, offset: (page - 1) * pageSize }),
    () => db.select({ total: count() }).from(caseRecords).where(where),
  ]);
  return { data, total };
}

/**
 * 介入 service record on an open case, or a 回访 record on a closed one (then `followupId` names the
 * follow-up it answers). Marked late when entered more than 24 h after the service (§7.2.3).
 */
export async function createRecord({ db, actor, id, input }: { db: Db; actor: Actor; id: string; input: CaseRecordInput }) {
  const v = caseRecordInput.parse(input);
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id, closedOk: !!v.followupId });
    if (!v.followupId && c.row.status === 'closed') throw new AppError('cases.not_open', 409, { status: c.row.status });
    if (v.serviceDate > chinaToday()) throw fieldError('serviceDate', 'future_date', '服务日期不能晚于今天');
    if (v.serviceDate < c.row.intakeDate) throw fieldError('serviceDate', 'invalid', '服务日期不能早于接案日期');
    if (v.goalId) {
      const [g] = await tx.select({ id: caseGoals.id }).from(caseGoals).where(and(eq(caseGoals.id, v.goalId), eq(caseGoals.caseId, id)));
      if (!g) throw fieldError('goalId', 'invalid', '请选择本个案计划中的目标');
    }
    let followup: typeof caseFollowups.$inferSelect | undefined;
    if (v.followupId) {
      [followup] = await tx.select().from(caseFollowups).where(and(eq(caseFollowups.id, v.followupId), eq(caseFollowups.caseId, id)));
      if (!followup) throw fieldError('followupId', 'invalid', '请选择本个案的回访');
      if (followup.doneAt) throw new AppError('cases.followup_done', 409);
    }
    const end = serviceEnd(v.serviceDate, v.endTime);
    const now = new Date();
    const [record] = await tx
      .insert(caseRecords)
      .values({
        caseId: id, kind: followup ? 'followup' : 'service', followupId: followup?.id ?? null, serviceDate: v.serviceDate, serviceEndAt: end, mode: v.mode,
        durationMinutes: v.durationMinutes, serviceArea: v.serviceArea, content: v.content, goalId: v.goalId ?? null, nextStep: v.nextStep ?? null,
        late: isLateRecord(end, now), createdBy: actor.userId,
      })
      .returning();
    if (followup) await tx.update(caseFollowups).set({ doneAt: now, recordId: record.id }).where(eq(caseFollowups.id, followup.id));
    await tx
      .update(cases)
      .set({ lastContactDate: sql`greatest(${cases.lastContactDate}, ${v.serviceDate}::date)` })
      .where(eq(cases.id, id));
    await recordCaseEvent({ db: tx, actor, c, action: followup ? 'cases.followup_record' : 'cases.record_create', detail: { serviceDate: v.serviceDate, late: record.late } });
    return (await recordsWhere(tx, eq(caseRecords.id, record.id)))[0];
  });
}

/**
 * A photo, scan or office document for a record. Its type is read from the content, not trusted
 * from the upload, and is the type stored and sent back; office files with macros are refused
 * (they are how documents carry malware).
 */
export async function addAttachment({ db, actor, id, recordId, fileName, content }: { db: Db; actor: Actor; id: string; recordId: string; fileName: string; content: Buffer }) {
  if (content.length > ATTACHMENT_MAX_BYTES) throw new AppError('cases.attachment_too_large', 413, [{ field: 'file', code: 'too_long', message: ERROR_MESSAGES['cases.attachment_too_large'].zh }]);
  const sniffed = sniffFileType(content, fileName);
  if (!sniffed || !(ATTACHMENT_KINDS as readonly string[]).includes(sniffed.kind)) {
    throw new AppError('cases.attachment_type', 415, [{ field: 'file', code: 'invalid', message: ERROR_MESSAGES['cases.attachment_type'].zh }]);
  }
  if (sniffed.macros) throw new AppError('cases.attachment_macros', 415, [{ field: 'file', code: 'invalid', message: ERROR_MESSAGES['cases.attachment_macros'].zh }]);
  const mimeType = FILE_TYPES[sniffed.kind].mime;
  return db.transaction(async (tx) => {
    const c = await loadCaseForWork({ db: tx, actor, id, closedOk: true });
    const [record] = await tx.select({ id: caseRecords.id }).from(caseRecords).where(and(eq(caseRecords.id, recordId), eq(caseRecords.caseId, id)));
    if (!record) throw notFound();
    const [a] = await tx
      .insert(caseAttachments)
      .values({ caseId: id, recordId, fileName: safeFileName(fileName, sniffed.kind), mimeType, size: content.length, sha256: crypto.createHash('sha256').update(content).digest('hex'), content, createdBy: actor.userId })
      .returning({ id: caseAttachments.id, fileName: caseAttachments.fileName, mimeType: caseAttachments.mimeType, size: caseAttachments.size });
    await recordCaseEvent({ db: tx, actor, c, action: 'cases.attachment_add', detail: { fileName: a.fileName, size: a.size } });
    return a;
  });
}

export async function getAttachment({ db, actor, id, attachmentId }: { db: Db; actor: Actor; id: string; attachmentId: string }) {
  await loadCase({ db, actor, id });
  const [a] = await db.select().from(caseAttachments).where(and(eq(caseAttachments.id, attachmentId), eq(caseAttachments.caseId, id)));
  if (!a) throw notFound();
  return a;
}

