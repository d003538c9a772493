import ExcelJS from 'exceljs';
import { setCell } from '../../lib/spreadsheet';
import { TAGS } from '../../../common/codes/tag.codes';
import { EXAMPLE_ID_NUMBER, HELP_SHEET_NAME, IMPORT_LIMITS, LISTS_SHEET_NAME, SHEET_NAME, TEMPLATE_COLUMNS, type ImportColumn } from './residents.excel';

type ValidationSheet = { dataValidations: { add: (range: string, v: ExcelJS.DataValidation) => void } };

/** The template's example resident: one row that shows every column filled in the expected way. */
function exampleRow(): Record<string, string | Date> {
  return {
    name: '王秀英', sex: '女', idType: '居民身份证', idNumber: EXAMPLE_ID_NUMBER, birthDate: new Date(Date.UTC(1949, 11, 31)), phone: '13812341234',
    ethnicity: '汉族', hukouType: '本地户籍', neighborhood: '曙光花园', building: '3', unit: '2', room: '302', householdKey: '1', relationToHead: '户主',
    maritalStatus: '丧偶', education: '小学', employment: '退休', health: '慢性病', incomeStatus: '无', emergencyName: '李明', emergencyRelation: '子女',
    emergencyPhone: '13912345678', consentBasis: '本人同意', consentScope: '社区社会工作服务建档与服务记录', consentDate: new Date(Date.UTC(2025, 2, 1)),
    tags: '独居老人', note: '示例行：请覆盖或删除；原样保留时导入会自动跳过',
  };
}

const GENERAL_NOTES = [
  '第一行是列名，请勿修改；从第 2 行起每行填写一位居民。第 2 行是示例，可直接覆盖或删除（原样保留时导入会自动跳过）。',
  '带“＊”的列必须填写；其余列可以空着。列的顺序可以调整；“序号”列会被忽略。也可以直接用本单位自己的花名册：列名是常见写法（如“身份证号”“联系电话”“现居住地址”“人员类别”）即可识别。',
  '没有“社区”列时，在导入页面为整个文件选择一个社区。只有一列“地址”时，系统会把楼栋、单元、室分开保存。',
  '同一户的成员填写相同的“户编号”，并填写“与户主关系”（户主本人填“户主”或“本人”），导入时自动建立家庭；再次导入同一文件不会重复建户。',
  '证件号码和手机号请按“文本”填写（本模板已设置好）。若从其他表格粘贴后变成 1.10105E+17 这样的数字，说明后几位已丢失，请重新输入。',
  '有下拉列表的列请从列表中选择；填写代码或英文也可以识别。',
  '证件号码已在系统中登记的居民会被“更新”而不是重复建档：只更新表格里填写了的列，空白单元格不会清除系统中已有的内容。',
  `导入时系统先逐行检查，列出有问题的行号、列名和原因，并可下载标出问题单元格的原表；全部正确后再导入，也可以只导入正确的行。一次最多 ${IMPORT_LIMITS.rows.toLocaleString('en')} 行，仅支持 .xlsx 文件。`,
  '本表含有居民个人信息，请妥善保管，导入后及时删除本地副本（《个人信息保护法》第五十一条）。',
];

/** The accepted values of a column, as the 填写说明 sheet and the dropdowns list them. */
function valuesOf(c: ImportColumn, communities: string[], tagLabels: string[]): string[] {
  if (c.kind === 'community') return communities;
  if (c.kind === 'tags') return tagLabels;
  return c.list ? c.list.map((x) => x.zh) : [];
}

function styleHeader(ws: ExcelJS.Worksheet) {
  const header = ws.getRow(1);
  header.height = 30;
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true, color: { argb: c.required ? 'FFB42318' : 'FF1F2937' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: c.required ? 'FFFDECE7' : 'FFE6F4F1' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF94A3B8' } } };
    if (c.help) cell.note = c.help;
  });
}

/**
 * Dropdowns and length checks cover the rows people type by hand; a register pasted in further
 * down is read just the same (spreadsheet programs expand these ranges cell by cell when they load).
 */
const VALIDATED_ROWS = 10_000;

