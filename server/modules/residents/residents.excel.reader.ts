// An .xlsx read as a stream, with every size checked as the bytes come out of the zip: the central
// directory's declared sizes first, then the bytes actually inflated, the inflation ratio and the
// rows. Nothing holds the whole workbook: the sheet's XML goes through a SAX parser row by row.
// (A crafted 5 MB file that inflated to gigabytes once held the server for 44 s at 4.4 GiB.)
import fs from 'node:fs/promises';
import path from 'node:path/posix';
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import yauzl from 'yauzl';
import { AppError } from '../../lib/errors';
import type { CellRead } from './residents.excel.cells';
import type { ImportLimits } from './residents.excel';

export type XlsxSheet = { name: string; part: string; hidden: boolean };
/** One row: its number and its cells by column number (1 = A), only those that hold something. */
export type XlsxRow = { row: number; cells: Map<number, CellRead> };

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = 0xd0cf11e0;
const MAX_ENTRIES = 10_000;
const MAX_ROW_NUMBER = 1_048_576;

export const invalidFile = (message: string) => new AppError('residents.import_invalid_file', 400, [{ code: 'residents.import_invalid_file', message }]);
export const tooLarge = (message: string) => new AppError('residents.import_too_large', 400, [{ code: 'residents.import_too_large', message }]);
const MB = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

/** Column letters → number: A → 1, AB → 28. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Column number → letters: 1 → A, 28 → AB. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

// Built-in number formats that show dates (ECMA-376 §18.8.30, with the CJK ones).
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58]);

/** A custom number format shows a date when, outside quotes, escapes and [colours], it has y, m, d, h or s. */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '').split(';')[0];
  return /[ymdhs年月日]/i.test(bare) && !/^general$/i.test(bare.trim());
}

const localName = (name: string) => name.slice(name.indexOf(':') + 1);

/** An Excel serial day (1900 or 1904 date system) → a UTC wall-clock Date, as exceljs gives it. */
function serialDate(serial: number, date1904: boolean): Date {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return new Date(epoch + Math.round(serial * 86_400_000));
}

type Zip = { file: yauzl.ZipFile; entries: Map<string, yauzl.Entry> };

function openZip(file: string): Promise<Zip> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) return reject(invalidFile('文件已损坏或不是 Excel（.xlsx）格式，请使用下载的模板。'));
      const entries = new Map<string, yauzl.Entry>();
      zip.on('entry', (e: yauzl.Entry) => {
        if (entries.size >= MAX_ENTRIES) {
          zip.close();
          return reject(tooLarge(`压缩包里的文件超过 ${MAX_ENTRIES} 个，不像正常的 Excel 表格。`));
        }
        entries.set(e.fileName.replace(/\\/g, '/').replace(/^\//, ''), e);
        zip.readEntry();
      });
      zip.on('end', () => resolve({ file: zip, entries }));
      zip.on('error', () => reject(invalidFile('文件已损坏或不是 Excel（.xlsx）格式，请使用下载的模板。')));
      zip.readEntry();
    });
  });
}

/**
 * A part's inflated bytes, counted as they come: more than `limit`, or more than `ratio` times its
 * compressed size once past the first megabytes, stops the read (yauzl itself refuses a part that
 * inflates to more than the size it declared).
 */
async function* guarded(zip: Zip, entry: yauzl.Entry, limit: number, limits: ImportLimits, what: string): AsyncGenerator<Buffer> {
  if (entry.isEncrypted()) throw invalidFile('文件设置了密码，请在 Excel 中取消密码后再导入。');
  const stream = await new Promise<Readable>((resolve, reject) =>
    zip.file.openReadStream(entry, (err, s) => (err || !s ? reject(invalidFile('文件已损坏，无法解压。')) : resolve(s))),
  );
  const ratioLimit = Math.max(limits.ratioAfterBytes, entry.compressedSize * limits.ratio);
  let inflated = 0;
  try {
    for await (const chunk of stream) {
      inflated += (chunk as Buffer).length;
      if (inflated > limit) throw tooLarge(`${what}解压后超过 ${MB(limit)}，不能导入。请拆分文件后再导入。`);
      if (inflated > ratioLimit) throw tooLarge(`${what}的压缩比异常（解压后是压缩时的 ${limits.ratio} 倍以上），不像正常的 Excel 表格，不能导入。`);
      yield chunk as Buffer;
    }
  } catch (e) {
    if (e instanceof AppError) throw e;
    // yauzl: "too many bytes in the stream" (more than declared) or a broken deflate stream.
    throw /too many bytes/i.test((e as Error).message) ? tooLarge(`${what}的实际大小与声明不符，不像正常的 Excel 表格。`) : invalidFile('文件已损坏，无法解压。');
  } finally {
    stream.destroy();
  }
}

