import { describe, expect, it } from 'vitest';
import {
  addDays, addMonths, crossesSeriousThreshold, orderVisitDates, protectionOrderLatestEnd, protectionOrderTooLong, rehabDateProblems, rehabTermMaxEnd, reportDueAt,
  seriousViolation, seriousViolationConcern,
} from './safeguarding.rules';

const zero = { testRefusals: 0, unauthorizedLeaves: 0, unauthorizedLeaveDays: 0 };

describe('safeguarding rules', () => {
  it('makes a flagged report due 24 hours after the flag', () => {
    expect(reportDueAt(new Date('2026-03-01T10:00:00Z')).toISOString()).toBe('2026-03-02T10:00:00.000Z');
  });

  it('adds months to the same day, or to the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 6)).toBe('2026-07-15');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2027-08-31', 6)).toBe('2028-02-29');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addDays('2026-02-27', 3)).toBe('2026-03-02');
  });

  it('lets a protection order run six months from the day it was made, to the corresponding day (民法典 第201–202条), and not one day more', () => {
    expect(protectionOrderLatestEnd('2026-01-15')).toBe('2026-07-15');
    expect(protectionOrderTooLong({ issuedOn: '2026-01-15', validTo: '2026-07-14' })).toBe(false);
    expect(protectionOrderTooLong({ issuedOn: '2026-01-15', validTo: '2026-07-15' })).toBe(false);
    expect(protectionOrderTooLong({ issuedOn: '2026-01-15', validTo: '2026-07-16' })).toBe(true);
    // No corresponding day: the last day of the month.
    expect(protectionOrderTooLong({ issuedOn: '2026-08-31', validTo: '2027-02-28' })).toBe(false);
    expect(protectionOrderTooLong({ issuedOn: '2026-08-31', validTo: '2027-03-01' })).toBe(true);
    expect(protectionOrderLatestEnd('2027-08-31')).toBe('2028-02-29');
  });

  it('ends a 社区戒毒 term, and caps a 社区康复 term, three years after the day the person reported', () => {
    expect(rehabTermMaxEnd('2025-06-10')).toBe('2028-06-10');
    expect(rehabTermMaxEnd('2024-02-29')).toBe('2027-02-28');
  });

  it('takes a 社区康复 end up to three years after reporting and refuses one day more, an end before reporting, or an end typed for 社区戒毒', () => {
    const today = '2026-03-01';
    const rehab = { rehabType: 'community_rehab', reportDate: '2025-06-10' };
    expect(rehabDateProblems({ ...rehab, rehabTermEnd: '2026-06-10' }, today)).toEqual([]);
    expect(rehabDateProblems({ ...rehab, rehabTermEnd: '2028-06-10' }, today)).toEqual([]);
    expect(rehabDateProblems({ ...rehab, rehabTermEnd: '2028-06-11' }, today)).toEqual([{ field: 'rehabTermEnd', code: 'rehab.term_too_long', latest: '2028-06-10' }]);
    expect(rehabDateProblems({ ...rehab, rehabTermEnd: '2025-06-10' }, today)).toEqual([{ field: 'rehabTermEnd', code: 'date_order' }]);
    expect(rehabDateProblems({ rehabType: 'community_rehab', rehabTermEnd: '2026-06-10' }, today)).toEqual([{ field: 'reportDate', code: 'required' }]);
    expect(rehabDateProblems({ rehabType: 'community_detox', reportDate: '2025-06-10', rehabTermEnd: '2028-06-10' }, today)).toEqual([{ field: 'rehabTermEnd', code: 'rehab.term_derived' }]);
  });

  it('refuses a report date in the future and an agreement signed before reporting', () => {
    expect(rehabDateProblems({ reportDate: '2026-03-02' }, '2026-03-01')).toEqual([{ field: 'reportDate', code: 'future_date' }]);
    expect(rehabDateProblems({ reportDate: '2026-03-01', agreementDate: '2026-03-01' }, '2026-03-01')).toEqual([]);
    expect(rehabDateProblems({ reportDate: '2026-02-10', agreementDate: '2026-02-09' }, '2026-03-01')).toEqual([{ field: 'agreementDate', code: 'rehab.agreement_before_report' }]);
  });

  it('counts three refused tests or three unauthorised leaves as serious, and leave days only above thirty', () => {
    expect(seriousViolation({ ...zero, testRefusals: 2 }).any).toBe(false);
    expect(seriousViolation({ ...zero, testRefusals: 3 })).toMatchObject({ testRefusals: true, any: true });
    expect(seriousViolation({ ...zero, unauthorizedLeaves: 3 })).toMatchObject({ unauthorizedLeaves: true, any: true });
    expect(seriousViolation({ ...zero, unauthorizedLeaveDays: 30 }).any).toBe(false);
    expect(seriousViolation({ ...zero, unauthorizedLeaveDays: 31 })).toMatchObject({ unauthorizedLeaveDays: true, any: true });
  });

  it('sees the threshold crossed only when the counts go from not serious to serious', () => {
    expect(crossesSeriousThreshold(zero, { ...zero, testRefusals: 3 })).toBe(true);
    expect(crossesSeriousThreshold({ ...zero, testRefusals: 3 }, { ...zero, testRefusals: 4 })).toBe(false);
    expect(crossesSeriousThreshold({ ...zero, testRefusals: 3 }, { ...zero, testRefusals: 3, unauthorizedLeaves: 3 })).toBe(false);
    expect(crossesSeriousThreshold(zero, { ...zero, testRefusals: 2, unauthorizedLeaveDays: 30 })).toBe(false);
  });

  it('words the police report with the grounds of 第20条', () => {
    const text = seriousViolationConcern({ testRefusals: 3, unauthorizedLeaves: 1, unauthorizedLeaveDays: 35 });
    expect(text).toContain('拒绝接受检测 3 次');
    expect(text).toContain('累计 35 日');
    expect(text).not.toContain('离开所在县（市、区） 1 次');
  });

  it('schedules a visit within 7 days and another after a month for a written warning', () => {
    expect(orderVisitDates({ kind: 'warning_letter', issuedOn: '2026-03-10' })).toEqual(['2026-03-17', '2026-04-10']);
  });

  it('schedules a protection order visit within 3 days, then monthly until the order ends', () => {
    expect(orderVisitDates({ kind: 'protection_order', issuedOn: '2026-03-01', validFrom: '2026-03-02', validTo: '2026-06-01' })).toEqual([
      '2026-03-05', '2026-04-02', '2026-05-02',
    ]);
    expect(orderVisitDates({ kind: 'protection_order', issuedOn: '2026-01-31', validTo: '2026-07-31' })).toEqual([
      '2026-02-03', '2026-02-28', '2026-03-31', '2026-04-30', '2026-05-31', '2026-06-30', '2026-07-31',
    ]);
  });

  it('schedules only the first visit for a protection order of a few days', () => {
    expect(orderVisitDates({ kind: 'protection_order', issuedOn: '2026-03-01', validTo: '2026-03-10' })).toEqual(['2026-03-04']);
    expect(orderVisitDates({ kind: 'protection_order', issuedOn: '2026-03-01', validTo: '2026-03-02' })).toEqual([]);
  });

  it('ends the visits of a protection order without an end six months after it was made, not after its named start', () => {
    const dates = orderVisitDates({ kind: 'protection_order', issuedOn: '2026-01-15', validFrom: '2026-01-20' });
    expect(dates.at(-1)).toBe('2026-06-20');
    expect(dates.every((d) => d <= '2026-07-15')).toBe(true);
  });
});
