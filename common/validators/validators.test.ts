import { describe, expect, it } from 'vitest';
import { isDivisionCode, isValidCreditCode } from './credit-code.validator';
import {
  idCheckChar, maskIdNumber, parseAnyIdNumber, parseForeignPermanentId, parseHmtResidencePermit, parseIdDocument, parseIdNumber, PROVINCE_CODES,
} from './id-number.validator';
import { maskPhone, normalizeMobile } from './phone.validator';

const today = new Date('2026-11-29T00:00:00Z');
/** A well-formed 18-character number: the first 17 characters and their MOD 11-2 check character. */
const withCheck = (first17: string) => first17 + idCheckChar(first17);

describe('身份证号 (GB 11643-1999)', () => {
  it.each([
    ['11010519491231002X', '1949-12-31', 'female'],
    ['440524188001010014', '1880-01-01', 'male'],
    ['110105194912310029'.slice(0, 17) + idCheckChar('11010519491231002'), '1949-12-31', 'female'],
  ])('accepts the known-good number %s and derives birth date and sex', (id, birth, sex) => {
    expect(parseIdNumber(id, today)).toMatchObject({ ok: true, idNumber: id, birthDate: birth, sex, converted: false });
  });

  it('accepts a lower-case x as the check character', () => {
    expect(parseIdNumber('11010519491231002x', today)).toMatchObject({ ok: true, idNumber: '11010519491231002X' });
  });

  it('converts a legacy 15-digit number to 18 digits with its check character', () => {
    // 15-digit 110105491231002 → 11010519491231002X (the standard's example).
    expect(parseIdNumber('110105491231002', today)).toMatchObject({ ok: true, idNumber: '11010519491231002X', converted: true, sex: 'female' });
  });

  it.each([
    ['110105194912310021', 'checksum'],
    ['440524188001010015', 'checksum'],
    ['11010519491331002X', 'birth_date'],
    ['110105194902300025', 'birth_date'],
    ['110105203001010011', 'birth_date'],
    ['11010519491231002', 'format'],
    ['1101051949123100XX', 'format'],
    ['ABCDEFGHIJKLMNOPQR', 'format'],
    ['', 'format'],
  ])('refuses the known-bad number %s (%s)', (id, error) => {
    expect(parseIdNumber(id, today)).toEqual({ ok: false, error });
  });

  it('compares the birth date with the date in Beijing: a baby registered before 08:00 on its birthday is accepted', () => {
    const baby = withCheck('33010620260310001');
    // 07:30 in Beijing on 10 March is still 9 March in UTC.
    expect(parseIdNumber(baby, new Date('2026-03-09T23:30:00Z'))).toMatchObject({ ok: true, birthDate: '2026-03-10', sex: 'male' });
    // 23:00 in Beijing on 9 March: the birth date is tomorrow.
    expect(parseIdNumber(baby, new Date('2026-03-09T15:00:00Z'))).toEqual({ ok: false, error: 'birth_date' });
  });

  it('knows the 34 province-level codes and refuses an address code whose province does not exist', () => {
    expect(Object.keys(PROVINCE_CODES)).toHaveLength(34);
    for (const [code, ok] of [['11', true], ['46', true], ['50', true], ['65', true], ['71', true], ['00', false], ['20', false], ['39', false], ['66', false], ['80', false], ['83', false]] as const) {
      const r = parseIdNumber(withCheck(`${code}0102194912310`.padEnd(17, '2')), today);
      expect(r.ok ? 'ok' : r.error, code).toBe(ok ? 'ok' : 'province');
    }
    // A legacy 15-digit number is held to the same rule.
    expect(parseIdNumber('200105491231002', today)).toEqual({ ok: false, error: 'province' });
  });

  it('names a 居住证 or 永居证 number typed as a 身份证号, so the ID type can be changed', () => {
    expect(parseIdNumber('810000199408230021', today)).toEqual({ ok: false, error: 'is_hmt_permit' });
    expect(parseIdNumber('830000199201300022', today)).toEqual({ ok: false, error: 'is_hmt_permit' });
    expect(parseIdNumber('911398199012310021', today)).toEqual({ ok: false, error: 'is_foreign_permanent' });
  });

  it('masks all but the address code and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
  });
});