/** Runs a SAX parser over a part; `each` gets the events, and may yield what it collected after each chunk. */
async function* parsePart<T>(chunks: AsyncIterable<Buffer>, setup: (p: SaxesParser) => () => T[]): AsyncGenerator<T[]> {
  const parser = new SaxesParser({ position: false });
  const take = setup(parser);
  let failed: Error | null = null;
  parser.on('error', (e) => (failed ??= e));
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    parser.write(decoder.decode(chunk, { stream: true }));
    if (failed) throw invalidFile('文件内容不是有效的 Excel 格式（XML 有误），请在 Excel 中打开后重新保存。');
    const out = take();
    if (out.length) yield out;
  }
  parser.close();
  if (failed) throw invalidFile('文件内容不是有效的 Excel 格式（XML 有误），请在 Excel 中打开后重新保存。');
  const rest = take();
  if (rest.length) yield rest;
}

/** A small part read whole into a parser (workbook, relationships, styles). */
async function readSmall(zip: Zip, name: string, limits: ImportLimits, setup: (p: SaxesParser) => void): Promise<boolean> {
  const entry = zip.entries.get(name);
  if (!entry) return false;
  if (entry.uncompressedSize > limits.partBytes) throw tooLarge(`文件中的 ${name} 超过 ${MB(limits.partBytes)}，不像正常的 Excel 表格。`);
  for await (const _ of parsePart(guarded(zip, entry, limits.partBytes, limits, name), (p) => (setup(p), () => []))) void _;
  return true;
}

/** Relationship id → part path, resolved against the folder of the part that owns the relationships. */
async function readRels(zip: Zip, owner: string, limits: ImportLimits): Promise<Map<string, { type: string; target: string }>> {
  const rels = new Map<string, { type: string; target: string }>();
  const dir = path.dirname(owner);
  await readSmall(zip, path.join(dir, '_rels', `${path.basename(owner)}.rels`), limits, (p) =>
    p.on('opentag', (t) => {
      if (localName(t.name) !== 'Relationship') return;
      const target = String(t.attributes.Target ?? '');
      const resolved = target.startsWith('/') ? target.slice(1) : path.normalize(path.join(dir, target));
      rels.set(String(t.attributes.Id), { type: String(t.attributes.Type ?? ''), target: resolved });
    }),
  );
  return rels;
}

/** An opened .xlsx: its sheets, shared strings and date styles; rows are read on demand. */
export class XlsxFile {
  /** How far the sheet being read is, 0–1: its bytes inflated so far over its declared size. */
  readFraction = 0;

  private constructor(
    private readonly zip: Zip,
    private readonly limits: ImportLimits,
    readonly sheets: XlsxSheet[],
    private readonly strings: string[],
    private readonly dateStyles: boolean[],
    private readonly date1904: boolean,
  ) {}

  /** Opens the file: refuses what is not an .xlsx, then reads the workbook, its styles and its shared strings. */
  static async open(file: string, limits: ImportLimits): Promise<XlsxFile> {
    const head = Buffer.alloc(4);
    const fh = await fs.open(file, 'r');
    try {
      await fh.read(head, 0, 4, 0);
    } finally {
      await fh.close();
    }
    if (!head.equals(ZIP_MAGIC)) {
      throw invalidFile(head.readUInt32BE(0) === OLE_MAGIC
        ? '这是旧版 .xls 文件（或加了密码的文件），请在 Excel 中“另存为” .xlsx 后再导入。'
        : '文件不是 Excel（.xlsx）格式，请使用下载的模板。');
    }
    const zip = await openZip(file);
    try {
      return await XlsxFile.read(zip, limits);
    } catch (e) {
      zip.file.close();
      throw e;
    }
  }

