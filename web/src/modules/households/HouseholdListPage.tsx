import { MergeCellsOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Grid, Input, Select, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { HOUSEHOLD_TYPES } from '../../../../common/codes/resident.codes';
import type { Household } from '../../../../common/schemas/households.schema';
import { useCan, useCanOpen, useMe } from '../../app/auth';
import { EmptyState, ErrorState } from '../../app/states';
import { api, type Page } from '../../lib/api';
import { codeOptions } from '../../lib/i18n';
import { CompactList } from './CompactList';
import { HouseholdCreateModal } from './HouseholdCreateModal';
import { householdKeys, type HouseholdFilters } from './households.api';
import { HouseholdTypeTag } from './HouseholdTypeTag';

const PAGE_SIZES = [10, 20, 50, 100];

/** Reads the filters from the address bar, so a filtered list can be bookmarked and shared. */
function useFilters(communities: { id: string }[]): [HouseholdFilters, (patch: Partial<HouseholdFilters>) => void] {
  const [params, setParams] = useSearchParams();
  const num = (k: string, d: number, ok: (n: number) => boolean) => {
    const n = Number(params.get(k));
    return Number.isInteger(n) && ok(n) ? n : d;
  };
  // Values the API would refuse (a community outside the user's scope, an unknown type) are ignored.
  const communityId = params.get('communityId');
  const type = params.get('type');
  const filters: HouseholdFilters = {
    q: params.get('q')?.trim().slice(0, 50) || undefined,
    communityId: communityId && communities.some((c) => c.id === communityId) ? communityId : undefined,
    type: type && HOUSEHOLD_TYPES.some((c) => c.code === type) ? type : undefined,
    page: num('page', 1, (n) => n >= 1),
    pageSize: num('pageSize', 20, (n) => PAGE_SIZES.includes(n)),
  };
  const update = (patch: Partial<HouseholdFilters>) => {
    const next = { ...filters, ...patch };
    // Any change other than the page starts again at page 1.
    if (!('page' in patch)) next.page = 1;
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(next)) {
      if (v === undefined || v === null || v === '') continue;
      if ((k === 'page' && v === 1) || (k === 'pageSize' && v === 20)) continue;
      p.set(k, String(v));
    }
    setParams(p);
  };
  return [filters, update];
}

