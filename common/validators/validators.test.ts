import { describe, expect, it } from 'vitest';
import { isDivisionCode, isValidCreditCode } from './credit-code.validator';
import { idCheckChar, maskIdNumber, parseIdNumber } from './id-number.validator';
import { maskPhone, normalizeMobile } from './phone.validator';

const today = new Date('2026-11-29T00:00:00Z');

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

  it('masks all but the address code and the last four characters', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110105********002X');
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
