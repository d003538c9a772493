import { describe, expect, it } from 'vitest';
import { addMonths, archiveNo, archivePrefix, canTransition, contactOverdue, endAction, isLateRecord, retentionFor, serviceEnd, TRANSITIONS } from './cases.rules';

describe('case lifecycle rules', () => {
  it('moves a case only along 接案 → 预估 → 计划 → 介入 → 评估 → 结案', () => {
    expect(canTransition('accept', 'intake')).toBe(true);
    expect(canTransition('accept', 'assessment')).toBe(false);
    expect(canTransition('start_planning', 'assessment')).toBe(true);
    expect(canTransition('submit_plan', 'planning')).toBe(true);
    // A revised plan is submitted from service; never straight from intake.
    expect(canTransition('submit_plan', 'active')).toBe(true);
    expect(canTransition('submit_plan', 'intake')).toBe(false);
    expect(canTransition('request_closure', 'active')).toBe(true);
    expect(canTransition('request_closure', 'planning')).toBe(false);
    expect(canTransition('approve_closure', 'closure_review')).toBe(true);
    expect(canTransition('reopen', 'closed')).toBe(true);
    expect(canTransition('reopen', 'declined')).toBe(false);
  });

  it('leaves no way out of a declined, referred-out or ended case', () => {
    for (const [action, t] of Object.entries(TRANSITIONS)) {
      for (const end of ['declined', 'referred_out', 'ended']) expect((t.from as readonly string[]).includes(end), `${action} from ${end}`).toBe(false);
    }
  });

  it('ends a case in 预估 or 计划 only, referred elsewhere (已转出) or for another reason (已终止)', () => {
    expect(endAction('referred')).toBe('end_referred');
    expect(TRANSITIONS[endAction('referred')].to).toBe('referred_out');
    for (const reason of ['client_withdrew', 'moved', 'deceased', 'no_need', 'lost_contact', 'other']) expect(TRANSITIONS[endAction(reason)].to, reason).toBe('ended');
    for (const action of ['end', 'end_referred'] as const) {
      expect(canTransition(action, 'assessment')).toBe(true);
      expect(canTransition(action, 'planning')).toBe(true);
      // At intake the decision refers out or declines; once in service, the case closes through 评估.
      for (const status of ['intake', 'plan_review', 'active', 'closure_review', 'closed']) expect(canTransition(action, status), `${action} from ${status}`).toBe(false);
    }
  });

  it('marks a record late only when entered more than 24 hours after the service ended (§7.2.3)', () => {
    const end = serviceEnd('2026-11-02', '10:00');
    expect(end.toISOString()).toBe('2026-11-02T02:00:00.000Z');
    expect(isLateRecord(end, new Date('2026-11-03T02:00:00.000Z'))).toBe(false);
    expect(isLateRecord(end, new Date('2026-11-03T02:00:01.000Z'))).toBe(true);
    // Without a time, the service ends at the end of its (Beijing) day.
    expect(isLateRecord(serviceEnd('2026-11-02'), new Date('2026-11-03T12:00:00+08:00'))).toBe(false);
  });

  it('flags a case in service whose last contact lies further back than its risk level allows', () => {
    const c = { status: 'active', contactDays: 7, lastContactDate: '2026-11-01', intakeDate: '2026-10-01' };
    expect(contactOverdue(c, '2026-11-08')).toBe(false);
    expect(contactOverdue(c, '2026-11-09')).toBe(true);
    // Without any contact yet, the intake counts; a closed case is never overdue.
    expect(contactOverdue({ ...c, lastContactDate: null, contactDays: 30 }, '2026-10-31')).toBe(false);
    expect(contactOverdue({ ...c, lastContactDate: null, contactDays: 30 }, '2026-11-01')).toBe(true);
    expect(contactOverdue({ ...c, status: 'closed' }, '2027-01-01')).toBe(false);
  });

  it('adds calendar months, keeping to the last day of a shorter month', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2026-05-15', 6)).toBe('2026-11-15');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
  });

  it('numbers a closed case per DA/T 22—2015 and keeps restricted and juvenile files permanently', () => {
    expect(retentionFor({ restricted: false, juvenile: false })).toBe('D30');
    expect(retentionFor({ restricted: true, juvenile: false })).toBe('Y');
    expect(retentionFor({ restricted: false, juvenile: true })).toBe('Y');
    const prefix = archivePrefix({ fonds: 'S013', year: 2026, retention: 'D30' });
    expect(archiveNo(prefix, 7)).toBe('S013-WS·2026-D30-GA-0007');
  });
});
