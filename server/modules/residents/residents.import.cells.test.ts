import { describe, expect, it } from 'vitest';
import { ETHNICITIES } from '../../../common/codes/ethnicity.codes';
import { DISABILITY_GRADES, DISABILITY_TYPES, EDUCATIONS, HUKOU_TYPES } from '../../../common/codes/resident.codes';
import { TAGS } from '../../../common/codes/tag.codes';
import { columnForHeader, normalizeHeader } from './residents.excel';
import { cellText, findCodeLoose, idNumberText, parseAddress, parseDateCell, splitList } from './residents.excel.cells';
import { addressOf, auditFilters, chinaDate } from './residents.export';

describe('reading Excel cells as people fill them in', () => {
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

  it('understands the words offices use for coded values, and 残疾类别 without 残疾', () => {
    expect(findCodeLoose(HUKOU_TYPES, ' 本市 ')?.code).toBe('local');
    expect(findCodeLoose(EDUCATIONS, '硕士')?.code).toBe('postgraduate');
    expect(findCodeLoose(EDUCATIONS, '职高')?.code).toBe('senior');
    expect(findCodeLoose(DISABILITY_TYPES, '肢体')?.code).toBe('physical');
    expect(findCodeLoose(TAGS, '低保户')?.code).toBe('assistance_recipient');
  });

  it('splits a one-column address into 小区, 楼栋, 单元 and 室, or keeps it whole as the 详细地址', () => {
    expect(parseAddress('曙光花园3栋2单元302室')).toEqual({ neighborhood: '曙光花园', building: '3', unit: '2', room: '302' });
    expect(parseAddress('幸福路12号 5幢 101')).toEqual({ neighborhood: '幸福路12号', building: '5', room: '101' });
    expect(parseAddress('桃源小区8-1-502')).toEqual({ neighborhood: '桃源小区', building: '8', unit: '1', room: '502' });
    expect(parseAddress('竹林村三组27号')).toEqual({ addressDetail: '竹林村三组27号' });
    expect(parseAddress('')).toEqual({});
  });

  it('knows the template titles and the usual alternatives, with or without ＊ and notes', () => {
    expect(normalizeHeader(' 证件号码＊（身份证号）')).toBe('证件号码');
    expect(columnForHeader('身份证号码')?.field).toBe('idNumber');
    expect(columnForHeader('姓名*')?.field).toBe('name');
    expect(columnForHeader('联系电话')?.field).toBe('phone');
    expect(columnForHeader('序号')?.kind).toBe('ignore');
    expect(columnForHeader('备用')).toBeUndefined();
    expect(splitList('空巢老人、高龄老人，独居老人,留守老人/失独老人 残疾人')).toEqual(['空巢老人', '高龄老人', '独居老人', '留守老人', '失独老人', '残疾人']);
  });

  it('matches titles loosely: spaces, full-width brackets and letters, （必填） and 【选填】 marks, common alternative names', () => {
    expect(columnForHeader('身 份 证 号（必填）')?.field).toBe('idNumber');
    expect(columnForHeader('姓名【必填】')?.field).toBe('name');
    expect(columnForHeader('联系电话(手机)')?.field).toBe('phone');
    expect(columnForHeader('现居住地址：')?.field).toBe('address');
    expect(columnForHeader('家庭住址')?.field).toBe('address');
    expect(columnForHeader('人员类别')?.field).toBe('tags');
    expect(columnForHeader('户编号')?.field).toBe('householdKey');
    expect(columnForHeader('与户主关系')?.field).toBe('relationToHead');
    expect(columnForHeader('户主身份证号')?.field).toBe('headIdNumber');
    expect(columnForHeader('ＮＯ．')?.kind).toBe('ignore');
    expect(columnForHeader('必填姓名')?.field).toBe('name');
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
