import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Grid, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ORG_KINDS } from '../../../../common/codes/org.codes';
import { ROLES } from '../../../../common/permissions';
import type { AuditEntry } from '../../../../common/schemas/audit.schema';
import type { User } from '../../../../common/schemas/users.schema';
import { useCan } from '../../app/auth';
import { EmptyState, ErrorState } from '../../app/states';
import { api, type Page } from '../../lib/api';
import { codeLabel } from '../../lib/i18n';
import { useOrgUnits } from '../orgs/orgs.data';
import { actionLabel, browserInCst, cstTime, entityLabel, fieldLabel, shortId, type Lookup } from './audit.format';
import { AuditEntryDetail } from './AuditEntryDetail';
import { AuditFilters, type AuditFilter } from './AuditFilters';

const FILTER_KEYS = ['q', 'action', 'outcome', 'from', 'to', 'entityType', 'entityId'] as const;
const OUTCOME_COLORS: Record<string, string> = { success: 'success', failure: 'error', denied: 'warning' };
const PAGE_SIZES = [20, 50, 100];

/** Usernames of the users a page of entries refers to, so "对象" reads 用户 shegong1 rather than an id. */
function useUserNames(entries: AuditEntry[], enabled: boolean): Map<string, string> {
  const known = new Map<string, string>();
  for (const e of entries) if (e.actorId && e.actorUsername) known.set(e.actorId, e.actorUsername);
  const missing = [...new Set(entries.filter((e) => e.entityType === 'user' && e.entityId && !known.has(e.entityId)).map((e) => e.entityId!))];
  const results = useQueries({
    queries: missing.map((id) => ({
      queryKey: ['users', 'one', id],
      queryFn: () => api.get<{ data: User }>(`/api/users/${id}`),
      staleTime: 5 * 60_000,
      retry: false,
      enabled,
    })),
  });
  results.forEach((r, i) => r.data && known.set(missing[i], r.data.data.username));
  return known;
}

