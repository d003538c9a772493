// Residents in Excel: the template's columns, the titles offices give them, and the import's limits.
import type { Code } from '../../../common/codes/codes';
import { ETHNICITIES } from '../../../common/codes/ethnicity.codes';
import {
  CONSENT_BASES, DISABILITY_GRADES, DISABILITY_TYPES, EDUCATIONS, EMPLOYMENTS, HEALTH_STATUSES, HUKOU_TYPES, ID_TYPES, INCOME_STATUSES,
  MARITAL_STATUSES, RELATIONS_TO_HEAD, SEXES,
} from '../../../common/codes/resident.codes';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const SHEET_NAME = '居民';
export const HELP_SHEET_NAME = '填写说明';
export const LISTS_SHEET_NAME = '选项';
/** The template's example row (GB 11643's own example number); left unchanged, it is skipped on import. */
export const EXAMPLE_ID_NUMBER = '11010519491231002X';
/** The column the problem workbook adds at the end of each row; ignored when that workbook comes back. */
export const PROBLEM_COLUMN_TITLE = '错误说明';

/**
 * What one import may read (residents.import_too_large / _too_many_rows). A street's register of
 * 100,000+ people fits; a crafted file (a "zip bomb" that inflates to gigabytes) is refused as the
 * bytes come out of the zip, long before the workbook would be in memory.
 */
export const IMPORT_LIMITS = {
  /** The uploaded .xlsx (compressed). */
  uploadBytes: 50 * 1024 * 1024,
  /** Data rows of the sheet. */
  rows: 200_000,
  /** Inflated bytes of the sheet's XML, and of the shared strings. */
  sheetBytes: 512 * 1024 * 1024,
  sharedStringsBytes: 160 * 1024 * 1024,
  /** Any other part read (workbook, relationships, styles). */
  partBytes: 16 * 1024 * 1024,
  /** Inflated ÷ compressed bytes of a part, once past `ratioAfterBytes`: real sheets stay far below. */
  ratio: 100,
  ratioAfterBytes: 8 * 1024 * 1024,
  /** Cells of one row read before the header is known, and distinct shared strings. */
  columns: 512,
  sharedStrings: 2_000_000,
};
export type ImportLimits = typeof IMPORT_LIMITS;

export type ColumnKind =
  | 'text' | 'code' | 'date' | 'idNumber' | 'phone' | 'grade' | 'community' | 'tags' | 'address' | 'householdKey' | 'headIdNumber' | 'ignore';

export type ImportColumn = {
  /** The field of residentCreateInput this column fills (or the import's own: address, householdKey, headIdNumber). */
  field: string;
  /** The title in the template; ＊ marks a required column. */
  title: string;
  /** Other titles people give the same column in their own sheets. */
  aliases?: string[];
  kind: ColumnKind;
  list?: readonly Code[];
  required?: boolean;
  /** Recognised in a sheet but not a column of the template. */
  notInTemplate?: boolean;
  width: number;
  /** What the 填写说明 sheet and the header's note say about it. */
  help: string;
  /** Kept as text in Excel (leading zeros, 18-digit numbers). */
  asText?: boolean;
};

const col = (c: ImportColumn) => c;

