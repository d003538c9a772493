import { describe, expect, it } from 'vitest';
import { addDays, addMonths, chinaToday, daysBetween, yearsBefore } from './dates';

describe('Beijing dates', () => {
  it('turns the day at 16:00 UTC, midnight in Beijing', () => {
    expect(chinaToday(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
    expect(chinaToday(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
  });
  it('counts years back to the same day, 29 February to 28 February', () => {
    expect(yearsBefore('2026-11-29', 60)).toBe('1966-11-29');
    expect(yearsBefore('2024-02-29', 1)).toBe('2023-02-28');
    expect(yearsBefore('2024-02-29', 4)).toBe('2020-02-29');
  });
  it('adds days and months as calendars count them (民法典 第202条: no such day → the month’s last day)', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(daysBetween('2026-11-01', '2026-12-01')).toBe(30);
  });
});
