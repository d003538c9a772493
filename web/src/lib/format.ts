import dayjs, { type Dayjs } from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { addDays, addMonths, chinaToday } from '../../../common/dates';

/*
 * Linli keeps Beijing time, whatever the computer's clock is set to: the server's "today", due dates
 * and archive years are Beijing dates (common/dates.ts), so every time shown and every "today" the
 * web decides go through here. dayjs's default zone is set to Beijing, which antd's pickers read for
 * their "now" (the highlighted today, the 今天/此刻 buttons).
 */
dayjs.extend(utc);
dayjs.extend(timezone);
export const BEIJING = 'Asia/Shanghai';
dayjs.tz.setDefault(BEIJING);

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** A moment (ISO timestamp, Date or epoch ms) in Beijing time; a `YYYY-MM-DD` date stays that date. */
export function beijing(v: string | number | Date): Dayjs {
  return typeof v === 'string' && DATE_ONLY.test(v) ? dayjs.tz(v, BEIJING) : dayjs(v).tz(BEIJING);
}
/** Now, in Beijing time. */
export const beijingNow = (): Dayjs => dayjs().tz(BEIJING);
/** Today's Beijing date, `YYYY-MM-DD`. */
export const beijingToday = (): string => chinaToday();
/** Today's Beijing date plus `days` (negative: before). */
export const todayPlus = (days: number): string => addDays(chinaToday(), days);
/** Today's Beijing date plus whole months (the same day, or the month's last). */
export const todayPlusMonths = (months: number): string => addMonths(chinaToday(), months);
/** Calendar days from today's Beijing date to `date` (negative: `date` is past). */
export const daysFromToday = (date: string): number => dayjs(date).diff(dayjs(chinaToday()), 'day');

/** A date picker's day (whatever zone the picker built it in) as `YYYY-MM-DD`. */
const dayOf = (d: Dayjs) => d.format('YYYY-MM-DD');
/** For a picker's `disabledDate`: a day after today's Beijing date (birth dates, service dates …). */
export const isAfterToday = (d: Dayjs): boolean => dayOf(d) > chinaToday();
/** For a picker's `disabledDate`: a day before today's Beijing date (due dates, follow-ups …). */
export const isBeforeToday = (d: Dayjs): boolean => dayOf(d) < chinaToday();

export const fmtDate = (v: string | null | undefined) => (v ? beijing(v).format('YYYY-MM-DD') : '—');
export const fmtDateTime = (v: string | null | undefined) => (v ? beijing(v).format('YYYY-MM-DD HH:mm') : '—');
export const fmtDateTimeSeconds = (v: string) => beijing(v).format('YYYY-MM-DD HH:mm:ss');

/** Props for a Form.Item around a DatePicker that keeps 'YYYY-MM-DD' strings in the form store. */
export const dateItemProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d: Dayjs | null) => (d ? dayOf(d) : null),
};
/** Props for a Form.Item around a DatePicker with `showTime`: an ISO timestamp in the store, Beijing wall time on screen. */
export const dateTimeItemProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? beijing(v) : undefined }),
  normalize: (d: Dayjs | null) => (d ? dayjs.tz(d.format('YYYY-MM-DDTHH:mm:ss'), BEIJING).toISOString() : null),
};