function addValidations(ws: ExcelJS.Worksheet, listRanges: Map<string, string>) {
  const dv = (ws as unknown as ValidationSheet).dataValidations;
  const last = VALIDATED_ROWS + 1;
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const letter = ws.getColumn(i + 1).letter;
    const range = `${letter}2:${letter}${last}`;
    const prompt = { showInputMessage: true, promptTitle: c.title.slice(0, 32), prompt: c.help.slice(0, 250) };
    const list = listRanges.get(c.field);
    if (list) {
      const multi = c.kind === 'tags';
      dv.add(range, {
        type: 'list', allowBlank: true, formulae: [list], ...prompt,
        // Tags take several values: the list helps pick one, typing more must stay possible.
        showErrorMessage: !multi, errorStyle: 'warning', errorTitle: c.title, error: '请从下拉列表中选择。',
      });
    } else if (c.kind === 'idNumber') {
      dv.add(range, {
        type: 'textLength', operator: 'between', formulae: [15, 18], allowBlank: true, ...prompt,
        showErrorMessage: true, errorStyle: 'warning', errorTitle: c.title, error: '居民身份证号应为 18 位（或 15 位旧号）。',
      });
    } else if (c.kind === 'phone') {
      dv.add(range, {
        type: 'textLength', operator: 'equal', formulae: [11], allowBlank: true, ...prompt,
        showErrorMessage: true, errorStyle: 'warning', errorTitle: c.title, error: '手机号应为 11 位。',
      });
    } else if (c.field === 'name') {
      dv.add(range, {
        type: 'textLength', operator: 'lessThanOrEqual', formulae: [50], allowBlank: true, ...prompt,
        showErrorMessage: true, errorStyle: 'stop', errorTitle: c.title, error: '姓名不超过 50 个字。',
      });
    }
  });
}

function buildHelpSheet(wb: ExcelJS.Workbook, communities: string[], tagLabels: string[]) {
  const ws = wb.addWorksheet(HELP_SHEET_NAME, { properties: { tabColor: { argb: 'FF0F766E' } } });
  ws.columns = [{ width: 18 }, { width: 8 }, { width: 60 }, { width: 60 }];
  ws.mergeCells('A1:D1');
  ws.getCell('A1').value = '居民导入模板 · 填写说明';
  ws.getCell('A1').font = { bold: true, size: 14 };
  GENERAL_NOTES.forEach((n, i) => {
    const r = ws.getRow(i + 2);
    ws.mergeCells(`A${i + 2}:D${i + 2}`);
    r.getCell(1).value = `${i + 1}. ${n}`;
    r.getCell(1).alignment = { wrapText: true, vertical: 'top' };
    r.height = 32;
  });
  const start = GENERAL_NOTES.length + 3;
  const head = ws.getRow(start);
  head.values = ['列名', '必填', '说明', '可填写的值'];
  head.font = { bold: true };
  head.eachCell((cell) => (cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4F1' } }));
  TEMPLATE_COLUMNS.forEach((c, i) => {
    const values = valuesOf(c, communities, tagLabels);
    const r = ws.getRow(start + 1 + i);
    r.values = [c.title, c.required ? '是' : '', c.help || '—'];
    setCell(r.getCell(4), values.length ? values.join('、') : '自由填写');
    r.alignment = { wrapText: true, vertical: 'top' };
  });
  ws.views = [{ state: 'frozen', ySplit: start }];
}

/** Writes each dropdown's values into a hidden sheet and answers field → range formula. */
function buildListsSheet(wb: ExcelJS.Workbook, communities: string[], tagLabels: string[]): Map<string, string> {
  const ws = wb.addWorksheet(LISTS_SHEET_NAME, { state: 'hidden' });
  const ranges = new Map<string, string>();
  let n = 0;
  for (const c of TEMPLATE_COLUMNS) {
    const values = valuesOf(c, communities, tagLabels);
    if (!values.length) continue;
    n += 1;
    const column = ws.getColumn(n);
    column.width = 16;
    ws.getCell(1, n).value = c.title;
    values.forEach((v, i) => setCell(ws.getCell(i + 2, n), v));
    ranges.set(c.field, `'${LISTS_SHEET_NAME}'!$${column.letter}$2:$${column.letter}$${values.length + 1}`);
  }
  return ranges;
}

/**
 * The import template for this caller: their communities in the 社区 dropdown, restricted tags
 * only when they may see them somewhere.
 */
export async function buildTemplate({ communities, restricted }: { communities: string[]; restricted: boolean }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '邻里 Linli';
  wb.created = new Date();
  const tagLabels = TAGS.filter((t) => restricted || !('restricted' in t)).map((t) => t.zh);

  const ws = wb.addWorksheet(SHEET_NAME, { views: [{ state: 'frozen', xSplit: 1, ySplit: 1 }], properties: { tabColor: { argb: 'FF0F766E' } } });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: c.title,
    key: c.field,
    width: c.width,
    style: c.asText ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  styleHeader(ws);
  const example = ws.addRow(exampleRow());
  setCell(example.getCell('communityId'), communities[0] ?? '');
  example.font = { italic: true, color: { argb: 'FF6B7280' } };

  buildHelpSheet(wb, communities, tagLabels);
  addValidations(ws, buildListsSheet(wb, communities, tagLabels));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
