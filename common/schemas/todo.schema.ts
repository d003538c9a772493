/** 我的待办: what the caller has to do, from every module, in one list (`GET /api/todo`). */
export const TODO_KINDS = [
  'followup', // 回访 / 告诫书查访 / 保护令回访 due
  'task', // a plan task the caller owns
  'assessment_due', // reassessment due (MZ/T 039: 6 months)
  'report_due', // 强制报告 not yet recorded
  'referral_feedback', // a referral the caller sent waits for an answer or feedback
  'referral_answer', // a referral to the caller's unit waits for acceptance
  'plan_returned', // the supervisor returned the caller's plan
  'plan_review', // supervisor: a plan waits for approval
  'closure_review', // supervisor: a closure waits for approval
  'no_contact', // a case went longer without contact than its risk level allows
  'late_record', // supervisor: a record entered more than 24 h after the service
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export type TodoItem = {
  kind: TodoKind;
  /** The record the item is about (task id, follow-up id, referral id …). */
  id: string;
  caseId: string | null;
  caseNo: string | null;
  clientName: string | null;
  /** What to do, in Chinese as the server words it (the web may word it from `kind`). */
  title: string;
  dueDate: string | null;
  overdue: boolean;
  /** Whole Beijing days past `dueDate` when overdue (0: overdue since earlier today), else null. */
  overdueDays: number | null;
  /** overdue | today | upcoming (within 7 days) | review (no date: approvals, answers) */
  group: 'overdue' | 'today' | 'upcoming' | 'review';
};

/** `more`: kinds with more items than the list shows (the earliest due are shown). */
export type TodoPage = { data: TodoItem[]; total: number; more: TodoKind[] };

export type Notification = { id: string; kind: string; caseId: string | null; text: string; createdAt: string; readAt: string | null };