  private static async read(zip: Zip, limits: ImportLimits): Promise<XlsxFile> {
    const workbookPart = zip.entries.has('xl/workbook.xml') ? 'xl/workbook.xml' : [...zip.entries.keys()].find((n) => /(^|\/)workbook\.xml$/.test(n));
    if (!workbookPart) throw invalidFile('文件已损坏或不是 Excel（.xlsx）格式，请使用下载的模板。');
    const listed: { name: string; rid: string; hidden: boolean }[] = [];
    let date1904 = false;
    await readSmall(zip, workbookPart, limits, (p) =>
      p.on('opentag', (t) => {
        const n = localName(t.name);
        const attr = (k: string) => String(Object.entries(t.attributes).find(([a]) => localName(a) === k)?.[1] ?? '');
        if (n === 'sheet') listed.push({ name: attr('name'), rid: attr('id'), hidden: !!attr('state') && attr('state') !== 'visible' });
        if (n === 'workbookPr') date1904 = ['1', 'true'].includes(attr('date1904'));
      }),
    );
    const rels = await readRels(zip, workbookPart, limits);
    const sheets = listed.map((s) => ({ name: s.name, part: rels.get(s.rid)?.target ?? '', hidden: s.hidden })).filter((s) => zip.entries.has(s.part));
    const partOf = (type: string, fallback: string) => [...rels.values()].find((r) => r.type.endsWith(`/${type}`))?.target ?? fallback;

    const numFmts = new Map<number, string>();
    const xfFormats: number[] = [];
    let inCellXfs = false;
    await readSmall(zip, partOf('styles', 'xl/styles.xml'), limits, (p) => {
      p.on('opentag', (t) => {
        const n = localName(t.name);
        if (n === 'numFmt') numFmts.set(Number(t.attributes.numFmtId), String(t.attributes.formatCode ?? ''));
        else if (n === 'cellXfs') inCellXfs = true;
        else if (n === 'xf' && inCellXfs) xfFormats.push(Number(t.attributes.numFmtId ?? 0));
      });
      p.on('closetag', (t) => {
        if (localName(t.name) === 'cellXfs') inCellXfs = false;
      });
    });
    const dateStyles = xfFormats.map((id) => (numFmts.has(id) ? isDateFormat(numFmts.get(id)!) : DATE_FORMAT_IDS.has(id)));

    const strings = await XlsxFile.readStrings(zip, partOf('sharedStrings', 'xl/sharedStrings.xml'), limits);
    return new XlsxFile(zip, limits, sheets, strings, dateStyles, date1904);
  }

  /** The shared strings (<si>): plain or rich text runs joined; phonetic guides (<rPh>) left out. */
  private static async readStrings(zip: Zip, part: string, limits: ImportLimits): Promise<string[]> {
    const entry = zip.entries.get(part);
    if (!entry) return [];
    if (entry.uncompressedSize > limits.sharedStringsBytes) throw tooLarge(`表格中的文字内容解压后超过 ${MB(limits.sharedStringsBytes)}，不能导入。请拆分文件后再导入。`);
    const strings: string[] = [];
    let current: string[] | null = null;
    let inT = false;
    let inPhonetic = 0;
    const chunks = guarded(zip, entry, limits.sharedStringsBytes, limits, '表格中的文字内容');
    for await (const _ of parsePart(chunks, (p) => {
      p.on('opentag', (t) => {
        const n = localName(t.name);
        if (n === 'si') current = [];
        else if (n === 'rPh') inPhonetic++;
        else if (n === 't' && !t.isSelfClosing) inT = true;
      });
      p.on('closetag', (t) => {
        const n = localName(t.name);
        if (n === 'si') {
          if (strings.length >= limits.sharedStrings) throw tooLarge(`表格中不同的文字超过 ${limits.sharedStrings} 条，不能导入。请拆分文件后再导入。`);
          strings.push(current?.join('') ?? '');
          current = null;
        } else if (n === 'rPh') inPhonetic--;
        else if (n === 't') inT = false;
      });
      const text = (s: string) => {
        if (inT && !inPhonetic && current) current.push(s);
      };
      p.on('text', text);
      p.on('cdata', text);
      return () => [];
    })) void _;
    return strings;
  }

