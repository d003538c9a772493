import type { FileKind } from '../../common/codes/file-types';

/**
 * What a file is, read from its bytes: the upload's declared type and name are not trusted (a
 * `.pdf` may be a program). Among the office formats the name decides only between kinds the
 * content allows both of. Our own reader rather than `file-type` (whose current versions need
 * Node 22, and which tells OLE2 files apart only as "cfb", not .doc from .xls).
 */
export type Sniffed = { kind: FileKind; macros: boolean };

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_LOCAL = 0x04034b50;
const ZIP_CENTRAL = 0x02014b50;
const ZIP_END = 0x06054b50;
/** ISO/IEC 23008-12 (HEIF) brands of HEVC images and image collections; AVIF (also HEIF) is not taken. */
const HEIF_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1']);
const AVIF_BRANDS = new Set(['avif', 'avis']);

/**
 * The names in an OLE2 compound file's directory ([MS-CFB] §2.6): 128-byte entries in sectors that
 * follow the 512-byte header, each a UTF-16LE name with its length in bytes at 0x40 and its object
 * type (1 storage, 2 stream, 5 root) at 0x42. Every 128-byte slot is read, so no sector chain is
 * followed; a slot of data that looks like an entry only adds a name.
 */
function cfbNames(b: Buffer): Set<string> {
  const names = new Set<string>();
  for (let o = 512; o + 128 <= b.length; o += 128) {
    const len = b.readUInt16LE(o + 0x40);
    const type = b[o + 0x42];
    if (len < 4 || len > 64 || len % 2 || (type !== 1 && type !== 2 && type !== 5) || b.readUInt16LE(o + len - 2) !== 0) continue;
    names.add(b.toString('utf16le', o, o + len - 2));
  }
  return names;
}

/** The entry names of a zip's central directory (APPNOTE.TXT §4.3.12, §4.3.16); null if it has none. */
function zipNames(b: Buffer): string[] | null {
  let end = -1;
  for (let o = b.length - 22; o >= Math.max(0, b.length - 22 - 0xffff); o--) {
    if (b.readUInt32LE(o) === ZIP_END) {
      end = o;
      break;
    }
  }
  if (end < 0) return null;
  const count = b.readUInt16LE(end + 10);
  let p = b.readUInt32LE(end + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > end || b.readUInt32LE(p) !== ZIP_CENTRAL) return null;
    const [n, extra, comment] = [b.readUInt16LE(p + 28), b.readUInt16LE(p + 30), b.readUInt16LE(p + 32)];
    names.push(b.toString('utf8', p + 46, p + 46 + n));
    p += 46 + n + extra + comment;
  }
  return names;
}

/** HEIF: an `ftyp` box first, with an HEVC image brand and no AVIF one (ISO/IEC 14496-12 §4.3). */
function isHeic(b: Buffer): boolean {
  if (b.length < 16 || b.toString('latin1', 4, 8) !== 'ftyp') return false;
  const size = Math.min(b.readUInt32BE(0), b.length);
  const brands = [b.toString('latin1', 8, 12)];
  for (let o = 16; o + 4 <= size; o += 4) brands.push(b.toString('latin1', o, o + 4));
  return HEIF_BRANDS.has(brands[0]) && !brands.some((x) => AVIF_BRANDS.has(x));
}

/** The one kind among `candidates`: the one the name's extension says, or the only one there is. */
function choose(candidates: FileKind[], fileName: string): FileKind | null {
  const ext = fileName.toLowerCase().split('.').pop();
  return candidates.find((k) => k === ext) ?? (candidates.length === 1 ? candidates[0] : null);
}

/** The kind of a file by its content, and whether an office file carries macros; null if it is none Linli takes. */
export function sniffFileType(b: Buffer, fileName: string): Sniffed | null {
  const plain = (kind: FileKind): Sniffed => ({ kind, macros: false });
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return plain('jpg');
  if (b.subarray(0, 8).equals(PNG)) return plain('png');
  if (b.subarray(0, 5).toString('latin1') === '%PDF-') return plain('pdf');
  if (isHeic(b)) return plain('heic');
  if (b.subarray(0, 8).equals(OLE2)) {
    // A .doc has a WordDocument stream, an .xls a Workbook (Book before Excel 97); VBA lives in Macros / _VBA_PROJECT_CUR.
    const names = cfbNames(b);
    const kinds: FileKind[] = [...(names.has('WordDocument') ? ['doc' as const] : []), ...(names.has('Workbook') || names.has('Book') ? ['xls' as const] : [])];
    const kind = choose(kinds, fileName);
    return kind && { kind, macros: names.has('Macros') || names.has('_VBA_PROJECT_CUR') };
  }
  if (b.length >= 4 && b.readUInt32LE(0) === ZIP_LOCAL) {
    // OOXML (ISO/IEC 29500-2): a [Content_Types].xml part, and the main part under word/ or xl/.
    const names = zipNames(b);
    if (!names?.includes('[Content_Types].xml')) return null;
    const kinds: FileKind[] = [...(names.some((n) => n.startsWith('word/')) ? ['docx' as const] : []), ...(names.some((n) => n.startsWith('xl/')) ? ['xlsx' as const] : [])];
    const kind = choose(kinds, fileName);
    return kind && { kind, macros: names.some((n) => n.endsWith('vbaProject.bin')) };
  }
  return null;
}
