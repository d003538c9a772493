import { SearchOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ACTIONS, summaryAuditActions } from '../../../../common/codes/audit.codes';
import { actionLabel, cstDate, ENTITY_TYPES, entityLabel } from './audit.format';

/** The audit search as it sits in the page address (so a search can be reloaded and shared). */
export type AuditFilter = { q?: string; action?: string; outcome?: string; from?: string; to?: string; entityType?: string; entityId?: string };

type Values = { q?: string; action?: string; outcome?: string; dates?: [Dayjs | null, Dayjs | null] | null; entityType?: string; entityId?: string };

const day = (d: Dayjs) => d.format('YYYY-MM-DD');

/** Searches an administrator asks for most: one click each. */
function useQuickFilters(): { key: string; label: string; filter: AuditFilter }[] {
  const { t } = useTranslation();
  const today = cstDate();
  const weekAgo = cstDate(6);
  return [
    { key: 'failed', label: t('audit.quick.failedLoginsToday'), filter: { action: 'auth.login_failed', from: today, to: today } },
    { key: 'locked', label: t('audit.quick.lockedToday'), filter: { action: 'auth.account_locked', from: today, to: today } },
    { key: 'denied', label: t('audit.quick.deniedWeek'), filter: { outcome: 'denied', from: weekAgo, to: today } },
    { key: 'residents', label: t('audit.quick.residentChangesWeek'), filter: { action: 'residents.update', from: weekAgo, to: today } },
    { key: 'users', label: t('audit.quick.adminChangesWeek'), filter: { action: 'users.', from: weekAgo, to: today } },
    { key: 'today', label: t('audit.quick.today'), filter: { from: today, to: today } },
  ];
}

const sameFilter = (a: AuditFilter, b: AuditFilter) => {
  const keys: (keyof AuditFilter)[] = ['q', 'action', 'outcome', 'from', 'to', 'entityType', 'entityId'];
  return keys.every((k) => (a[k] ?? '') === (b[k] ?? ''));
};

/**
 * Quick searches, then keyword, action (by module, or any typed prefix), outcome, dates and record.
 * `full`: the audit administrator's view; the system administrator is offered only the actions
 * their view can show.
 */
export function AuditFilters({ value, onChange, compact = false, full }: { value: AuditFilter; onChange: (f: AuditFilter) => void; compact?: boolean; full: boolean }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [actionSearch, setActionSearch] = useState('');
  const quick = useQuickFilters();
  // Phones: every control takes the full width.
  const w = (px: number) => ({ width: compact ? '100%' : px });

  useEffect(() => {
    form.setFieldsValue({
      q: value.q, action: value.action, outcome: value.outcome, entityType: value.entityType, entityId: value.entityId,
      dates: value.from || value.to ? [value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null] : null,
    });
  }, [value, form]);

  const actionOptions = useMemo(() => {
    const shown = new Set(summaryAuditActions());
    const groups = Object.entries(AUDIT_ACTIONS)
      .map(([module, steps]) => [module, steps.filter((s) => full || shown.has(`${module}.${s}`))] as const)
      .filter(([, steps]) => steps.length)
      .map(([module, steps]) => ({
        label: t(`audit.module.${module}`),
        title: module,
        options: [
          { value: `${module}.`, label: t('audit.filter.allOf', { module: t(`audit.module.${module}`) }) },
          ...steps.map((a) => ({ value: `${module}.${a}`, label: actionLabel(`${module}.${a}`) })),
        ],
      }));
    const all = new Set(groups.flatMap((g) => g.options.map((o) => o.value)));
    // Any typed text is a prefix of action codes (the API filters by prefix): offer it as a choice.
    const free = [actionSearch.trim(), value.action ?? ''].filter((s, i, arr) => s && !all.has(s) && arr.indexOf(s) === i);
    return [...free.map((s) => ({ value: s, label: t('audit.filter.prefix', { text: s }) })), ...groups];
  }, [t, actionSearch, value.action, full]);

  const submit = (v: Values) => {
    const [from, to] = v.dates ?? [];
    onChange({
      q: v.q?.trim() || undefined,
      action: v.action || undefined,
      outcome: v.outcome || undefined,
      from: from ? day(from) : undefined,
      to: to ? day(to) : undefined,
      entityType: v.entityType || undefined,
      entityId: v.entityId?.trim() || undefined,
    });
  };

  const range = (fromDaysAgo: number, toDaysAgo = 0) => [dayjs(cstDate(fromDaysAgo)), dayjs(cstDate(toDaysAgo))] as [Dayjs, Dayjs];
  const presets = [
    { label: t('audit.filter.today'), value: range(0) },
    { label: t('audit.filter.yesterday'), value: range(1, 1) },
    { label: t('audit.filter.last7'), value: range(6) },
    { label: t('audit.filter.last30'), value: range(29) },
  ];

  return (
    <div className="filters">
      <Space wrap size={[4, 8]} style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">{t('audit.quick.label')}：</Typography.Text>
        {quick.map((qf) => (
          <Tag.CheckableTag key={qf.key} checked={sameFilter(value, qf.filter)} onChange={(on) => onChange(on ? qf.filter : {})} style={{ border: '1px solid #d9d9d9', padding: '2px 10px' }}>
            {qf.label}
          </Tag.CheckableTag>
        ))}
      </Space>
      <Form form={form} layout={compact ? 'vertical' : 'inline'} onFinish={submit} style={{ rowGap: 8 }}>
        <Form.Item name="q">
          <Input allowClear prefix={<SearchOutlined />} placeholder={t('audit.filter.qPlaceholder')} aria-label={t('audit.filter.q')} style={w(220)} />
        </Form.Item>
        <Form.Item name="action">
          <Select
            allowClear
            placeholder={t('audit.filter.actionPlaceholder')}
            aria-label={t('audit.filter.action')}
            options={actionOptions}
            showSearch={{
              onSearch: setActionSearch,
              filterOption: (input, opt) => {
                const s = input.trim().toLowerCase();
                return !!opt && 'value' in opt && (String(opt.label).toLowerCase().includes(s) || String(opt.value).toLowerCase().includes(s) || opt.value === input.trim());
              },
            }}
            onBlur={() => setActionSearch('')}
            popupMatchSelectWidth={false}
            style={w(200)}
          />
        </Form.Item>
        <Form.Item name="outcome">
          <Select
            allowClear
            placeholder={t('audit.filter.allOutcomes')}
            aria-label={t('audit.filter.outcome')}
            options={['success', 'failure', 'denied'].map((o) => ({ value: o, label: t(`audit.outcome.${o}`) }))}
            style={w(120)}
          />
        </Form.Item>
        <Form.Item name="dates">
          <DatePicker.RangePicker allowEmpty={[true, true]} presets={presets} aria-label={t('audit.filter.dates')} style={w(250)} />
        </Form.Item>
        <Form.Item name="entityType">
          <Select
            allowClear
            placeholder={t('audit.filter.allEntities')}
            aria-label={t('audit.filter.entityType')}
            options={ENTITY_TYPES.map((e) => ({ value: e, label: entityLabel(e) }))}
            style={w(120)}
          />
        </Form.Item>
        <Form.Item name="entityId">
          <Input allowClear placeholder={t('audit.filter.entityIdPlaceholder')} aria-label={t('audit.filter.entityId')} className="masked" style={w(200)} />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />}>
              {t('audit.filter.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                onChange({});
              }}
            >
              {t('audit.filter.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </div>
  );
}