export default function HouseholdListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const canWrite = useCan('households.write');
  const canOpen = useCanOpen();
  const fromAddresses = '/households/from-addresses';
  // 新建家庭 and 按地址生成家庭, in the title and in the empty list, for those who may use them.
  const actions = (
    <Space wrap>
      {canWrite && (
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('households.create')}
        </Button>
      )}
      {canOpen(fromAddresses) && (
        <Link to={fromAddresses}>
          <Button icon={<MergeCellsOutlined />}>{t('households.fromAddress.action')}</Button>
        </Link>
      )}
    </Space>
  );
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const [filters, setFilters] = useFilters(me.communities);
  const [q, setQ] = useState(filters.q ?? '');
  const [creating, setCreating] = useState(false);
  const multi = me.communities.length > 1;

  // Back/forward in the browser changes the URL: keep the search box in step.
  useEffect(() => setQ(filters.q ?? ''), [filters.q]);

  const query = useQuery({
    queryKey: householdKeys.list(filters),
    queryFn: () => api.get<Page<Household>>('/api/households', filters),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(filters.q || filters.communityId || filters.type);
  // A page past the end (a bookmark, or the last row of the last page gone): go to the last page.
  const lastPage = query.data && !query.isPlaceholderData && query.data.data.length === 0 && query.data.total > 0 ? Math.ceil(query.data.total / filters.pageSize) : null;
  useEffect(() => {
    if (lastPage && lastPage < filters.page) setFilters({ page: lastPage });
  }, [lastPage, filters.page, setFilters]);
  const rows = query.data?.data ?? [];
  const total = query.data?.total ?? 0;

  const pagination = {
    current: filters.page,
    pageSize: filters.pageSize,
    total,
    showSizeChanger: !compact,
    pageSizeOptions: PAGE_SIZES,
    simple: compact,
    showTotal: (n: number) => t('app.state.total', { count: n }),
    onChange: (page: number, pageSize: number) => setFilters(pageSize !== filters.pageSize ? { pageSize } : { page }),
  };

  const columns: TableColumnsType<Household> = [
    {
      title: t('households.field.address'),
      dataIndex: 'address',
      render: (v: string, h) => <Link to={`/households/${h.id}`}>{v}</Link>,
    },
    ...(multi ? [{ title: t('households.field.community'), dataIndex: 'communityName', width: 140 }] : []),
    {
      title: t('households.field.head'),
      dataIndex: 'headName',
      width: 140,
      render: (v: string | null) => v ?? <Typography.Text type="secondary">{t('households.noHead')}</Typography.Text>,
    },
    { title: t('households.field.memberCount'), dataIndex: 'memberCount', width: 90, align: 'right' },
    { title: t('households.field.type'), dataIndex: 'type', width: 150, render: (v: string) => <HouseholdTypeTag type={v} /> },
  ];

  const empty = filtered ? (
    <EmptyState description={t('households.empty.filtered')}>
      <Button onClick={() => setFilters({ q: undefined, communityId: undefined, type: undefined })}>{t('households.empty.clearFilters')}</Button>
    </EmptyState>
  ) : (
    <EmptyState
      description={
        <>
          <div>{t('households.empty.none')}</div>
          <Typography.Text type="secondary">{t('households.empty.noneHint')}</Typography.Text>
        </>
      }
    >
      {actions}
    </EmptyState>
  );

  return (
    <>
      <div className="page-title">
        <Typography.Title level={4}>{t('households.title')}</Typography.Title>
        {actions}
      </div>
      <Card styles={{ body: { padding: compact ? 12 : 16 } }}>
        <Space wrap className="filters" style={{ width: '100%' }}>
          <Input.Search
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value && filters.q) setFilters({ q: undefined });
            }}
            onSearch={(v) => setFilters({ q: v.trim() || undefined })}
            placeholder={t('households.searchPlaceholder')}
            aria-label={t('households.searchPlaceholder')}
            allowClear
            maxLength={50}
            style={{ width: compact ? 'calc(100vw - 58px)' : 280 }}
          />
          {multi && (
            <Select
              value={filters.communityId}
              onChange={(v?: string) => setFilters({ communityId: v })}
              options={me.communities.map((c) => ({ value: c.id, label: c.name }))}
              placeholder={t('households.allCommunities')}
              aria-label={t('households.field.community')}
              allowClear
              style={{ width: 160 }}
            />
          )}
          <Select
            value={filters.type}
            onChange={(v?: string) => setFilters({ type: v })}
            options={codeOptions(HOUSEHOLD_TYPES)}
            placeholder={t('households.allTypes')}
            aria-label={t('households.field.type')}
            allowClear
            style={{ width: 160 }}
          />
        </Space>
        {query.error && !query.data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : compact ? (
          <CompactList
            items={rows}
            rowKey={(h) => h.id}
            loading={query.isFetching}
            empty={query.isPending ? null : empty}
            pagination={total > 0 ? pagination : false}
            render={(h) => (
              <Link to={`/households/${h.id}`} style={{ display: 'block', color: 'inherit' }}>
                <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
                  <Typography.Text strong style={{ color: '#0f766e' }}>
                    {h.address}
                  </Typography.Text>
                  <HouseholdTypeTag type={h.type} />
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {[multi ? h.communityName : null, h.headName ? t('households.headIs', { name: h.headName }) : t('households.noHead'), t('households.people', { count: h.memberCount })]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
              </Link>
            )}
          />
        ) : (
          <Table<Household>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={rows}
            loading={query.isFetching}
            locale={{ emptyText: query.isPending ? ' ' : empty }}
            pagination={total > 0 ? pagination : false}
          />
        )}
      </Card>
      <HouseholdCreateModal open={creating} onClose={() => setCreating(false)} communityId={filters.communityId} />
    </>
  );
}
