// A crafted .xlsx for the tests and the bench: a real workbook whose sheet is one highly
// compressible row repeated, so that a few megabytes inflate to gigabytes ("zip bomb").
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';

type Entry = { name: string; compressed: Buffer; crc: number; size: number; declaredSize?: number };

/** The parts of an .xlsx (or any zip) as name → bytes. */
function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const parts = new Map<string, Buffer>();
      zip.on('entry', (e: yauzl.Entry) =>
        zip.openReadStream(e, async (err2, s) => {
          if (err2 || !s) return reject(err2);
          const chunks: Buffer[] = [];
          for await (const c of s) chunks.push(c as Buffer);
          parts.set(e.fileName, Buffer.concat(chunks));
          zip.readEntry();
        }),
      );
      zip.on('end', () => resolve(parts));
      zip.readEntry();
    });
  });
}

/** A zip (deflate, no zip64) of the entries, each with the sizes it declares. */
function zip(entries: Entry[]): Buffer {
  const out: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const declared = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    out.push(local, name, e.compressed);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(e.crc >>> 0, 16);
    cd.writeUInt32LE(e.compressed.length, 20);
    cd.writeUInt32LE(declared, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const cdBuffer = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cdBuffer.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...out, cdBuffer, end]);
}

const deflated = (data: Buffer): Entry['compressed'] => zlib.deflateRawSync(data);

/**
 * An .xlsx whose sheet holds a header (姓名, 身份证号, 社区) and then the same row again and again
 * until it inflates to about `inflatedBytes`. `declaredSize` makes the zip lie about that size.
 * `checksum: false` leaves the CRC-32 at 0, which saves hashing gigabytes. The repeated part is compressed once and its bytes repeated (deflate blocks ended by a sync
 * flush can be concatenated), so even gigabytes cost nothing to make.
 */
export async function xlsxBomb({ inflatedBytes, declaredSize, checksum = true }: { inflatedBytes: number; declaredSize?: number; checksum?: boolean }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('居民').addRow(['姓名', '身份证号', '社区']);
  const parts = await unzip(Buffer.from(await wb.xlsx.writeBuffer()));
  const sheetName = [...parts.keys()].find((n) => n.startsWith('xl/worksheets/') && n.endsWith('.xml'))!;

  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    + '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号</t></is></c><c r="C1" t="inlineStr"><is><t>社区</t></is></c></row>');
  const row = `<row><c t="inlineStr"><is><t>${'A'.repeat(30_000)}</t></is></c></row>`;
  const unit = Buffer.from(row.repeat(Math.ceil(1_048_576 / row.length)));
  const tail = Buffer.from('</sheetData></worksheet>');
  const repeat = Math.max(1, Math.floor((inflatedBytes - head.length - tail.length) / unit.length));
  const sync = { level: 9, finishFlush: zlib.constants.Z_SYNC_FLUSH };
  const segment = zlib.deflateRawSync(unit, sync);
  // No reader here checks it (it would know only after inflating everything); tests may leave it out.
  let crc = 0;
  if (checksum) {
    crc = zlib.crc32(head);
    for (let i = 0; i < repeat; i++) crc = zlib.crc32(unit, crc);
    crc = zlib.crc32(tail, crc);
  }
  const sheet: Entry = {
    name: sheetName,
    compressed: Buffer.concat([zlib.deflateRawSync(head, sync), ...Array<Buffer>(repeat).fill(segment), zlib.deflateRawSync(tail)]),
    crc,
    size: head.length + repeat * unit.length + tail.length,
    declaredSize,
  };
  const others = [...parts].filter(([n]) => n !== sheetName).map(([name, data]) => ({ name, compressed: deflated(data), crc: zlib.crc32(data), size: data.length }));
  return zip([...others, sheet]);
}
