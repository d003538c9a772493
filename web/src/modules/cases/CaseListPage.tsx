import { BarChartOutlined, DownOutlined, FilterOutlined, PlusOutlined, RightOutlined, UpOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Empty, Flex, Grid, Input, Pagination, Segmented, Select, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { CASE_KINDS, CASE_STATUSES, SERVICE_AREAS } from '../../../../common/codes/case.codes';
import type { CaseListItem } from '../../../../common/schemas/cases.schema';
import { useCan, useMe } from '../../app/auth';
import { ErrorState } from '../../app/states';
import { fmtDate } from '../../lib/format';
import { rowOpens } from '../../lib/table';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { CaseCharts } from './CaseCharts';
import { CaseKindTag, CaseStatusTag, ContactOverdueTag, RiskTag, STATUS_GROUPS, type StatusGroup } from './CaseBits';
import { useCaseList } from './cases.api';
import { CASE_PAGE_SIZES, useCaseFilters, type CaseFilters, type CaseSort } from './cases.filters';
import { useRiskLevels } from '../settings/settings.api';
import { ListTotal } from '../../components/ListTotal';

const CHARTS_KEY = 'linli.cases.charts';

function LastContact({ c }: { c: CaseListItem }) {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <span>{c.lastContactDate ? fmtDate(c.lastContactDate) : <Typography.Text type="secondary">{t('cases.neverContacted')}</Typography.Text>}</span>
      {c.contactOverdue && <ContactOverdueTag risk={c.riskLevel} />}
    </Space>
  );
}

/** The phone view: one tappable card per case. */
function CaseCards({ rows, showCommunity }: { rows: CaseListItem[]; showCommunity: boolean }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      {rows.map((c) => (
        <Link key={c.id} to={`/cases/${c.id}`} style={{ color: 'inherit' }}>
          <Card size="small" hoverable styles={{ body: { padding: '10px 12px' } }}>
            <Flex justify="space-between" align="center" gap={8}>
              <div style={{ minWidth: 0, flex: 1 }}>
                <Flex gap={6} align="center" wrap>
                  <Typography.Text strong style={{ fontSize: 16 }}>
                    {c.clientName}
                  </Typography.Text>
                  <CaseStatusTag status={c.status} />
                  <RiskTag risk={c.riskLevel} />
                  <CaseKindTag kind={c.kind} restricted={c.restricted} />
                </Flex>
                <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
                  <span className="masked">{c.caseNo}</span> · {codeLabel(SERVICE_AREAS, c.serviceArea)}
                  {showCommunity && ` · ${c.communityName}`}
                </Typography.Text>
                <Flex gap={8} wrap align="center" style={{ fontSize: 13, color: '#475569', marginTop: 2 }}>
                  {c.leadName && <span>{c.leadName}</span>}
                  <span>
                    {t('cases.field.lastContact')}{t('cases.c')}{c.lastContactDate ? fmtDate(c.lastContactDate) : t('cases.neverContacted')}
                  </span>
                  {c.contactOverdue && <ContactOverdueTag risk={c.riskLevel} />}
                </Flex>
              </div>
              <RightOutlined style={{ color: '#cbd5e1' }} aria-hidden />
            </Flex>
          </Card>
        </Link>
      ))}
    </Flex>
  );
}

function SearchBox({ value, onSearch, width }: { value: string; onSearch: (q: string) => void; width: number | string }) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  // Searches after a pause in typing, like the resident list.
  useEffect(() => {
    if (text.trim() === value.trim()) return;
    const h = setTimeout(() => onSearch(text), 400);
    return () => clearTimeout(h);
  }, [text, value, onSearch]);
  return (
    <Input.Search
      allowClear
      value={text}
      onChange={(e) => setText(e.target.value)}
      onSearch={(v) => onSearch(v)}
      placeholder={t('cases.list.search')}
      aria-label={t('cases.list.search')}
      maxLength={50}
      style={{ width }}
    />
  );
}