/** 审计日志: read-only search over who did what, when, from where, and with what outcome. */
export default function AuditPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const canReadUsers = useCan('users.manage');
  const full = useCan('audit.read_detail');
  // Stable while the address is: the filter form resets its fields only when the search changes.
  const filter: AuditFilter = useMemo(() => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined]).filter(([, v]) => v)), [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const pageSize = PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20;
  const filterKey = JSON.stringify(filter);

  const list = useQuery({
    queryKey: ['audit', filterKey, page, pageSize],
    queryFn: () => api.get<Page<AuditEntry>>('/api/audit', { ...filter, page, pageSize }),
    placeholderData: keepPreviousData,
  });
  const orgs = useOrgUnits(useCan('orgs.read'));
  const lookup: Lookup = useMemo(() => ({ units: new Map((orgs.data ?? []).map((u) => [u.id, u])) }), [orgs.data]);
  const entries = useMemo(() => list.data?.data ?? [], [list.data]);
  const userNames = useUserNames(entries, canReadUsers);
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;

  const go = (next: AuditFilter, p = 1, size = pageSize) => {
    const out: Record<string, string> = {};
    for (const k of FILTER_KEYS) if (next[k]) out[k] = next[k]!;
    if (p > 1) out.page = String(p);
    if (size !== 20) out.pageSize = String(size);
    setParams(out);
  };
  const only = (patch: AuditFilter) => (e: MouseEvent) => {
    e.stopPropagation();
    go({ ...filter, ...patch });
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      title: browserInCst() ? t('audit.col.at') : t('audit.col.atCst'),
      dataIndex: 'at',
      key: 'at',
      width: 168,
      render: (v: string) => <span style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>{cstTime(v)}</span>,
    },
    {
      title: t('audit.col.actor'),
      key: 'actor',
      render: (_, e) =>
        e.actorUsername ? (
          <Tooltip title={t('audit.filterBy')}>
            <Button type="link" size="small" style={{ padding: 0 }} className="masked" onClick={only({ q: e.actorUsername })}>
              {e.actorUsername === 'system' && !e.actorId ? t('audit.system') : e.actorUsername}
            </Button>
          </Tooltip>
        ) : (
          <Typography.Text type="secondary">{t('audit.anonymous')}</Typography.Text>
        ),
    },
    {
      title: t('audit.col.role'),
      dataIndex: 'actorRole',
      key: 'role',
      responsive: ['lg'],
      render: (v: string | null) => (v ? codeLabel(ROLES, v) : <Typography.Text type="secondary">—</Typography.Text>),
    },
    {
      title: t('audit.col.action'),
      dataIndex: 'action',
      key: 'action',
      render: (v: string) => (
        <Tooltip title={<span className="masked">{v}</span>}>
          <span style={{ whiteSpace: 'nowrap' }}>{actionLabel(v)}</span>
        </Tooltip>
      ),
    },
    {
      title: t('audit.col.entity'),
      key: 'entity',
      responsive: ['sm'],
      render: (_, e) => {
        if (!e.entityType && !e.entityId) return <Typography.Text type="secondary">—</Typography.Text>;
        const unit = e.entityType === 'org_unit' && e.entityId ? lookup.units.get(e.entityId) : undefined;
        const user = e.entityType === 'user' && e.entityId ? userNames.get(e.entityId) : undefined;
        const name = unit ? `${unit.name}` : user;
        return (
          <span style={{ whiteSpace: 'nowrap' }}>
            <Typography.Text type="secondary">{entityLabel(e.entityType)}</Typography.Text>{' '}
            {e.entityId && (
              <Tooltip title={<><div className="masked">{e.entityId}</div><div>{t('audit.filterBy')}</div></>}>
                <Button type="link" size="small" style={{ padding: 0 }} onClick={only({ entityType: e.entityType ?? undefined, entityId: e.entityId })}>
                  {name ?? <span className="masked">{shortId(e.entityId)}</span>}
                </Button>
              </Tooltip>
            )}
            {unit && <Typography.Text type="secondary" style={{ fontSize: 12 }}> {codeLabel(ORG_KINDS, unit.kind)}</Typography.Text>}
          </span>
        );
      },
    },
    {
      title: t('audit.col.changed'),
      key: 'changed',
      responsive: ['md'],
      render: (_, e) => {
        const fields = e.changedFields;
        if (!fields.length) return null;
        const shown = fields.slice(0, 4).map((f) => fieldLabel(f, e.entityType)).join(t('audit.sep'));
        return (
          <Tooltip title={fields.map((f) => fieldLabel(f, e.entityType)).join(t('audit.sep'))}>
            <span>
              {shown}
              {fields.length > 4 && <Typography.Text type="secondary">{` ${t('audit.more', { count: fields.length - 4 })}`}</Typography.Text>}
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: t('audit.col.outcome'),
      dataIndex: 'outcome',
      key: 'outcome',
      render: (v: string) => <Tag color={OUTCOME_COLORS[v]}>{t(`audit.outcome.${v}`, { defaultValue: v })}</Tag>,
    },
    { title: t('audit.col.ip'), dataIndex: 'ip', key: 'ip', responsive: ['xl'], render: (v: string | null) => <span className="masked">{v ?? '—'}</span> },
  ];

  // On a phone one cell says what happened; the expanded row tells the rest.
  const compactColumns: TableColumnsType<AuditEntry> = [
    {
      title: `${t('audit.col.action')} · ${t('audit.col.outcome')}`,
      key: 'summary',
      render: (_, e) => (
        <div>
          <div>
            <span style={{ marginInlineEnd: 6 }}>{actionLabel(e.action)}</span>
            <Tag color={OUTCOME_COLORS[e.outcome]}>{t(`audit.outcome.${e.outcome}`, { defaultValue: e.outcome })}</Tag>
          </div>
          <Typography.Text type="secondary" style={{ fontSize: 12, fontVariantNumeric: 'tabular-nums' }}>
            {cstTime(e.at)} · {e.actorUsername ?? t('audit.anonymous')}
            {e.entityType ? ` · ${entityLabel(e.entityType)}` : ''}
          </Typography.Text>
        </div>
      ),
    },
  ];

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>{t('audit.title')}</Typography.Title>
      </div>
      <Alert
        type="info"
        showIcon
        title={t('audit.readOnly')}
        description={
          <>
            <div>{t('audit.readOnlyHint')}</div>
            <div>{t(full ? 'audit.view.full' : 'audit.view.summary')}</div>
          </>
        }
        style={{ marginBottom: 16 }}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <AuditFilters value={filter} onChange={(f) => go(f)} compact={compact} full={full} />
      </Card>
      {list.error && !list.data ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<AuditEntry>
          rowKey="id"
          size="small"
          columns={compact ? compactColumns : columns}
          dataSource={entries}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: list.isPending ? ' ' : <EmptyState /> }}
          expandable={{ expandedRowRender: (e) => <AuditEntryDetail entry={e} lookup={lookup} />, expandRowByClick: true }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (n) => t('app.state.total', { count: n }),
            onChange: (p, size) => go(filter, size !== pageSize ? 1 : p, size),
          }}
        />
      )}
    </div>
  );
}
