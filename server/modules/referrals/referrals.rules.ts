import { addDays } from '../../../common/dates';
import { OPEN_CASE_STATUSES } from '../../../common/codes/case.codes';
import { chinaToday } from '../../../common/dates';

/**
 * Days from sending to the expected feedback when the worker sets none. No national rule sets it
 * (MZ/T 071 §6.2.2 asks only that referrals be followed up): a configuration, change it here.
 */
export const FEEDBACK_DAYS = 14;

/** Referrals that still wait for something: an answer (`sent`) or feedback (`accepted`). */
export const WAITING_STATUSES = ['sent', 'accepted'] as const;

/** A case refers out while open, and after the intake decision "转介他处" (`referred_out`). */
export const REFERRING_CASE_STATUSES: readonly string[] = [...OPEN_CASE_STATUSES, 'referred_out'];

/** Org units one refers to or from: 社工站, 社区, 村. */
export const TARGET_UNIT_KINDS = ['station', 'community', 'village'] as const;

export type ReferralAction = 'accept' | 'decline' | 'complete' | 'cancel';
/** sent → accepted/declined → completed; withdrawn while sent. */
export const TRANSITIONS: Record<ReferralAction, { from: string; to: string }> = {
  accept: { from: 'sent', to: 'accepted' },
  decline: { from: 'sent', to: 'declined' },
  complete: { from: 'accepted', to: 'completed' },
  cancel: { from: 'sent', to: 'cancelled' },
};

export { addDays };

/** The "overdue alert": still waiting for an answer or feedback after `feedbackDue` (a Beijing date). */
export function isOverdue(r: { status: string; feedbackDue: string }, today = chinaToday()): boolean {
  return (WAITING_STATUSES as readonly string[]).includes(r.status) && r.feedbackDue < today;
}

