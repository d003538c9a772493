// Import jobs: an upload becomes a job that runs beside the requests (parsing in a worker thread,
// database work in batches), reports its progress for the page to poll, can be cancelled, and
// leaves a report and a problem workbook. One job per user at a time.
import fs from 'node:fs';
import path from 'node:path';
import { and, desc, eq, inArray, isNull, lt, ne, sql } from 'drizzle-orm';
import type { FastifyBaseLogger, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { FIELD_MESSAGES } from '../../../common/errors';
import { IMPORT_MODES, type ImportJob, type ImportMode, type ImportReport } from '../../../common/schemas/residents-import.schema';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError, notFound } from '../../lib/errors';
import { readFileFormToDisk } from '../../lib/upload';
import { writeAudit } from '../audit/audit.service';
import { orgUnits } from '../orgs/orgs.table';
import { IMPORT_LIMITS, type ImportLimits } from './residents.excel';
import { invalidFile } from './residents.excel.reader';
import { ImportCheck, ImportTally, ImportWrite } from './residents.import';
import type { ParsedRow, SheetColumns } from './residents.import.rows';
import { runInWorker, runToEnd } from './residents.import.thread';
import { residentImportJobs } from './residents.table';

type JobRow = typeof residentImportJobs.$inferSelect;
type Progress = Pick<JobRow, 'phase' | 'readPercent' | 'rowsRead' | 'rowsChecked' | 'rowsWritten' | 'rowsToWrite' | 'errorsSoFar'>;

/** A running job writes its progress (and so its heartbeat) at least this often. */
const HEARTBEAT_MS = 1000;
/** A running job not heard of for this long died with its process (a restart). */
const STALE_MS = 30_000;
/** Uploads and finished jobs are kept this long (PIPL 第19条: no longer than needed). */
const KEEP_MS = 24 * 3600_000;

const XLSX_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

class Cancelled extends Error {}
class RolledBack extends Error {}

const modeField = z.enum(IMPORT_MODES, { error: 'invalid_option' }).default('validate');
const communityField = z.uuid({ error: 'invalid' }).nullish();

/** The caller's communities, name → id (the 社区 column and the template's dropdown). */
export async function actorCommunities(db: Db, actor: Actor): Promise<{ id: string; name: string }[]> {
  if (!actor.communityIds.length) return [];
  return db
    .select({ id: orgUnits.id, name: orgUnits.name })
    .from(orgUnits)
    .where(and(inArray(orgUnits.id, actor.communityIds), isNull(orgUnits.archivedAt)))
    .orderBy(orgUnits.code, orgUnits.name);
}

const isStale = (j: JobRow, now = Date.now()) => j.status === 'running' && now - j.updatedAt.getTime() > STALE_MS;

