import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Grid, Input, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { RESOURCE_TYPES } from '../../../../common/codes/case.codes';
import type { Resource } from '../../../../common/schemas/referrals.schema';
import { useCan } from '../../app/auth';
import { EmptyState, ErrorState } from '../../app/states';
import { errorMessage } from '../../lib/feedback';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { CompactList } from '../households/CompactList';
import { ResourceFormDrawer } from './ResourceFormDrawer';
import { useArchiveResource, useResources } from './referrals.api';

const PAGE_SIZES = [10, 20, 50, 100];
const TYPE_CODES = RESOURCE_TYPES.map((x) => x.code as string);
const TYPE_COLORS: Record<string, string> = { government: 'blue', hospital: 'red', school: 'gold', social_org: 'green', enterprise: 'purple', mass_org: 'magenta', police: 'geekblue', other: 'default' };

function TypeTag({ type }: { type: string }) {
  return <Tag color={TYPE_COLORS[type]} style={{ marginInlineEnd: 0 }}>{codeLabel(RESOURCE_TYPES, type)}</Tag>;
}

/** Search, type, service, archived and page from the address bar, so a search can be bookmarked. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = {
    q: params.get('q')?.trim().slice(0, 50) || undefined,
    type: (params.get('type') ?? '').split(',').filter((x) => TYPE_CODES.includes(x)),
    service: params.get('service')?.slice(0, 50) || undefined,
    archived: params.get('archived') === 'true',
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: PAGE_SIZES.includes(Number(params.get('pageSize'))) ? Number(params.get('pageSize')) : 20,
  };
  const set = (patch: Partial<typeof filters>) => {
    const next = { ...filters, ...(('page' in patch) ? {} : { page: 1 }), ...patch };
    const p = new URLSearchParams();
    if (next.q) p.set('q', next.q);
    if (next.type.length) p.set('type', next.type.join(','));
    if (next.service) p.set('service', next.service);
    if (next.archived) p.set('archived', 'true');
    if (next.page > 1) p.set('page', String(next.page));
    if (next.pageSize !== 20) p.set('pageSize', String(next.pageSize));
    setParams(p);
  };
  return [filters, set] as const;
}

/**
 * 资源目录 (§6.2.2): the organisations of the district that clients are referred to — departments,
 * hospitals, schools, social organisations, enterprises — with contacts and the services they offer.
 */