/** The columns of the template, in order, then those only recognised (MZ/T 071 §5.1, §8.3.2; PIPL 第13条 for 处理依据). */
export const IMPORT_COLUMNS: ImportColumn[] = [
  col({ field: 'name', title: '姓名＊', aliases: ['姓名', '名字', '居民姓名', '户主及成员姓名'], kind: 'text', required: true, width: 10, help: '居民姓名，不超过 50 个字。' }),
  col({ field: 'sex', title: '性别＊', kind: 'code', list: SEXES, required: true, width: 7, help: '男 或 女。使用居民身份证时可不填，系统按身份证号识别。' }),
  col({ field: 'idType', title: '证件类型', kind: 'code', list: ID_TYPES, width: 14, help: '不填即为“居民身份证”。' }),
  col({
    field: 'idNumber', title: '证件号码＊', aliases: ['证件号码', '证件号', '身份证号', '身份证号码', '公民身份号码', '身份证', '居民身份证号码', '身份证件号码'],
    kind: 'idNumber', required: true, width: 22, asText: true,
    help: '居民身份证号 18 位（最后一位可为 X）；15 位旧号会自动升为 18 位。请以文本格式填写，否则 Excel 会把后几位变成 0。证件号码已登记的居民将被更新，不会重复建档。',
  }),
  col({ field: 'birthDate', title: '出生日期', aliases: ['出生年月日', '生日'], kind: 'date', width: 12, help: '如 1949-12-31，也可写 1949/12/31、19491231。使用居民身份证时可不填。' }),
  col({ field: 'phone', title: '手机号', aliases: ['手机号码', '手机', '联系电话', '电话', '联系方式', '本人电话'], kind: 'phone', width: 14, asText: true, help: '11 位手机号。' }),
  col({
    field: 'communityId', title: '社区＊', aliases: ['社区', '社区/村', '所属社区', '村', '社区名称', '所在社区', '村/社区'], kind: 'community', required: true, width: 12,
    help: '您负责的社区或村的名称，从下拉列表中选择。表中没有这一列时，在导入页面为整个文件选择社区。',
  }),
  col({ field: 'ethnicity', title: '民族', kind: 'code', list: ETHNICITIES, width: 9, help: '如 汉族、回族（可省略“族”字）。' }),
  col({ field: 'hukouType', title: '户籍类型', aliases: ['户籍性质', '户籍', '户口性质', '户籍类别', '人口类型'], kind: 'code', list: HUKOU_TYPES, width: 10, help: '也可写 本地、本市、外地、外来、流动。' }),
  col({ field: 'hukouAddress', title: '户籍地址', aliases: ['户籍地', '户籍所在地', '户口所在地', '户籍地址详址'], kind: 'text', width: 24, help: '不超过 200 个字。' }),
  col({ field: 'neighborhood', title: '小区/村民小组', aliases: ['小区', '村民小组', '小区/组', '小区名称', '组'], kind: 'text', width: 14, help: '' }),
  col({ field: 'building', title: '楼栋', aliases: ['楼号', '幢', '栋', '楼栋号'], kind: 'text', width: 7, asText: true, help: '' }),
  col({ field: 'unit', title: '单元', aliases: ['单元号'], kind: 'text', width: 7, asText: true, help: '' }),
  col({ field: 'room', title: '室/门牌', aliases: ['室', '门牌', '门牌号', '房号', '室号', '房间号'], kind: 'text', width: 9, asText: true, help: '' }),
  col({
    field: 'householdKey', title: '户编号', aliases: ['户号', '家庭编号', '户编码', '户序号'], kind: 'householdKey', width: 9, asText: true,
    help: '同一户的成员填写相同的户编号（如 1、2、3 或 户籍簿上的户号），导入时自动建立家庭。须同时填写“与户主关系”，每户有且只有一位户主。',
  }),
  col({
    field: 'relationToHead', title: '与户主关系', aliases: ['与户主的关系', '家庭关系', '关系'], kind: 'code', list: RELATIONS_TO_HEAD, width: 11,
    help: '户主本人填“户主”或“本人”；其他成员如 配偶、子女、父母、孙子女。',
  }),
  col({ field: 'maritalStatus', title: '婚姻状况', aliases: ['婚姻', '婚否'], kind: 'code', list: MARITAL_STATUSES, width: 9, help: '' }),
  col({ field: 'education', title: '文化程度', aliases: ['学历', '教育程度'], kind: 'code', list: EDUCATIONS, width: 10, help: '也可写 中专、职高、硕士、博士。' }),
  col({ field: 'employment', title: '就业状况', aliases: ['就业', '就业情况', '职业状况'], kind: 'code', list: EMPLOYMENTS, width: 11, help: '' }),
  col({ field: 'health', title: '健康状况', aliases: ['健康', '身体状况'], kind: 'code', list: HEALTH_STATUSES, width: 10, help: '' }),
  col({ field: 'disabilityType', title: '残疾类别', aliases: ['残疾类型'], kind: 'code', list: DISABILITY_TYPES, width: 10, help: '按 GB/T 26341。' }),
  col({ field: 'disabilityGrade', title: '残疾等级', kind: 'grade', list: DISABILITY_GRADES, width: 9, help: '一级至四级（也可写 1–4）；填写等级须同时填写残疾类别。' }),
  col({ field: 'incomeStatus', title: '救助情况', aliases: ['低保情况', '社会救助', '救助类型', '是否低保'], kind: 'code', list: INCOME_STATUSES, width: 10, help: '' }),
  col({ field: 'guardianName', title: '监护人姓名', aliases: ['监护人'], kind: 'text', width: 10, help: '未成年人和无民事行为能力人的监护人。' }),
  col({ field: 'guardianRelation', title: '监护人关系', kind: 'text', width: 10, help: '如 父母、祖父母。' }),
  col({ field: 'guardianPhone', title: '监护人电话', kind: 'phone', width: 14, asText: true, help: '11 位手机号。' }),
  col({ field: 'emergencyName', title: '紧急联系人', aliases: ['紧急联系人姓名'], kind: 'text', width: 10, help: '' }),
  col({ field: 'emergencyRelation', title: '紧急联系人关系', kind: 'text', width: 12, help: '如 子女、邻居。' }),
  col({ field: 'emergencyPhone', title: '紧急联系人电话', kind: 'phone', width: 14, asText: true, help: '11 位手机号。' }),
  col({ field: 'consentBasis', title: '处理依据', aliases: ['个人信息处理依据'], kind: 'code', list: CONSENT_BASES, width: 14, help: '处理个人信息的依据（《个人信息保护法》第十三条）。' }),
  col({ field: 'consentScope', title: '同意范围', kind: 'text', width: 18, help: '如 社区社会工作服务建档与服务记录。' }),
  col({ field: 'consentDate', title: '同意日期', kind: 'date', width: 12, help: '如 2025-03-01。' }),
  col({
    field: 'tags', title: '目标人群标签', aliases: ['标签', '人群标签', '人群类别', '人员类别', '人员类型', '类别', '人员分类', '重点人群'], kind: 'tags', width: 20,
    help: '可填多个，用顿号“、”、逗号或斜杠分隔，如 空巢老人、高龄老人；也认识 低保户、独居、残疾 等常用说法。',
  }),
  col({ field: 'note', title: '备注', aliases: ['备注说明'], kind: 'text', width: 20, help: '不超过 2000 个字。' }),
  col({
    field: 'address', title: '地址', aliases: ['现居住地址', '家庭住址', '现住址', '居住地址', '住址', '详细地址', '现居住地', '现住地址', '居住地'], kind: 'address',
    notInTemplate: true, width: 30, help: '一列写完的地址，如 曙光花园3栋2单元302室：能分出楼栋、单元、室的就分开保存，其余记为详细地址。',
  }),
  col({
    field: 'headIdNumber', title: '户主证件号', aliases: ['户主身份证号', '户主身份证号码', '户主证件号码', '户主公民身份号码'], kind: 'headIdNumber',
    notInTemplate: true, width: 22, help: '同一户的成员填写相同的户主证件号码，与“户编号”作用相同。',
  }),
  col({ field: 'serial', title: '序号', aliases: ['编号', '顺序号', 'No', 'NO.', '行号'], kind: 'ignore', notInTemplate: true, width: 6, help: '' }),
  col({ field: 'problems', title: PROBLEM_COLUMN_TITLE, kind: 'ignore', notInTemplate: true, width: 40, help: '' }),
];

/** The columns written into the template. */
export const TEMPLATE_COLUMNS = IMPORT_COLUMNS.filter((c) => !c.notInTemplate);

export const columnByField = new Map(IMPORT_COLUMNS.map((c) => [c.field, c]));
/** The title without the ＊ of required columns: how messages name a column. */
export const plainTitle = (c: ImportColumn) => c.title.replace('＊', '');

/**
 * Header text → canonical form: no ＊/*, spaces or line breaks, no bracketed notes in any kind of
 * bracket (（必填）, 【选填】, (18位)), no 必填/选填 mark or trailing colon; Latin letters in lower case.
 */
export function normalizeHeader(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[＊*\s\u3000\u00A0]/g, '')
    .replace(/[(（[【〔<《][^)）\]】〕>》]*[)）\]】〕>》]/g, '')
    .replace(/^(必填|选填)|(必填|选填|[:：])+$/g, '')
    .toLowerCase();
}

const HEADER_INDEX = new Map<string, ImportColumn>();
for (const c of IMPORT_COLUMNS) for (const t of [c.title, ...(c.aliases ?? [])]) HEADER_INDEX.set(normalizeHeader(t), c);

export const columnForHeader = (title: string) => HEADER_INDEX.get(normalizeHeader(title));