describe('港澳台居民居住证', () => {
  it.each([
    // The sample numbers published with the permit's design (北京市公安局).
    ['810000199408230021', '1994-08-23', 'female'],
    ['830000199201300022', '1992-01-30', 'female'],
    [withCheck('82000020010704001'), '2001-07-04', 'male'],
  ])('accepts %s and derives birth date and sex', (id, birthDate, sex) => {
    expect(parseHmtResidencePermit(id, today)).toMatchObject({ ok: true, idNumber: id, birthDate, sex });
    expect(parseIdDocument('hmt_residence_permit', id, today)).toMatchObject({ ok: true, birthDate, sex });
  });

  it.each([
    [withCheck('84000019940823002'), 'hmt_format'],
    [withCheck('81010019940823002'), 'hmt_format'],
    ['11010519491231002X', 'hmt_format'],
    ['81000019940823002', 'hmt_format'],
    ['810000199408230022', 'checksum'],
    [withCheck('81000019940230002'), 'birth_date'],
    [withCheck('81000020270101002'), 'birth_date'],
  ])('refuses %s (%s)', (id, error) => {
    expect(parseHmtResidencePermit(id, today)).toEqual({ ok: false, error });
  });
});

describe('外国人永久居留身份证', () => {
  it('accepts the 2023 number 911398199012310021 (北京, 398 Kazakhstan) and derives birth date and sex', () => {
    expect(parseForeignPermanentId('911398199012310021', today)).toMatchObject({ ok: true, birthDate: '1990-12-31', sex: 'female' });
    expect(parseForeignPermanentId(withCheck('93184019850615003'), today)).toMatchObject({ ok: true, birthDate: '1985-06-15', sex: 'male' });
  });

  it.each([
    ['999398199012310021', 'province'],
    [withCheck('97139819901231002'), 'province'],
    [withCheck('98139819901231002'), 'province'],
    [withCheck('91199919901231002'), 'nationality'],
    [withCheck('91100019901231002'), 'nationality'],
    ['911398199002310021', 'birth_date'],
    ['911398199012310022', 'checksum'],
    ['811398199012310021', 'foreign_format'],
    ['91139819901231002', 'foreign_format'],
  ])('refuses the 2023 number %s (%s)', (id, error) => {
    expect(parseForeignPermanentId(id, today)).toEqual({ ok: false, error });
  });

  it('takes a 2017 number by its shape and nationality, deriving nothing from it', () => {
    expect(parseForeignPermanentId('kaz110090123105', today)).toEqual({ ok: true, idNumber: 'KAZ110090123105', birthDate: null, sex: null, converted: false });
    expect(parseForeignPermanentId('KAA110090123105', today)).toEqual({ ok: false, error: 'nationality' });
    expect(parseForeignPermanentId('KA1110090123105', today)).toEqual({ ok: false, error: 'foreign_format' });
  });
});

describe('the validator of each ID type', () => {
  it('runs the rules of the type, and none for documents without a checkable structure', () => {
    expect(parseIdDocument('resident_id_card', '810000199408230021', today)).toEqual({ ok: false, error: 'is_hmt_permit' });
    expect(parseIdDocument('foreign_permanent', '11010519491231002X', today)).toEqual({ ok: false, error: 'foreign_format' });
    expect(parseIdDocument('passport', 'E12345678', today)).toBeNull();
    expect(parseIdDocument('other', '任意编号', today)).toBeNull();
  });

  it('finds the document of a whole number whose type is not known (search, duplicate check)', () => {
    expect(parseAnyIdNumber('110105491231002', today)).toMatchObject({ idNumber: '11010519491231002X' });
    expect(parseAnyIdNumber('810000199408230021', today)).toMatchObject({ birthDate: '1994-08-23' });
    expect(parseAnyIdNumber('911398199012310021', today)).toMatchObject({ birthDate: '1990-12-31' });
    expect(parseAnyIdNumber('911398199012310022', today)).toBeNull();
  });
});

describe('mobile numbers', () => {
  it('accepts mainland mobiles, with or without +86, spaces or dashes', () => {
    expect(normalizeMobile('13812341234')).toBe('13812341234');
    expect(normalizeMobile('+86 138-1234-1234')).toBe('13812341234');
    expect(normalizeMobile('8619912341234')).toBe('19912341234');
  });
  it('refuses numbers that are not mainland mobiles', () => {
    for (const bad of ['12812341234', '1381234123', '138123412345', '0571-88880001', 'abc']) expect(normalizeMobile(bad)).toBeNull();
  });
  it('masks the middle four digits', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
});

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts codes with the right check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('52330199MJ00000172')).toBe(true);
  });
  it('refuses a wrong check character, a forbidden letter or a wrong length', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('9135010OM000100Y43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
  });
  it('knows 6-digit district codes and 12-digit statistical codes', () => {
    expect(isDivisionCode('330106', 6)).toBe(true);
    expect(isDivisionCode('330106001001', 12)).toBe(true);
    expect(isDivisionCode('03301', 6)).toBe(false);
  });
});
