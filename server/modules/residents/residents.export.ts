// Export of the caller's current resident search to Excel, masked exactly as the list shows it.
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { zhLabel } from '../../../common/codes/codes';
import { chinaToday } from '../../../common/dates';
import { SEXES } from '../../../common/codes/resident.codes';
import { TAGS } from '../../../common/codes/tag.codes';
import type { ResidentListItem, ResidentListQuery } from '../../../common/schemas/residents.schema';
import { maskIdNumber } from '../../../common/validators/id-number.validator';
import { maskPhone, normalizeMobile } from '../../../common/validators/phone.validator';
import type { Db } from '../../db/client';
import type { Actor } from '../../lib/actor';
import { AppError } from '../../lib/errors';
import { addRow } from '../../lib/spreadsheet';
import { writeAudit } from '../audit/audit.service';
import { orgUnits } from '../orgs/orgs.table';
import { listResidents } from './residents.service';

export const MAX_EXPORT_ROWS = 50_000;
const PAGE = 1000;

/** Today in China (the date people expect in a file name), YYYYMMDD. */
export const chinaDate = (now = new Date()) => chinaToday(now).replace(/-/g, '');

/** 曙光花园 3栋 2单元 302室, as the list writes it; a rural 门牌 (12号) keeps its own word. */
export function addressOf(r: Pick<ResidentListItem, 'neighborhood' | 'building' | 'unit' | 'room'>): string {
  const suffix = (v: string | null, s: string) => (v ? (/\d$/.test(v) ? `${v}${s}` : v) : null);
  return [r.neighborhood, suffix(r.building, '栋'), suffix(r.unit, '单元'), suffix(r.room, '室')].filter(Boolean).join(' ');
}

/** The search as the audit log keeps it: a whole ID or phone number typed into `q` is masked. */
export function auditFilters(q: Partial<ResidentListQuery>) {
  const { page: _p, pageSize: _s, ...rest } = q;
  if (rest.q) {
    const s = rest.q.trim();
    if (/^\d{15}$|^\d{17}[\dXx]$/.test(s)) rest.q = maskIdNumber(s.toUpperCase());
    else if (normalizeMobile(s)) rest.q = maskPhone(normalizeMobile(s)!);
  }
  return rest;
}

/** Chinese words for the filters, for the file's 导出信息 sheet. */
async function describeFilters(db: Db, q: ResidentListQuery): Promise<[string, string][]> {
  const out: [string, string][] = [];
  const f = auditFilters(q);
  if (f.q) out.push(['搜索', f.q]);
  if (q.communityId) {
    const [c] = await db.select({ name: orgUnits.name }).from(orgUnits).where(eq(orgUnits.id, q.communityId));
    out.push(['社区', c?.name ?? q.communityId]);
  }
  if (q.sex) out.push(['性别', zhLabel(SEXES, q.sex)]);
  if (q.tags?.length) out.push(['目标人群标签', q.tags.map((t) => zhLabel(TAGS, t)).join('、')]);
  if (q.ageMin !== undefined || q.ageMax !== undefined) out.push(['年龄', `${q.ageMin ?? 0} – ${q.ageMax ?? '不限'} 岁`]);
  return out;
}

const COLUMNS: { header: string; width: number; value: (r: ResidentListItem) => string | number | null }[] = [
  { header: '姓名', width: 10, value: (r) => r.name },
  { header: '性别', width: 6, value: (r) => zhLabel(SEXES, r.sex) },
  { header: '出生日期', width: 12, value: (r) => r.birthDate },
  { header: '年龄', width: 6, value: (r) => r.age },
  { header: '身份证号', width: 21, value: (r) => r.idNumber },
  { header: '手机号', width: 14, value: (r) => r.phone },
  { header: '社区', width: 12, value: (r) => r.communityName },
  { header: '住址', width: 28, value: (r) => addressOf(r) },
  { header: '目标人群标签', width: 30, value: (r) => r.tags.map((t) => zhLabel(TAGS, t.tag)).join('、') },
];

/**
 * Every resident the caller's search matches (their scope, their filters), walked in pages through
 * listResidents so that masking and restricted tags are exactly the list's. Audited with the
 * filters and the row count; more than 50,000 rows are refused.
 */
export async function exportResidents({
  db, actor, query, max = MAX_EXPORT_ROWS,
}: { db: Db; actor: Actor; query: ResidentListQuery; max?: number }): Promise<{ buffer: Buffer; fileName: string; rows: number }> {
  return db.transaction(
    async (tx) => {
      const first = await listResidents({ db: tx, actor, query: { ...query, page: 1, pageSize: PAGE } });
      if (first.total > max) {
        throw new AppError('residents.export_too_many_rows', 400, {
          total: first.total,
          max,
          message: `符合条件的居民有 ${first.total} 人，一次最多导出 ${max} 人。请按社区或其他条件缩小范围后分批导出。`,
        });
      }
      const now = new Date();
      const wb = new ExcelJS.Workbook();
      wb.creator = '邻里 Linli';
      wb.created = now;
      const ws = wb.addWorksheet('居民名单', { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }] });
      ws.columns = COLUMNS.map((c) => ({ header: c.header, width: c.width, style: { numFmt: '@' } }));
      ws.getColumn(4).numFmt = '0';
      const header = ws.getRow(1);
      header.font = { bold: true };
      header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F1' } };
      let rows = 0;
      const add = (items: ResidentListItem[]) => {
        for (const r of items) addRow(ws, COLUMNS.map((c) => c.value(r)));
        rows += items.length;
      };
      add(first.data);
      for (let page = 2; (page - 1) * PAGE < first.total; page++) {
        add((await listResidents({ db: tx, actor, query: { ...query, page, pageSize: PAGE } })).data);
      }
      ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };

      const info = wb.addWorksheet('导出信息');
      info.columns = [{ width: 14 }, { width: 60 }];
      const notes: [string, string | number][] = [
        ['导出时间', new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(now)],
        ['导出人', `${actor.displayName}（${actor.username}）`],
        ['人数', rows],
        ...(await describeFilters(tx, query)),
        ['说明', '身份证号和手机号已按规定部分隐藏。本表含有居民个人信息，请妥善保管，用后及时删除（《个人信息保护法》第五十一条）。'],
      ];
      for (const n of notes) addRow(info, n);
      info.getColumn(1).font = { bold: true };

      await writeAudit({ db: tx, actor, action: 'residents.export', entityType: 'resident', detail: { filters: auditFilters(query), rows } });
      return { buffer: Buffer.from(await wb.xlsx.writeBuffer()), fileName: `居民名单-${chinaDate(now)}.xlsx`, rows };
    },
    { isolationLevel: 'repeatable read' },
  );
}