export default function ResourcesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const canManage = useCan('resources.manage');
  const screens = Grid.useBreakpoint();
  const compact = !screens.md;
  const [f, setF] = useFilters();
  const [q, setQ] = useState(f.q ?? '');
  const [editing, setEditing] = useState<{ mode: 'create' } | { mode: 'edit'; resource: Resource } | null>(null);
  const archive = useArchiveResource();
  useEffect(() => setQ(f.q ?? ''), [f.q]);

  const query = useResources({ q: f.q, type: f.type, service: f.service, archived: f.archived ? 'true' : undefined, page: f.page, pageSize: f.pageSize });
  const rows = query.data?.data ?? [];
  const total = query.data?.total ?? 0;
  const filtered = Boolean(f.q || f.type.length || f.service || f.archived);

  const doArchive = async (r: Resource) => {
    try {
      await archive.mutateAsync(r.id);
      void message.success(t('referrals.resources.archived', { name: r.name }));
    } catch (e) {
      void message.error(errorMessage(e));
    }
  };
  const actions = (r: Resource) =>
    canManage && !r.archived ? (
      <Space size={0} onClick={(e) => e.stopPropagation()}>
        <Button type="link" size="small" onClick={() => setEditing({ mode: 'edit', resource: r })}>{t('app.action.edit')}</Button>
        <Popconfirm title={t('referrals.resources.archiveConfirm', { name: r.name })} description={t('referrals.resources.archiveHint')} onConfirm={() => doArchive(r)} okText={t('app.action.confirm')} cancelText={t('app.action.cancel')}>
          <Button type="link" size="small" danger>{t('referrals.resources.archive')}</Button>
        </Popconfirm>
      </Space>
    ) : null;
  const services = (r: Resource) => (
    <Space size={[4, 4]} wrap>
      {r.services.map((s) => (
        <Tag key={s} style={{ marginInlineEnd: 0, cursor: 'pointer' }} color={s === f.service ? 'cyan' : undefined} onClick={() => setF({ service: s === f.service ? undefined : s })}>
          {s}
        </Tag>
      ))}
    </Space>
  );

  const columns: TableColumnsType<Resource> = [
    { title: t('referrals.resources.field.name'), dataIndex: 'name', width: 220, render: (v: string, r) => <><Typography.Text strong>{v}</Typography.Text>{r.archived && <Tag style={{ marginInlineStart: 6 }}>{t('referrals.resources.archivedTag')}</Tag>}{r.serviceAreas.length > 0 && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.serviceAreas.join('、')}</Typography.Text></div>}</> },
    { title: t('referrals.resources.field.type'), dataIndex: 'type', width: 130, render: (v: string) => <TypeTag type={v} /> },
    { title: t('referrals.resources.field.services'), key: 'services', render: (_, r) => services(r) },
    { title: t('referrals.resources.field.contact'), key: 'contact', width: 180, render: (_, r) => <>{r.contactName ?? '—'}{r.phone && <div><a href={`tel:${r.phone.split(/[\s、,，/转]/)[0]}`}>{r.phone}</a></div>}</> },
    { title: t('referrals.resources.field.address'), dataIndex: 'address', width: 200, render: (v: string | null, r) => <>{v ?? '—'}{r.note && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.note}</Typography.Text></div>}</> },
    ...(canManage ? [{ title: t('referrals.field.actions'), key: 'actions', width: 130, render: (_: unknown, r: Resource) => actions(r) }] : []),
  ];

  const empty = filtered ? (
    <EmptyState description={t('referrals.resources.emptyFiltered')}>
      <Button onClick={() => setF({ q: undefined, type: [], service: undefined, archived: false })}>{t('referrals.page.clearFilters')}</Button>
    </EmptyState>
  ) : (
    <EmptyState description={<><div>{t('referrals.resources.empty')}</div><Typography.Text type="secondary">{t('referrals.resources.emptyHint')}</Typography.Text></>}>
      {canManage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>{t('referrals.resources.create')}</Button>}
    </EmptyState>
  );
  const pagination = total > 0 && {
    current: f.page, pageSize: f.pageSize, total, simple: compact, showSizeChanger: !compact, pageSizeOptions: PAGE_SIZES,
    showTotal: (n: number) => t('app.state.total', { count: n }),
    onChange: (page: number, pageSize: number) => setF(pageSize !== f.pageSize ? { pageSize } : { page }),
  };

  return (
    <>
      <div className="page-title">
        <Typography.Title level={4}>{t('referrals.resources.title')}</Typography.Title>
        {canManage && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ mode: 'create' })}>
            {t('referrals.resources.create')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>{t('referrals.resources.intro')}</Typography.Paragraph>
      <Card styles={{ body: { padding: compact ? 12 : 16 } }}>
        <Space wrap className="filters" style={{ width: '100%' }}>
          <Input.Search
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              if (!e.target.value && f.q) setF({ q: undefined });
            }}
            onSearch={(v) => setF({ q: v.trim() || undefined })}
            placeholder={t('referrals.resources.search')}
            aria-label={t('referrals.resources.search')}
            allowClear
            maxLength={50}
            style={{ width: compact ? 'calc(100vw - 58px)' : 280 }}
          />
          <Select mode="multiple" value={f.type} onChange={(v: string[]) => setF({ type: v })} options={codeOptions(RESOURCE_TYPES)} placeholder={t('referrals.resources.allTypes')} aria-label={t('referrals.resources.field.type')} allowClear style={{ minWidth: 180 }} maxTagCount="responsive" />
          {f.service && <Tag closable color="cyan" onClose={() => setF({ service: undefined })}>{t('referrals.resources.serviceFilter', { service: f.service })}</Tag>}
          <Space size={6}>
            <Switch size="small" checked={f.archived} onChange={(v) => setF({ archived: v })} aria-label={t('referrals.resources.showArchived')} />
            <Typography.Text type="secondary">{t('referrals.resources.showArchived')}</Typography.Text>
          </Space>
        </Space>
        {query.error && !query.data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : compact ? (
          <CompactList
            items={rows}
            rowKey={(r) => r.id}
            loading={query.isFetching}
            empty={query.isPending ? null : empty}
            pagination={pagination}
            action={(r) => actions(r)}
            render={(r) => (
              <div>
                <div style={{ display: 'flex', gap: 8, alignItems: 'center', flexWrap: 'wrap' }}>
                  <Typography.Text strong>{r.name}</Typography.Text>
                  <TypeTag type={r.type} />
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
                  {[r.contactName, r.phone].filter(Boolean).join(' · ') || '—'}
                </Typography.Text>
                <div style={{ marginTop: 4 }}>{services(r)}</div>
              </div>
            )}
          />
        ) : (
          <Table<Resource> rowKey="id" size="middle" columns={columns} dataSource={rows} loading={query.isFetching} locale={{ emptyText: query.isPending ? ' ' : empty }} pagination={pagination} scroll={{ x: 960 }} />
        )}
      </Card>
      <ResourceFormDrawer target={editing} onClose={() => setEditing(null)} onSaved={() => setEditing(null)} />
    </>
  );
}

export { ResourcesPage };
