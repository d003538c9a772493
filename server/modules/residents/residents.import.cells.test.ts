import { describe, expect, it } from 'vitest';
import { ETHNICITIES } from '../../../common/codes/ethnicity.codes';
import { DISABILITY_GRADES, EDUCATIONS } from '../../../common/codes/resident.codes';
import { cellText, cellValue, columnForHeader, findCodeLoose, idNumberText, normalizeHeader, parseDateCell, splitList } from './residents.excel';
import { addressOf, auditFilters, chinaDate } from './residents.export';

describe('reading Excel cells as people fill them in', () => {
  it('reads formulas by their result, rich text joined, hyperlinks by their text', () => {
    expect(cellValue({ formula: 'A1&B1', result: '汉族' })).toBe('汉族');
    expect(cellValue({ sharedFormula: 'A1', result: 5 } as never)).toBe(5);
    expect(cellValue({ formula: 'A1' } as never)).toBeNull();
    expect(cellValue({ richText: [{ text: '张' }, { text: '三' }] })).toBe('张三');
    expect(cellValue({ text: '13812341234', hyperlink: 'tel:13812341234' })).toBe('13812341234');
    expect(cellValue({ error: '#N/A' } as never)).toBe('#N/A');
  });

  it('writes whole numbers without exponent or decimal point, and trims invisible spaces', () => {
    expect(cellText(110105491231002)).toBe('110105491231002');
    expect(cellText(302)).toBe('302');
    expect(cellText('\u00a0 张三\u200b\u3000')).toBe('张三');
    expect(cellText(new Date(Date.UTC(1949, 11, 31)))).toBe('1949-12-31');
  });

  it('reads dates from Excel dates, serial numbers and the usual Chinese spellings', () => {
    expect(parseDateCell(new Date(Date.UTC(1949, 11, 30, 23, 59, 59, 999)))).toBe('1949-12-31');
    expect(parseDateCell(18264)).toBe('1950-01-01');
    expect(parseDateCell(19491231)).toBe('1949-12-31');
    for (const s of ['1949-12-31', '1949/12/31', '1949.12.31', '1949年12月31日', '19491231', '１９４９－１２－３１']) expect(parseDateCell(s), s).toBe('1949-12-31');
    expect(parseDateCell('1949-1-5')).toBe('1949-01-05');
    for (const s of ['1949-02-30', '12/31/1949', '去年', '']) expect(parseDateCell(s), s).toBeNull();
  });

  it('refuses an ID number Excel stored as a number of 16 digits or more, whose last digits are lost', () => {
    expect(idNumberText(Number('110105194912310029'))).toEqual({ lostDigits: true });
    expect(idNumberText(1.10105e17)).toEqual({ lostDigits: true });
    expect(idNumberText(110105491231002)).toEqual({ value: '110105491231002' });
    expect(idNumberText(" '110105 19491231 002x ")).toEqual({ value: '11010519491231002X' });
    expect(idNumberText('１１０１０５１９４９１２３１００２Ｘ')).toEqual({ value: '11010519491231002X' });
  });

  it('finds codes by label, code or English, 民族 without its 族, grades as 一级 or 1', () => {
    expect(findCodeLoose(ETHNICITIES, '汉')?.code).toBe('01');
    expect(findCodeLoose(ETHNICITIES, '1')?.code).toBe('01');
    expect(findCodeLoose(ETHNICITIES, '蒙古族')?.code).toBe('02');
    expect(findCodeLoose(EDUCATIONS, 'Bachelor’s'.replace('’', "'"))?.code).toBe('bachelor');
    expect(findCodeLoose(EDUCATIONS, '高中／中专')?.code).toBe('senior');
    expect(findCodeLoose(DISABILITY_GRADES, '二级')?.code).toBe('2');
    expect(findCodeLoose(DISABILITY_GRADES, '3级')?.code).toBe('3');
    expect(findCodeLoose(DISABILITY_GRADES, '4')?.code).toBe('4');
    expect(findCodeLoose(DISABILITY_GRADES, '五级')).toBeUndefined();
  });

  it('knows the template titles and the usual alternatives, with or without ＊ and notes', () => {
    expect(normalizeHeader(' 证件号码＊（身份证号）')).toBe('证件号码');
    expect(columnForHeader('身份证号码')?.field).toBe('idNumber');
    expect(columnForHeader('姓名*')?.field).toBe('name');
    expect(columnForHeader('联系电话')?.field).toBe('phone');
    expect(columnForHeader('序号')).toBeUndefined();
    expect(splitList('空巢老人、高龄老人，独居老人,留守老人')).toEqual(['空巢老人', '高龄老人', '独居老人', '留守老人']);
  });
});

describe('export helpers', () => {
  it('writes the address as the list does, and keeps a rural 门牌 as written', () => {
    expect(addressOf({ neighborhood: '曙光花园', building: '3', unit: '2', room: '302' })).toBe('曙光花园 3栋 2单元 302室');
    expect(addressOf({ neighborhood: '竹林一组', building: null, unit: null, room: '12号' })).toBe('竹林一组 12号');
  });

  it('masks a whole ID or mobile number typed into the search before the audit log keeps it', () => {
    expect(auditFilters({ q: '11010519491231002X', page: 2, pageSize: 20 })).toEqual({ q: '110105********002X' });
    expect(auditFilters({ q: '13812341234' })).toEqual({ q: '138****1234' });
    expect(auditFilters({ q: '张三', sex: 'male' })).toEqual({ q: '张三', sex: 'male' });
  });

  it('dates the file in China time', () => {
    expect(chinaDate(new Date('2026-11-29T17:00:00Z'))).toBe('20261130');
  });
});