  /** The rows of a sheet, in order, a few hundred at a time (the sheet is never whole in memory). */
  async *rows(sheet: XlsxSheet): AsyncGenerator<XlsxRow[]> {
    const entry = this.zip.entries.get(sheet.part)!;
    const { limits, strings, dateStyles, date1904 } = this;
    if (entry.uncompressedSize > limits.sheetBytes) throw tooLarge(`工作表“${sheet.name}”解压后有 ${MB(entry.uncompressedSize)}，超过 ${MB(limits.sheetBytes)}，不能导入。请拆分文件后再导入。`);
    let rows: XlsxRow[] = [];
    let row: XlsxRow | null = null;
    let lastRow = 0;
    let rowsSeen = 0;
    let cell: { col: number; type: string; style: number; text: string[] } | null = null;
    let lastCol = 0;
    let collect = false;
    let inPhonetic = 0;

    const value = (c: NonNullable<typeof cell>): CellRead => {
      const raw = c.text.join('');
      switch (c.type) {
        case 's': return strings[Number(raw)] ?? null;
        case 'str': case 'inlineStr': case 'e': return raw;
        case 'b': return raw === '1' || raw === 'true';
        case 'd': {
          const d = new Date(raw.endsWith('Z') || raw.length <= 10 ? raw : `${raw}Z`);
          return Number.isNaN(d.getTime()) ? raw : d;
        }
        default: {
          if (raw.trim() === '') return null;
          const n = Number(raw);
          if (Number.isNaN(n)) return raw;
          return dateStyles[c.style] ? serialDate(n, date1904) : n;
        }
      }
    };

    yield* parsePart(this.counted(entry, sheet), (p) => {
      p.on('opentag', (t: SaxesTagPlain) => {
        switch (localName(t.name)) {
          case 'row': {
            const r = t.attributes.r ? Number(t.attributes.r) : lastRow + 1;
            if (!(r > lastRow && r <= MAX_ROW_NUMBER)) throw invalidFile(`工作表“${sheet.name}”的行号有误（第 ${r} 行），请在 Excel 中打开后重新保存。`);
            // Formatted but empty rows count too: a sheet of a million of them is refused, not walked.
            if (++rowsSeen > limits.rows * 5) throw tooLarge(`工作表“${sheet.name}”的行数超过 ${limits.rows * 5}，不能导入。`);
            row = { row: r, cells: new Map() };
            lastRow = r;
            lastCol = 0;
            break;
          }
          case 'c': {
            const ref = String(t.attributes.r ?? '');
            const letters = /^[A-Z]+/.exec(ref)?.[0];
            const col = letters ? columnNumber(letters) : lastCol + 1;
            lastCol = col;
            cell = { col, type: String(t.attributes.t ?? 'n'), style: Number(t.attributes.s ?? 0), text: [] };
            break;
          }
          case 'v': case 't':
            collect = !!cell && !t.isSelfClosing;
            break;
          case 'rPh':
            inPhonetic++;
            break;
        }
      });
      p.on('closetag', (t: SaxesTagPlain) => {
        switch (localName(t.name)) {
          case 'v': case 't':
            collect = false;
            break;
          case 'rPh':
            inPhonetic--;
            break;
          case 'c':
            // Columns past `limits.columns` are not read: no register has that many, a crafted row may.
            if (cell && row && cell.col <= limits.columns) {
              const v = value(cell);
              if (v !== null && v !== '') row.cells.set(cell.col, v);
            }
            cell = null;
            break;
          case 'row':
            if (row?.cells.size) rows.push(row);
            row = null;
            break;
        }
      });
      const text = (s: string) => {
        if (collect && !inPhonetic && cell) cell.text.push(s);
      };
      p.on('text', text);
      p.on('cdata', text);
      return () => {
        const out = rows;
        rows = [];
        return out;
      };
    });
  }

  /** The sheet's inflated bytes, noting how far through it they are. */
  private async *counted(entry: yauzl.Entry, sheet: XlsxSheet): AsyncGenerator<Buffer> {
    let inflated = 0;
    for await (const chunk of guarded(this.zip, entry, this.limits.sheetBytes, this.limits, `工作表“${sheet.name}”`)) {
      inflated += chunk.length;
      this.readFraction = entry.uncompressedSize ? Math.min(1, inflated / entry.uncompressedSize) : 0;
      yield chunk;
    }
  }

  close() {
    this.zip.file.close();
  }
}
