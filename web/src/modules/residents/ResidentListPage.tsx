import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Grid, Pagination, Space, Spin, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ResidentListItem } from '../../../../common/schemas/residents.schema';
import { useCan, useMe } from '../../app/auth';
import { ErrorState } from '../../app/states';
import { rowOpens } from '../../lib/table';
import { api } from '../../lib/api';
import { useNotifyError } from '../../lib/feedback';
import { fmtDate } from '../../lib/format';
import { ResidentCardList } from './ResidentCardList';
import { ResidentListFilters, ResidentSortSelect } from './ResidentListFilters';
import { ResidentTagList, SexMark } from './ResidentBits';
import { useResidentList } from './residents.api';
import { formatAddress } from './residents.format';
import { PAGE_SIZES, useResidentFilters } from './residents.filters';
import { ListTotal } from '../../components/ListTotal';

/** 居民档案: search, filter and page through the residents of the user's communities. */
export default function ResidentListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const notifyError = useNotifyError();
  const canWrite = useCan('residents.write');
  const canExport = useCan('residents.export');
  const canImport = useCan('residents.import');
  const screens = Grid.useBreakpoint();
  // Phones (< 576 px) get cards; the table needs room for its columns.
  const mobile = screens.sm === false;
  const { filters, page, pageSize, update, reset, active, query } = useResidentFilters();
  const list = useResidentList({ ...query, page, pageSize });
  const [exporting, setExporting] = useState(false);
  const manyCommunities = me.communities.length > 1;

  const exportExcel = async () => {
    setExporting(true);
    try {
      await api.download('/api/residents/export', query, 'residents.xlsx');
    } catch (e) {
      notifyError(e);
    } finally {
      setExporting(false);
    }
  };

  const columns: TableColumnsType<ResidentListItem> = [
    {
      title: t('residents.field.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: filters.sort === 'name' ? (filters.order === 'asc' ? 'ascend' : 'descend') : null,
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <Link to={`/residents/${r.id}`} style={{ fontWeight: 500, marginInlineEnd: 6 }}>
            {r.name}
          </Link>
          <SexMark sex={r.sex} />
        </span>
      ),
    },
    {
      title: t('residents.list.columnsAge'),
      dataIndex: 'age',
      key: 'age',
      width: 80,
      sorter: true,
      // Older first = earlier birth date first.
      sortOrder: filters.sort === 'birthDate' ? (filters.order === 'desc' ? 'ascend' : 'descend') : null,
      render: (age: number | null, r) =>
        age == null ? '—' : <Tooltip title={t('residents.list.birthTip', { date: fmtDate(r.birthDate) })}>{age}</Tooltip>,
    },
    { title: t('residents.field.idNumber'), dataIndex: 'idNumber', key: 'idNumber', responsive: ['md'], render: (v: string | null) => (v ? <span className="masked">{v}</span> : '—') },
    { title: t('residents.field.phone'), dataIndex: 'phone', key: 'phone', responsive: ['sm'], render: (v: string | null) => (v ? <span className="masked">{v}</span> : '—') },
    { title: t('residents.field.communityId'), dataIndex: 'communityName', key: 'community', responsive: ['lg'], hidden: !manyCommunities },
    { title: t('residents.field.address'), key: 'address', responsive: ['lg'], render: (_, r) => formatAddress(t, r) || '—' },
    { title: t('residents.field.tags'), key: 'tags', render: (_, r) => <ResidentTagList tags={r.tags} /> },
  ];

  const onTableChange: TableProps<ResidentListItem>['onChange'] = (pg, _f, sorter, extra) => {
    if (extra.action === 'paginate') {
      update({ page: pg.current ?? 1, pageSize: pg.pageSize ?? PAGE_SIZES[0] });
      return;
    }
    if (extra.action === 'sort') {
      const s = Array.isArray(sorter) ? sorter[0] : sorter;
      if (!s?.order) update({ sort: 'name', order: 'asc' });
      else if (s.columnKey === 'age') update({ sort: 'birthDate', order: s.order === 'ascend' ? 'desc' : 'asc' });
      else update({ sort: 'name', order: s.order === 'ascend' ? 'asc' : 'desc' });
    }
  };

  const empty = active ? (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={<><div style={{ fontWeight: 500 }}>{t('residents.list.noMatch')}</div><Typography.Text type="secondary">{t('residents.list.noMatchHint')}</Typography.Text></>}>
      <Button onClick={reset}>{t('residents.list.reset')}</Button>
    </Empty>
  ) : (
    <Empty description={<><div style={{ fontWeight: 500 }}>{t('residents.list.emptyTitle')}</div><Typography.Text type="secondary">{canWrite ? t('residents.list.emptyHint') : t('residents.list.emptyHintReadOnly')}</Typography.Text></>}>
      <Space wrap>
        {canWrite && <Button type="primary" icon={<PlusOutlined />} onClick={() => nav('/residents/new')}>{t('residents.list.create')}</Button>}
        {canImport && <Button icon={<ImportOutlined />} onClick={() => nav('/residents/import')}>{t('residents.list.import')}</Button>}
      </Space>
    </Empty>
  );

  const total = list.data?.total ?? 0;
  const rows = list.data?.data ?? [];

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>{t('residents.list.title')}</Typography.Title>
        <Space wrap>
          {canWrite && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => nav(filters.communityId ? `/residents/new?communityId=${filters.communityId}` : '/residents/new')}>
              {t('residents.list.create')}
            </Button>
          )}
          {canExport && (
            <Button icon={<DownloadOutlined />} loading={exporting} onClick={() => void exportExcel()}>
              {exporting ? t('residents.list.exporting') : t('residents.list.export')}
            </Button>
          )}
          {canImport && (
            <Link to="/residents/import">
              <Button icon={<ImportOutlined />}>{t('residents.list.import')}</Button>
            </Link>
          )}
        </Space>
      </div>
      <Card size="small" styles={{ body: { padding: mobile ? 10 : 16 } }}>
        <ResidentListFilters filters={filters} update={update} mobile={mobile} />
        {list.error && !list.data ? (
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <>
            <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 8 }}>
              <ListTotal
                loaded={!!list.data}
                total={t('residents.list.total', { count: total })}
                filtered={active}
                reset={reset}
                texts={{ filtered: t('residents.list.filtered'), reset: t('residents.list.reset') }}
              />
              <ResidentSortSelect filters={filters} update={update} mobile={mobile} />
            </Flex>
            {mobile ? (
              <Spin spinning={list.isFetching}>
                {list.isPending ? <div style={{ minHeight: 120 }} /> : rows.length ? <ResidentCardList rows={rows} showCommunity={manyCommunities} /> : empty}
                {total > pageSize && (
                  <Pagination
                    simple
                    style={{ marginTop: 12, justifyContent: 'center' }}
                    current={page}
                    pageSize={pageSize}
                    total={total}
                    onChange={(p) => {
                      update({ page: p, pageSize });
                      window.scrollTo({ top: 0 });
                    }}
                  />
                )}
              </Spin>
            ) : (
              <Table<ResidentListItem>
                rowKey="id"
                size="middle"
                columns={columns}
                dataSource={rows}
                loading={list.isFetching}
                onChange={onTableChange}
                locale={{ emptyText: list.isPending ? ' ' : empty }}
                onRow={rowOpens<ResidentListItem>(nav, (r) => `/residents/${r.id}`)}
                pagination={{
                  current: page,
                  pageSize,
                  total,
                  showSizeChanger: true,
                  pageSizeOptions: PAGE_SIZES,
                  showTotal: (n) => t('app.state.total', { count: n }),
                  hideOnSinglePage: false,
                }}
              />
            )}
          </>
        )}
      </Card>
    </div>
  );
}
