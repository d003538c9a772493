import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { sniffFileType } from './file-type';

// note.doc, note.docx and register.xls were written by LibreOffice 7 from a text file and a CSV.
const fixture = (name: string) => fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'file-type.fixtures', name));

/** An OLE2 file with one directory entry renamed (the name and its length in bytes at 0x40). */
function renameEntry(file: Buffer, from: string, to: string): Buffer {
  const b = Buffer.from(file);
  const at = b.indexOf(Buffer.from(`${from}\0`, 'utf16le'));
  expect(at % 128).toBe(0);
  b.fill(0, at, at + 64);
  b.write(`${to}\0`, at, 'utf16le');
  b.writeUInt16LE((to.length + 1) * 2, at + 0x40);
  return b;
}

const zip = async (entries: Record<string, string>) => {
  const z = new JSZip();
  for (const [name, content] of Object.entries(entries)) z.file(name, content);
  return z.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
};
const ftyp = (major: string, ...compatible: string[]) => {
  const box = Buffer.alloc(16 + 4 * compatible.length);
  box.writeUInt32BE(box.length, 0);
  box.write(`ftyp${major}`, 4, 'latin1');
  compatible.forEach((c, i) => box.write(c, 16 + 4 * i, 'latin1'));
  return Buffer.concat([box, Buffer.alloc(64)]);
};

describe('sniffFileType', () => {
  it('reads JPEG, PNG, PDF and HEIC from their first bytes, whatever the name says', () => {
    expect(sniffFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]), 'a.pdf')?.kind).toBe('jpg');
    expect(sniffFileType(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]), 'a.jpg')?.kind).toBe('png');
    expect(sniffFileType(Buffer.from('%PDF-1.7\n%âãÏÓ\n', 'latin1'), 'scan')?.kind).toBe('pdf');
    // An iPhone photo: major brand heic; an Android one: mif1 with heic compatible.
    expect(sniffFileType(ftyp('heic', 'mif1', 'heic'), 'IMG_0001.HEIC')?.kind).toBe('heic');
    expect(sniffFileType(ftyp('mif1', 'mif1', 'heic', 'miaf'), 'photo.heif')?.kind).toBe('heic');
  });

  it('refuses programs and other files, also under an allowed name', () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00', 'latin1'), Buffer.alloc(120), Buffer.from('PE\0\0', 'latin1')]);
    expect(sniffFileType(exe, '报告.pdf')).toBeNull();
    expect(sniffFileType(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), 'photo.jpg')).toBeNull();
    expect(sniffFileType(Buffer.from('#!/bin/sh\nrm -rf /\n'), 'a.docx')).toBeNull();
    expect(sniffFileType(Buffer.from('%PD'), 'a.pdf')).toBeNull();
    expect(sniffFileType(Buffer.alloc(0), 'a.png')).toBeNull();
    expect(sniffFileType(ftyp('avif', 'avif', 'mif1', 'miaf'), 'a.heic')).toBeNull();
    expect(sniffFileType(ftyp('mif1', 'mif1', 'avif'), 'a.heic')).toBeNull();
    expect(sniffFileType(ftyp('isom', 'isom', 'mp42'), 'a.heic')).toBeNull();
  });

  it('tells .doc from .xls by the streams of the OLE2 file, and refuses an OLE2 file that is neither (an .msi installer)', () => {
    expect(sniffFileType(fixture('note.doc'), 'note.doc')).toEqual({ kind: 'doc', macros: false });
    expect(sniffFileType(fixture('note.doc'), '登记表.xls')).toEqual({ kind: 'doc', macros: false });
    expect(sniffFileType(fixture('register.xls'), 'register.doc')).toEqual({ kind: 'xls', macros: false });
    expect(sniffFileType(renameEntry(fixture('note.doc'), 'WordDocument', 'SummaryData'), 'setup.doc')).toBeNull();
    // Only when the file holds both streams (a document embedding the other) does its name decide.
    const both = renameEntry(fixture('note.doc'), '1Table', 'Book');
    expect(sniffFileType(both, 'a.xls')?.kind).toBe('xls');
    expect(sniffFileType(both, 'a.doc')?.kind).toBe('doc');
    expect(sniffFileType(both, 'a.bin')).toBeNull();
  });

  it('tells .docx from .xlsx by the entries of the zip, and refuses a zip that is not an office document', async () => {
    expect(sniffFileType(fixture('note.docx'), 'note.xlsx')).toEqual({ kind: 'docx', macros: false });
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('名单').addRow(['张三']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(sniffFileType(xlsx, 'names.docx')).toEqual({ kind: 'xlsx', macros: false });
    expect(sniffFileType(await zip({ 'a.txt': 'x', 'word/document.xml': '<w/>' }), 'a.docx')).toBeNull();
    expect(sniffFileType(await zip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' }), 'a.docx')).toBeNull();
    expect(sniffFileType(xlsx.subarray(0, xlsx.length - 30), 'cut.xlsx')).toBeNull();
  });

  it('notes the macros of a document, in both the OLE2 and the zip formats', async () => {
    expect(sniffFileType(renameEntry(fixture('note.doc'), '1Table', 'Macros'), 'a.doc')).toEqual({ kind: 'doc', macros: true });
    expect(sniffFileType(renameEntry(fixture('register.xls'), '\u0001CompObj', '_VBA_PROJECT_CUR'), 'a.xls')).toEqual({ kind: 'xls', macros: true });
    const docm = await zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w/>', 'word/vbaProject.bin': 'vba' });
    expect(sniffFileType(docm, 'a.docx')).toEqual({ kind: 'docx', macros: true });
  });
});