function Filters({ filters, update, mobile }: { filters: CaseFilters; update: (p: Partial<CaseFilters>) => void; mobile: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const [more, setMore] = useState(false);
  const riskLevels = useRiskLevels();
  // Every level, deactivated ones too: older cases keep them and can still be found by them.
  const riskOptions = riskLevels.allOptions;
  const onSearch = useCallback((q: string) => update({ q }), [update]);
  const extra = [filters.riskLevel, filters.serviceArea, filters.kind, filters.communityId].filter(Boolean).length;
  const w = mobile ? '100%' : undefined;
  const group = (Object.keys(STATUS_GROUPS) as StatusGroup[]).find(
    (g) => filters.status.length === STATUS_GROUPS[g].length && STATUS_GROUPS[g].every((s) => filters.status.includes(s)),
  );
  const statusValue = group ? `g:${group}` : filters.status.length === 1 ? filters.status[0] : filters.status.length ? undefined : '';
  const statusOptions = [
    { value: '', label: t('cases.list.allStatuses') },
    { value: 'g:open', label: t('cases.list.statusOpen') },
    { value: 'g:review', label: t('cases.list.statusReview') },
    { value: 'g:ended', label: t('cases.list.statusClosed') },
    ...codeOptions(CASE_STATUSES),
  ];
  const setStatus = (v: string) => update({ status: v === '' ? [] : v.startsWith('g:') ? [...STATUS_GROUPS[v.slice(2) as StatusGroup]] : [v] });
  const status = (
    <Select value={statusValue} onChange={setStatus} options={statusOptions} aria-label={t('cases.field.status')} style={{ width: mobile ? undefined : 150, flex: mobile ? 1 : undefined }} />
  );
  const showMore = !mobile || more;
  return (
    <Flex gap={8} wrap className="filters" vertical={mobile}>
      <SearchBox value={filters.q} onSearch={onSearch} width={mobile ? '100%' : 260} />
      {mobile ? (
        <Flex gap={8}>
          {status}
          <Badge count={extra} size="small" color="#0f766e">
            <Button icon={<FilterOutlined />} onClick={() => setMore(!more)} aria-expanded={more}>
              {t('cases.list.moreFilters')}
            </Button>
          </Badge>
        </Flex>
      ) : (
        status
      )}
      {showMore && (
        <>
          <Select
            value={filters.riskLevel ?? ''}
            onChange={(v: string) => update({ riskLevel: v || undefined })}
            options={[{ value: '', label: t('cases.list.allRisks') }, ...riskOptions]}
            popupMatchSelectWidth={false}
            aria-label={t('cases.field.riskLevel')}
            style={{ width: w ?? 130 }}
          />
          <Select
            value={filters.serviceArea ?? ''}
            onChange={(v: string) => update({ serviceArea: v || undefined })}
            options={[{ value: '', label: t('cases.list.allAreas') }, ...codeOptions(SERVICE_AREAS)]}
            aria-label={t('cases.field.serviceArea')}
            popupMatchSelectWidth={false}
            style={{ width: w ?? 160 }}
          />
          <Select
            value={filters.kind ?? ''}
            onChange={(v: string) => update({ kind: v || undefined })}
            options={[{ value: '', label: t('cases.list.allKinds') }, ...codeOptions(CASE_KINDS)]}
            aria-label={t('cases.field.kind')}
            popupMatchSelectWidth={false}
            style={{ width: w ?? 130 }}
          />
          {me.communities.length > 1 && (
            <Select
              value={filters.communityId ?? ''}
              onChange={(v: string) => update({ communityId: v || undefined })}
              options={[{ value: '', label: t('cases.list.allCommunities') }, ...me.communities.map((c) => ({ value: c.id, label: c.name }))]}
              aria-label={t('cases.field.community')}
              showSearch={{ optionFilterProp: 'label' }}
              popupMatchSelectWidth={false}
              style={{ width: w ?? 150 }}
            />
          )}
        </>
      )}
    </Flex>
  );
}

/** 个案管理: the cases the user may see, with the figures of their caseload on top. */
export default function CaseListPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const me = useMe();
  const canWrite = useCan('cases.write');
  const screens = Grid.useBreakpoint();
  const mobile = screens.sm === false;
  const { filters, page, pageSize, update, reset, active, query, worker } = useCaseFilters();
  const list = useCaseList({ ...query, page, pageSize });
  // Phones start with the figures folded: the list is what one opens the page for.
  const [chartsOpen, setChartsOpen] = useState(() => (localStorage.getItem(CHARTS_KEY) ?? (window.matchMedia('(max-width: 575px)').matches ? '0' : '1')) === '1');
  const toggleCharts = () => {
    localStorage.setItem(CHARTS_KEY, chartsOpen ? '0' : '1');
    setChartsOpen(!chartsOpen);
  };
  const manyCommunities = me.communities.length > 1;
  const rows = list.data?.data ?? [];
  const total = list.data?.total ?? 0;

  const sortOrder = (key: CaseSort) => (filters.sort === key ? (filters.order === 'asc' ? ('ascend' as const) : ('descend' as const)) : null);
  const columns: TableColumnsType<CaseListItem> = [
    {
      title: t('cases.field.caseNo'),
      dataIndex: 'caseNo',
      key: 'caseNo',
      sorter: true,
      sortOrder: sortOrder('caseNo'),
      render: (v: string, c) => (
        <Link to={`/cases/${c.id}`} className="masked" style={{ whiteSpace: 'nowrap' }}>
          {v}
        </Link>
      ),
    },
    {
      title: t('cases.field.client'),
      key: 'client',
      render: (_, c) => (
        <Space size={4} wrap>
          <Link to={`/cases/${c.id}`} style={{ fontWeight: 500 }}>
            {c.clientName}
          </Link>
          <CaseKindTag kind={c.kind} restricted={c.restricted} />
        </Space>
      ),
    },
    { title: t('cases.field.community'), dataIndex: 'communityName', key: 'community', responsive: ['lg'], hidden: !manyCommunities },
    { title: t('cases.field.status'), dataIndex: 'status', key: 'status', render: (s: string) => <CaseStatusTag status={s} /> },
    { title: t('cases.field.riskLevel'), dataIndex: 'riskLevel', key: 'risk', render: (r: string) => <RiskTag risk={r} /> },
    { title: t('cases.field.serviceArea'), dataIndex: 'serviceArea', key: 'area', responsive: ['xl'], render: (v: string) => codeLabel(SERVICE_AREAS, v) },
    { title: t('cases.field.lead'), dataIndex: 'leadName', key: 'lead', responsive: ['md'], render: (v: string | null) => v ?? '—' },
    { title: t('cases.field.intakeDate'), dataIndex: 'intakeDate', key: 'intakeDate', sorter: true, sortOrder: sortOrder('intakeDate'), responsive: ['lg'], render: fmtDate },
    { title: t('cases.field.lastContact'), key: 'lastContactDate', sorter: true, sortOrder: sortOrder('lastContactDate'), render: (_, c) => <LastContact c={c} /> },
  ];

  const onTableChange: TableProps<CaseListItem>['onChange'] = (pg, _f, sorter, extra) => {
    if (extra.action === 'paginate') return update({ page: pg.current ?? 1, pageSize: pg.pageSize ?? CASE_PAGE_SIZES[0] });
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      if (!s?.order) update({ sort: 'updatedAt', order: 'desc' });
      else update({ sort: s.columnKey as CaseSort, order: s.order === 'ascend' ? 'asc' : 'desc' });
    }
  };

  const empty = active ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<><div style={{ fontWeight: 500 }}>{t('cases.list.noMatch')}</div><Typography.Text type="secondary">{t('cases.list.noMatchHint')}</Typography.Text></>}>
      <Button onClick={reset}>{t('cases.list.reset')}</Button>
    </Empty>
  ) : filters.mine !== 'all' ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<div style={{ fontWeight: 500 }}>{t(`cases.list.emptyMine.${filters.mine}`)}</div>}>
      <Button onClick={() => update({ mine: 'all' })}>{t('cases.list.showAll')}</Button>
    </Empty>
  ) : (
    <Empty description={<><div style={{ fontWeight: 500 }}>{t('cases.list.emptyTitle')}</div><Typography.Text type="secondary">{canWrite ? t('cases.list.emptyHint') : t('cases.list.emptyHintReadOnly')}</Typography.Text></>}>
      {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/cases/new')}>{t('cases.list.create')}</Button>}
    </Empty>
  );

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>{t('cases.list.title')}</Typography.Title>
        <Space wrap>
          <Button icon={<BarChartOutlined />} onClick={toggleCharts}>
            {chartsOpen ? t('cases.list.hideCharts') : t('cases.list.showCharts')} {chartsOpen ? <UpOutlined /> : <DownOutlined />}
          </Button>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/cases/new')}>
              {t('cases.list.create')}
            </Button>
          )}
        </Space>
      </div>
      {chartsOpen && <CaseCharts />}
      <Card size="small" styles={{ body: { padding: mobile ? 10 : 16 } }}>
        {worker && (
          <Segmented
            value={filters.mine}
            onChange={(v) => update({ mine: v as CaseFilters['mine'] })}
            options={(['me', 'team', 'all'] as const).map((k) => ({ value: k, label: t(`cases.list.mine.${k}`) }))}
            style={{ marginBottom: 10 }}
            block={mobile}
          />
        )}
        <Filters filters={filters} update={update} mobile={mobile} />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
              <ListTotal
                loaded={!!list.data}
                total={t('cases.list.total', { count: total })}
                filtered={active}
                reset={reset}
                texts={{ filtered: t('cases.list.filtered'), reset: t('cases.list.reset') }}
              />
              {mobile && (
                <Select
                  value={filters.sort}
                  onChange={(sort: CaseSort) => update({ sort, order: sort === 'caseNo' ? 'asc' : 'desc' })}
                  prefix={t('cases.list.sort')}
                  aria-label={t('cases.list.sort')}
                  options={(['updatedAt', 'intakeDate', 'lastContactDate', 'caseNo'] as const).map((k) => ({ value: k, label: t(`cases.list.sorts.${k}`) }))}
                  popupMatchSelectWidth={false}
                />
              )}
            </Flex>
            {mobile ? (
              <Spin spinning={list.isFetching}>
                {list.isPending ? <div style={{ minHeight: 120 }} /> : rows.length ? <CaseCards rows={rows} showCommunity={manyCommunities} /> : empty}
                {total > pageSize && (
                  <Pagination simple style={{ marginTop: 12, justifyContent: 'center' }} current={page} pageSize={pageSize} total={total} onChange={(p) => { update({ page: p, pageSize }); window.scrollTo({ top: 0 }); }} />
                )}
              </Spin>
            ) : (
              <Table<CaseListItem>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={rows}
                loading={list.isFetching}
                onChange={onTableChange}
                locale={{ emptyText: list.isPending ? ' ' : empty }}
                onRow={rowOpens<CaseListItem>(nav, (c) => `/cases/${c.id}`)}
                pagination={{ current: page, pageSize, total, showSizeChanger: true, pageSizeOptions: CASE_PAGE_SIZES, showTotal: (n) => t('app.state.total', { count: n }) }}
              />
            )}
          </>
        )}
      </Card>
    </div>
  );
}
