import type { Texts } from '../../lib/i18n';

/** Strings of 我的待办, the supervisor's workbench and the notification bell. */
export const todoText: Texts = {
  zh: {
    title: '我的待办',
    intro: '逾期和今天要做的事在最上面。完成后对应事项会自动消失。',
    more: '事项较多：{{kinds}}只列出最早到期的一部分，其余请在个案列表中筛选查看。',
    moreLink: '去个案列表',
    refresh: '刷新',
    groups: { overdue: '已逾期', today: '今天', upcoming: '近 7 天', review: '待处理' },
    kinds: {
      followup: '回访', task: '计划任务', assessment_due: '到期复评', report_due: '强制报告', referral_feedback: '转介待反馈', referral_answer: '转介待接收',
      plan_returned: '计划被退回', plan_review: '计划待审批', closure_review: '结案待审批', no_contact: '超期未联系', late_record: '逾期录入',
    },
    due: '{{date}} 到期', overdueDays: '逾期 {{days}} 天', overdueToday: '已逾期', today: '今天到期', open: '去处理',
    empty: '没有待办事项', emptyHint: '新的回访、任务和审批会出现在这里。',
    groupEmpty: '无', allKinds: '全部', showAll: '显示其余 {{count}} 项', showLess: '收起',
    total: '共 {{count}} 项',
    supervisor: {
      title: '督导工作台', intro: '您督导的个案中需要关注的事项。',
      approvals: '待审批', approvalsEmpty: '没有等待审批的计划或结案',
      noContact: '超期未联系的个案', noContactEmpty: '所有个案都在联系周期内',
      late: '逾期录入的服务记录', lateEmpty: '没有逾期录入的记录',
    },
    bell: {
      title: '通知', empty: '没有通知', markAll: '全部标为已读', unread: '{{count}} 条未读', label: '通知（{{count}} 条未读）', viewTodo: '查看我的待办',
    },
  },
  en: {
    title: 'My to-do list',
    intro: 'Overdue and today’s items come first. Items disappear once done.',
    more: 'Many items: only the earliest of {{kinds}} are listed; filter the case list for the rest.',
    moreLink: 'Open the case list',
    refresh: 'Refresh',
    groups: { overdue: 'Overdue', today: 'Today', upcoming: 'Next 7 days', review: 'Waiting for you' },
    kinds: {
      followup: 'Follow-up', task: 'Plan task', assessment_due: 'Reassessment due', report_due: 'Mandatory report', referral_feedback: 'Referral feedback', referral_answer: 'Referral to accept',
      plan_returned: 'Plan returned', plan_review: 'Plan to approve', closure_review: 'Closure to approve', no_contact: 'Contact overdue', late_record: 'Late record',
    },
    due: 'due {{date}}', overdueDays: '{{days}} days overdue', overdueToday: 'overdue', today: 'due today', open: 'Open',
    empty: 'Nothing to do', emptyHint: 'New follow-ups, tasks and approvals appear here.',
    groupEmpty: 'None', allKinds: 'All', showAll: 'Show {{count}} more', showLess: 'Show less',
    total: '{{count}} items',
    supervisor: {
      title: 'Supervisor’s workbench', intro: 'What needs attention in the cases you supervise.',
      approvals: 'Approvals waiting', approvalsEmpty: 'No plan or closure waits for approval',
      noContact: 'Cases without contact for too long', noContactEmpty: 'All cases are within their contact interval',
      late: 'Records entered late', lateEmpty: 'No late records',
    },
    bell: {
      title: 'Notifications', empty: 'No notifications', markAll: 'Mark all read', unread: '{{count}} unread', label: 'Notifications ({{count}} unread)', viewTodo: 'Open my to-do list',
    },
  },
};
