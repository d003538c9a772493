/**
 * Every action the server writes to the audit log, by module, in the order the audit page's filter
 * lists them. An action is shown to the system administrator only once it is listed here and not
 * restricted (audit.policy.ts): a new action stays out of their view until it is classified.
 */
export const AUDIT_ACTIONS: Record<string, readonly string[]> = {
  auth: [
    'login', 'login_failed', 'account_locked', 'login_locked', 'rate_limited', 'logout', 'password_changed', 'password_change_failed', 'denied',
    'second_factor_enabled', 'second_factor_failed', 'second_factor_disabled', 'recovery_code_used', 'recovery_codes_renewed',
  ],
  users: ['create', 'update', 'reset_password', 'reset_second_factor', 'unlock'],
  orgs: ['create', 'update', 'archive'],
  residents: ['create', 'update', 'archive', 'restore', 'reveal', 'view_restricted', 'import', 'export'],
  households: ['create', 'update', 'add_member', 'remove_member', 'archive'],
  cases: [
    'intake', 'update', 'accept', 'refer_out', 'decline', 'end', 'end_referred', 'start_planning', 'plan_save', 'plan_submit', 'plan_approve', 'plan_return', 'task_status',
    'record_create', 'attachment_add', 'closure_request', 'closure_approve', 'closure_return', 'reopen', 'followup_add', 'followup_record', 'team_add',
    'team_remove', 'transfer', 'view_restricted',
  ],
  assessments: ['create'],
  referrals: ['create', 'receive', 'accept', 'decline', 'accept_on_behalf', 'decline_on_behalf', 'complete', 'cancel', 'link_case'],
  resources: ['create', 'update', 'archive'],
  ecomaps: ['create'],
  safeguarding: ['report_flag', 'report_record', 'report_dismiss', 'report_view', 'order_create', 'details_update'],
  settings: ['risk_levels'],
  audit: ['read_detail'],
  system: ['seed_demo'],
};

/**
 * Modules and actions whose mere presence in a row says that a resident or case is restricted
 * (社区矫正, 社区戒毒/康复, 家庭暴力, 强制报告): they exist only in the audit administrator's view.
 */
export const RESTRICTED_AUDIT_MODULES: readonly string[] = ['safeguarding'];
export const RESTRICTED_AUDIT_ACTIONS: readonly string[] = ['residents.view_restricted', 'cases.view_restricted'];

export const allAuditActions = (): string[] => Object.entries(AUDIT_ACTIONS).flatMap(([m, steps]) => steps.map((s) => `${m}.${s}`));

/** The actions the system administrator's view may show. */
export const summaryAuditActions = (): string[] =>
  allAuditActions().filter((a) => !RESTRICTED_AUDIT_ACTIONS.includes(a) && !RESTRICTED_AUDIT_MODULES.includes(a.split('.')[0]));