/** The resident import jobs of one app: the running ones are tracked so that the app can stop them on close. */
export function createImportJobs({ db, dataDir, log, limits = IMPORT_LIMITS }: { db: Db; dataDir: string; log: FastifyBaseLogger; limits?: ImportLimits }) {
  const dir = path.join(dataDir, 'imports');
  const running = new Map<string, { cancel: () => void; done: Promise<void> }>();
  const uploadPath = (uploadId: string) => path.join(dir, `${uploadId}.xlsx`);
  const issuesPath = (jobId: string) => path.join(dir, `${jobId}.issues.json`);
  const markedPath = (jobId: string) => path.join(dir, `${jobId}.problems.xlsx`);
  const remove = (file: string) => fs.promises.rm(file, { force: true });

  function present(j: JobRow): ImportJob {
    const stale = isStale(j);
    return {
      id: j.id, fileName: j.fileName, mode: j.mode as ImportMode, communityId: j.communityId,
      status: stale ? 'failed' : (j.status as ImportJob['status']), phase: j.phase as ImportJob['phase'], readPercent: j.readPercent,
      rowsRead: j.rowsRead, rowsChecked: j.rowsChecked, rowsWritten: j.rowsWritten, rowsToWrite: j.rowsToWrite, errorsSoFar: j.errorsSoFar,
      createdAt: j.createdAt.toISOString(), finishedAt: j.finishedAt?.toISOString() ?? null,
      report: (j.report as ImportReport | null) ?? null,
      failure: stale ? { code: 'residents.import_interrupted', message: '' } : ((j.failure as ImportJob['failure']) ?? null),
      fileKept: fs.existsSync(uploadPath(j.uploadId)),
    };
  }

  async function own(actor: Actor, id: string): Promise<JobRow> {
    const [j] = z.uuid().safeParse(id).success
      ? await db.select().from(residentImportJobs).where(and(eq(residentImportJobs.id, id), eq(residentImportJobs.userId, actor.userId)))
      : [];
    if (!j) throw notFound();
    return j;
  }

  /** Forgets what is older than a day: job rows, and the uploads and problem files on disk. */
  async function sweep() {
    const old = await db
      .delete(residentImportJobs)
      .where(and(lt(residentImportJobs.createdAt, new Date(Date.now() - KEEP_MS)), ne(residentImportJobs.status, 'running')))
      .returning({ id: residentImportJobs.id, uploadId: residentImportJobs.uploadId });
    await Promise.all(old.flatMap((j) => [remove(uploadPath(j.uploadId)), remove(issuesPath(j.id)), remove(markedPath(j.id))]));
    const files = await fs.promises.readdir(dir).catch(() => [] as string[]);
    for (const f of files) {
      const stat = await fs.promises.stat(path.join(dir, f)).catch(() => null);
      if (stat && Date.now() - stat.mtimeMs > KEEP_MS) await remove(path.join(dir, f));
    }
  }

  /** Refuses a second job while one runs; a job whose process died is marked interrupted first. */
  async function assertNoneRunning(tx: Db, actor: Actor) {
    const jobs = await tx.select().from(residentImportJobs).where(and(eq(residentImportJobs.userId, actor.userId), eq(residentImportJobs.status, 'running')));
    for (const j of jobs) {
      if (!isStale(j)) throw new AppError('residents.import_running', 409, { jobId: j.id });
      await tx
        .update(residentImportJobs)
        .set({ status: 'failed', phase: 'finished', failure: { code: 'residents.import_interrupted', message: '' }, finishedAt: new Date() })
        .where(eq(residentImportJobs.id, j.id));
    }
  }

  /**
   * Streams the multipart upload to disk (never whole in memory), with its size limit; answers the
   * file and the `mode` and `communityId` fields, in whatever order the form sent them.
   */
  async function receive(req: FastifyRequest, actor: Actor) {
    if (!req.isMultipart()) throw invalidFile('请以 multipart/form-data 上传一个 .xlsx 文件。');
    await db.transaction((tx) => assertNoneRunning(tx, actor));
    await fs.promises.mkdir(dir, { recursive: true, mode: 0o700 });
    const uploadId = crypto.randomUUID();
    const target = uploadPath(uploadId);
    try {
      const form = await readFileFormToDisk(
        req,
        { file: 'file', maxBytes: limits.uploadBytes, tooLarge: 'residents.import_too_large', missing: 'residents.import_invalid_file', fields: ['mode', 'communityId'] },
        target,
      ).catch((e: unknown) => {
        // The route's own 413, which names the limit.
        if (e instanceof AppError && e.status === 413) throw uploadTooLarge();
        throw e;
      });
      const { fields } = form;
      const fileName = form.fileName.slice(0, 200) || 'upload.xlsx';
      const mode = modeField.safeParse(fields.mode || undefined);
      if (!mode.success) throw new AppError('validation.failed', 400, [{ field: 'mode', code: 'invalid_option', message: FIELD_MESSAGES.invalid_option.zh }]);
      const community = communityField.safeParse(fields.communityId || null);
      if (!community.success) throw new AppError('validation.failed', 400, [{ field: 'communityId', code: 'invalid', message: FIELD_MESSAGES.invalid.zh }]);
      await checkMagic(target);
      return { uploadId, fileName, mode: mode.data, communityId: community.data ?? null };
    } catch (e) {
      await remove(target);
      throw e;
    }
  }

  /** 413: the upload itself is over the limit (a truncated file is never kept). */
  const uploadTooLarge = () =>
    new AppError('residents.import_too_large', 413, [{ code: 'residents.import_too_large', message: `文件超过 ${Math.round(limits.uploadBytes / 1024 / 1024)} MB，请拆分后再导入。` }]);

  /** An .xlsx is a zip: anything else (a CSV, an old .xls) is refused at once. */
  async function checkMagic(file: string) {
    const head = Buffer.alloc(4);
    const fh = await fs.promises.open(file, 'r');
    const { bytesRead } = await fh.read(head, 0, 4, 0).finally(() => fh.close());
    if (bytesRead === 4 && head.equals(XLSX_MAGIC)) return;
    throw invalidFile(bytesRead === 4 && head.readUInt32BE(0) === 0xd0cf11e0
      ? '这是旧版 .xls 文件（或加了密码的文件），请在 Excel 中“另存为” .xlsx 后再导入。'
      : '文件不是 Excel（.xlsx）格式，请使用下载的模板。');
  }

  /** Records a job and starts it in the background; answers it as the page shows it. */
  async function start({ actor, uploadId, fileName, mode, communityId }: { actor: Actor; uploadId: string; fileName: string; mode: ImportMode; communityId: string | null }) {
    if (communityId && !actor.communityIds.includes(communityId)) {
      throw new AppError('validation.failed', 400, [{ field: 'communityId', code: 'residents.not_in_scope_community', message: '只能在您负责的社区中登记居民' }]);
    }
    const job = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('residents.import'), hashtext(${actor.userId}))`);
      await assertNoneRunning(tx, actor);
      const [row] = await tx.insert(residentImportJobs).values({ userId: actor.userId, uploadId, fileName, mode, communityId }).returning();
      return row;
    });
    let cancelled = false;
    const done = run(job, actor, () => cancelled)
      .catch((err: unknown) => log.error({ err, jobId: job.id }, 'resident import could not record its end'))
      .finally(() => running.delete(job.id));
    running.set(job.id, { cancel: () => (cancelled = true), done });
    return present(job);
  }

  /** Reads the upload in the worker, handing each batch of parsed rows to `each`. */
  async function readRows(job: JobRow, ctx: { communities: [string, string][]; defaultCommunityId: string | null; restrictedCommunityIds: string[] }, each: {
    sheet: (ev: { sheetName: string; headerRow: number; columns: SheetColumns; warnings: ParsedRow['warnings'] }) => Promise<void> | void;
    rows: (rows: ParsedRow[], read: number) => Promise<void>;
  }) {
    for await (const ev of runInWorker({ kind: 'read', file: uploadPath(job.uploadId), limits, ctx })) {
      if (ev.type === 'sheet') await each.sheet({ ...ev, columns: new Map(ev.columns) });
      else await each.rows(ev.rows, ev.read);
    }
  }

  /** The job itself: the check (first pass), then for all / valid_only the writes (second pass). */
  async function run(job: JobRow, actor: Actor, isCancelled: () => boolean): Promise<void> {
    const progress: Progress = { phase: 'checking', readPercent: 0, rowsRead: 0, rowsChecked: 0, rowsWritten: 0, rowsToWrite: 0, errorsSoFar: 0 };
    const save = (extra: Partial<JobRow> = {}) =>
      db.update(residentImportJobs).set({ ...progress, ...extra, updatedAt: new Date() }).where(eq(residentImportJobs.id, job.id));
    const heartbeat = setInterval(() => void save().catch(() => {}), HEARTBEAT_MS);
    const stop = () => {
      if (isCancelled()) throw new Cancelled();
    };
    const tally = new ImportTally();
    let sheet: { sheetName: string; headerRow: number } | null = null;
    try {
      const communities = await actorCommunities(db, actor);
      const ctx = {
        communities: communities.map((c) => [c.name, c.id] as [string, string]),
        // One community: it is the file's, whether or not the sheet says so.
        defaultCommunityId: job.communityId ?? (communities.length === 1 ? communities[0].id : null),
        restrictedCommunityIds: actor.restrictedCommunityIds,
      };
      const read: { columns: SheetColumns; check?: ImportCheck } = { columns: new Map() };
      await readRows(job, ctx, {
        sheet: (ev) => {
          sheet = { sheetName: ev.sheetName, headerRow: ev.headerRow };
          read.columns = ev.columns;
          ev.warnings.forEach((w) => tally.warn(w));
          read.check = new ImportCheck(db, actor, ev.columns, tally);
        },
        rows: async (rows, fraction) => {
          stop();
          progress.rowsRead += rows.length;
          progress.readPercent = Math.floor(fraction * 100);
          await read.check!.batch(rows);
          progress.rowsChecked += rows.length;
          progress.errorsSoFar = tally.errors.length;
        },
      });
      const households = await read.check!.finish();
      progress.errorsSoFar = tally.errors.length;
      const checked = tally.errors.length;
      if (job.mode === 'validate' || (job.mode === 'all' && checked > 0)) {
        await finish({ status: 'done', report: tally.report(false) });
        return;
      }

      stop();
      progress.phase = 'writing';
      progress.rowsToWrite = tally.toWrite;
      await save();
      await db.transaction(async (tx) => {
        const write = new ImportWrite(tx, actor, read.columns, tally, households);
        // Nothing to change (the same file again): no second reading, only the audit row.
        if (tally.toWrite > 0) {
          await write.start();
          await readRows(job, ctx, {
            sheet: () => {},
            rows: async (rows) => {
              stop();
              progress.rowsWritten += await write.batch(rows);
              progress.errorsSoFar = tally.errors.length;
            },
          });
        }
        if (job.mode === 'all' && tally.errors.length > checked) throw new RolledBack();
        await write.finish();
        const r = tally.report(true);
        await writeAudit({
          db: tx, actor, action: 'residents.import', entityType: 'resident',
          detail: {
            fileName: job.fileName, mode: job.mode, total: r.total, valid: r.valid, created: r.created, updated: r.updated, skipped: r.skipped,
            errorRows: r.errorRows, householdsCreated: r.householdsCreated, householdsUpdated: r.householdsUpdated,
          },
        });
      });
      await finish({ status: 'done', report: tally.report(true) });
    } catch (e) {
      if (e instanceof Cancelled) await finish({ status: 'cancelled', report: null });
      else if (e instanceof RolledBack) await finish({ status: 'done', report: tally.report(false, true) });
      else if (e instanceof AppError) {
        const details = e.details as { message?: string }[] | { message?: string } | undefined;
        const message = (Array.isArray(details) ? details[0]?.message : details?.message) ?? e.message;
        await finish({ status: 'failed', report: null, failure: { code: e.code, message, details: e.details } });
      } else {
        log.error({ err: e, jobId: job.id }, 'resident import failed');
        await finish({ status: 'failed', report: null, failure: { code: 'internal', message: '' } });
      }
    } finally {
      clearInterval(heartbeat);
    }

    async function finish(end: { status: string; report: ImportReport | null; failure?: unknown }) {
      if (end.report && (end.report.errorCount || end.report.warningCount) && sheet) {
        const issues = { ...sheet, issues: [...tally.byRow()], errorRows: [...tally.errorRows] };
        await fs.promises.writeFile(issuesPath(job.id), JSON.stringify(issues), { mode: 0o600 });
      }
      progress.phase = 'finished';
      await save({ status: end.status, report: end.report, failure: end.failure ?? null, finishedAt: new Date(), ...(sheet ?? {}) });
    }
  }

  return {
    /** POST /import: the upload becomes a job. */
    async upload(req: FastifyRequest, actor: Actor) {
      await sweep();
      const upload = await receive(req, actor);
      // The user's earlier uploads go: one file kept per user.
      const earlier = await db.select({ id: residentImportJobs.id, uploadId: residentImportJobs.uploadId }).from(residentImportJobs).where(eq(residentImportJobs.userId, actor.userId));
      await Promise.all(earlier.flatMap((j) => [remove(uploadPath(j.uploadId)), remove(issuesPath(j.id)), remove(markedPath(j.id))]));
      try {
        return await start({ actor, ...upload });
      } catch (e) {
        await remove(uploadPath(upload.uploadId));
        throw e;
      }
    },

    /** The user's latest job: running, or the last one finished (the page after a reload). */
    async current(actor: Actor) {
      const [j] = await db.select().from(residentImportJobs).where(eq(residentImportJobs.userId, actor.userId)).orderBy(desc(residentImportJobs.createdAt)).limit(1);
      return j ? present(j) : null;
    },

    async get(actor: Actor, id: string) {
      return present(await own(actor, id));
    },

    /** Runs again on the same upload: the import after a check, or a check with the file's community. */
    async rerun(actor: Actor, id: string, input: { mode: ImportMode; communityId?: string | null }) {
      const j = await own(actor, id);
      if (!fs.existsSync(uploadPath(j.uploadId))) throw new AppError('residents.import_file_gone', 410);
      return start({ actor, uploadId: j.uploadId, fileName: j.fileName, mode: input.mode, communityId: input.communityId === undefined ? j.communityId : input.communityId });
    },

    /** Asks a running job to stop; its transaction is rolled back, nothing it did is kept. */
    async cancel(actor: Actor, id: string) {
      const j = await own(actor, id);
      const r = running.get(j.id);
      if (r) {
        r.cancel();
        await r.done;
      } else if (j.status === 'running') {
        await db.update(residentImportJobs).set({ status: 'cancelled', phase: 'finished', finishedAt: new Date() }).where(eq(residentImportJobs.id, j.id));
      }
      return present(await own(actor, id));
    },

    /** The problem workbook of a finished job (written on first request, then kept with the upload). */
    async problems(actor: Actor, id: string): Promise<{ file: string; fileName: string }> {
      const j = await own(actor, id);
      const report = j.report as ImportReport | null;
      if (!report?.errorCount && !report?.warningCount) throw notFound();
      if (!fs.existsSync(uploadPath(j.uploadId)) || !fs.existsSync(issuesPath(j.id))) throw new AppError('residents.import_file_gone', 410);
      const out = markedPath(j.id);
      if (!fs.existsSync(out)) {
        const saved = JSON.parse(await fs.promises.readFile(issuesPath(j.id), 'utf8'));
        const tmp = `${out}.${process.pid}.part`;
        await runToEnd({ kind: 'mark', file: uploadPath(j.uploadId), out: tmp, limits, ...saved });
        await fs.promises.rename(tmp, out);
      }
      return { file: out, fileName: `${j.fileName.replace(/\.xlsx$/i, '')}-问题标注.xlsx` };
    },

    /** Stops every running job (app shutdown): their transactions roll back. */
    async close() {
      for (const r of running.values()) r.cancel();
      await Promise.allSettled([...running.values()].map((r) => r.done));
    },
  };
}
