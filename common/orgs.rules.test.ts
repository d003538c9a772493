import { describe, expect, it } from 'vitest';
import { archiveHolder, archiveUnits, defaultServingUnit, divisionCodeIssue, fondsCodeIssue, type RuleUnit } from './orgs.rules';

const unit = (id: string, kind: string, parentId: string | null, more: Partial<RuleUnit> = {}): RuleUnit => ({
  id, kind, parentId, name: id, fondsCode: null, serves: [], archived: false, ...more,
});

describe('division codes by kind', () => {
  it.each([
    ['community', '330199001001'],
    ['community', '330199001199'],
    ['village', '330199101200'],
    ['village', '330199101399'],
    ['street', '330199001000'],
    ['street', '330199101000'],
    ['district', '330199'],
    ['district', null],
    ['street', null],
    ['agency', null],
  ])('accepts a %s with %s', (kind, code) => {
    expect(divisionCodeIssue(kind, code)).toBeNull();
  });

  it.each([
    ['community', null, 'division_code.required'],
    ['village', '', 'division_code.required'],
    ['community', '3301990010', 'division_code.twelve'],
    ['community', '330199001000', 'division_code.community'],
    ['community', '330199001201', 'division_code.community'],
    ['village', '330199101001', 'division_code.village'],
    ['village', '330199101400', 'division_code.village'],
    ['street', '330199001001', 'division_code.street'],
    ['street', '330199000000', 'division_code.street'],
    ['district', '330199001000', 'division_code.district'],
    ['station', '330199001001', 'division_code.not_applicable'],
  ])('refuses a %s with %s as %s', (kind, code, issue) => {
    expect(divisionCodeIssue(kind, code)).toBe(issue);
  });
});

describe('全宗号', () => {
  it.each(['0012', 'J001', 'S013', '2B3C'])('accepts %s on an agency or station', (code) => {
    expect(fondsCodeIssue('agency', code)).toBeNull();
    expect(fondsCodeIssue('station', code)).toBeNull();
  });

  it.each(['J01', 'J0012', 'ABCD', 'j001', 'J-01', '０００１'])('refuses %s', (code) => {
    expect(fondsCodeIssue('station', code)).toBe('fonds_code.invalid');
  });

  it('belongs to agencies and stations only', () => {
    expect(fondsCodeIssue('community', '0012')).toBe('fonds_code.not_applicable');
    expect(fondsCodeIssue('street', '0012')).toBe('fonds_code.not_applicable');
  });
});

describe('who holds a community’s archives', () => {
  const street = unit('street', 'street', 'district');
  const community = unit('c1', 'community', 'street');

  it('is the station serving it, when it has a 全宗号', () => {
    const agency = unit('agency', 'agency', null, { fondsCode: 'A001' });
    const station = unit('station', 'station', 'agency', { fondsCode: 'S001', serves: ['c1'] });
    expect(archiveHolder(community, [street, community, agency, station])?.id).toBe('station');
  });

  it('is the station’s agency when the station has none', () => {
    const agency = unit('agency', 'agency', null, { fondsCode: 'A001' });
    const station = unit('station', 'station', 'agency', { serves: ['c1'] });
    expect(archiveHolder(community, [street, community, agency, station])?.id).toBe('agency');
  });

  it('is an agency serving it directly when no station does', () => {
    const agency = unit('agency', 'agency', null, { fondsCode: 'A001', serves: ['c1'] });
    expect(archiveHolder(community, [street, community, agency])?.id).toBe('agency');
  });

  it('asks the station set up under the community’s street first, then the others by name', () => {
    const other = unit('a-other', 'station', 'agency', { fondsCode: 'S002', serves: ['c1'] });
    const streets = unit('z-street', 'station', 'street', { fondsCode: 'S001', serves: ['c1'] });
    expect(archiveUnits(community, [other, streets]).map((u) => u.id)).toEqual(['z-street', 'a-other']);
    expect(archiveHolder(community, [other, streets])?.id).toBe('z-street');
  });

  it('ignores archived units, and is nobody when no unit has a 全宗号', () => {
    const agency = unit('agency', 'agency', null);
    const station = unit('station', 'station', 'agency', { serves: ['c1'] });
    const retired = unit('retired', 'station', 'agency', { fondsCode: 'S009', serves: ['c1'], archived: true });
    expect(archiveUnits(community, [agency, station, retired]).map((u) => u.id)).toEqual(['station', 'agency']);
    expect(archiveHolder(community, [agency, station, retired])).toBeNull();
    expect(archiveHolder(community, [])).toBeNull();
  });
});

describe('the station that serves a new community by default', () => {
  const c1 = unit('c1', 'community', 'street');
  const c2 = unit('c2', 'village', 'street');
  const elsewhere = unit('c9', 'community', 'other-street');

  it('is the station already serving most of the street’s communities', () => {
    const a = unit('a', 'station', 'agency', { serves: ['c1'] });
    const b = unit('b', 'station', 'agency', { serves: ['c1', 'c2'] });
    const far = unit('far', 'station', 'agency', { serves: ['c9', 'c8', 'c7'] });
    expect(defaultServingUnit('street', [c1, c2, elsewhere, a, b, far])?.id).toBe('b');
  });

  it('is a station set up under the street when none serves its communities yet', () => {
    const own = unit('own', 'station', 'street');
    const far = unit('far', 'station', 'agency', { serves: ['c9'] });
    expect(defaultServingUnit('street', [c1, elsewhere, own, far])?.id).toBe('own');
  });

  it('is none for a street no station works in, and never an archived station', () => {
    const far = unit('far', 'station', 'agency', { serves: ['c9'] });
    const retired = unit('retired', 'station', 'street', { serves: ['c1'], archived: true });
    expect(defaultServingUnit('street', [c1, elsewhere, far, retired])).toBeNull();
    expect(defaultServingUnit(null, [c1, far])).toBeNull();
  });
});
