import type { Texts } from '../lib/i18n';

export const appText: Texts = {
  zh: {
    name: '邻里',
    fullName: '社区社会工作服务信息系统',
    menu: {
      workbench: '工作台',
      home: '首页概览',
      residents: '居民',
      residentList: '居民档案',
      households: '家庭/户',
      importExport: '导入导出',
      system: '系统管理',
      orgs: '组织机构',
      users: '用户与角色',
      audit: '审计日志',
    },
    action: {
      save: '保存', cancel: '取消', edit: '编辑', create: '新建', delete: '删除', search: '查询', reset: '重置', back: '返回',
      retry: '重试', confirm: '确定', close: '关闭', export: '导出', import: '导入', more: '更多', view: '查看', print: '打印', refresh: '刷新',
    },
    state: {
      loading: '正在加载…', empty: '暂无数据', error: '加载失败', noPermission: '您没有查看此页面的权限。', saved: '已保存', notFound: '页面不存在',
      notFoundHint: '您访问的页面不存在，或已被移走。', goHome: '回到首页', total: '共 {{count}} 条',
    },
    header: { language: '语言', logout: '退出登录', changePassword: '修改密码', scope: '负责社区', allScope: '{{count}} 个社区', noScope: '未分配社区' },
    login: {
      title: '登录', username: '用户名', password: '密码', submit: '登录', subtitle: '社区社会工作服务信息系统',
      hint: '依据 MZ/T 071—2016《社区社会工作服务指南》', usernameRequired: '请输入用户名', passwordRequired: '请输入密码',
      codeHint: '首次登录或密码被重置时，请在“密码”处输入管理员给您的一次性验证码。',
    },
    password: {
      title: '修改密码', mustChange: '为了账号安全，请先设置您自己的密码。', current: '当前密码（或一次性验证码）', next: '新密码', repeat: '再次输入新密码',
      mismatch: '两次输入的新密码不一致', rule: '至少 8 位，须包含字母和数字', done: '密码已修改',
    },
    sessionExpired: '登录已过期，请重新登录。',
    footer: '邻里 Linli · 依据 MZ/T 071—2016',
  },
  en: {
    name: 'Linli',
    fullName: 'Community Social Work Information System',
    menu: {
      workbench: 'Workbench',
      home: 'Overview',
      residents: 'Residents',
      residentList: 'Resident records',
      households: 'Households',
      importExport: 'Import / export',
      system: 'Administration',
      orgs: 'Organisations',
      users: 'Users and roles',
      audit: 'Audit log',
    },
    action: {
      save: 'Save', cancel: 'Cancel', edit: 'Edit', create: 'New', delete: 'Delete', search: 'Search', reset: 'Reset', back: 'Back',
      retry: 'Retry', confirm: 'OK', close: 'Close', export: 'Export', import: 'Import', more: 'More', view: 'View', print: 'Print', refresh: 'Refresh',
    },
    state: {
      loading: 'Loading…', empty: 'Nothing here yet', error: 'Could not load', noPermission: 'You may not see this page.', saved: 'Saved', notFound: 'Page not found',
      notFoundHint: 'This page does not exist or has moved.', goHome: 'Go to the overview', total: '{{count}} in total',
    },
    header: { language: 'Language', logout: 'Log out', changePassword: 'Change password', scope: 'Communities', allScope: '{{count}} communities', noScope: 'No community assigned' },
    login: {
      title: 'Log in', username: 'Username', password: 'Password', submit: 'Log in', subtitle: 'Community Social Work Information System',
      hint: 'Following MZ/T 071—2016, Guidelines for Community Social Work Services', usernameRequired: 'Enter your username', passwordRequired: 'Enter your password',
      codeHint: 'On first login, or after a reset, enter the one-time code from your administrator as the password.',
    },
    password: {
      title: 'Change password', mustChange: 'For your account’s safety, please choose your own password first.', current: 'Current password (or one-time code)', next: 'New password', repeat: 'Repeat new password',
      mismatch: 'The new passwords differ', rule: 'At least 8 characters with letters and digits', done: 'Password changed',
    },
    sessionExpired: 'Your session has ended. Please log in again.',
    footer: 'Linli · following MZ/T 071—2016',
  },
};
