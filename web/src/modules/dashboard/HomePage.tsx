import { HeartOutlined, HomeOutlined, IdcardOutlined, SearchOutlined, TeamOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Col, Grid, Result, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ORG_KINDS } from '../../../../common/codes/org.codes';
import { useCanOpen, useMe } from '../../app/auth';
import { ErrorState } from '../../app/states';
import { beijingNow } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { useDashboardSummary, type DashboardSummary } from './dashboard.api';
import { AgeChart, GroupChart, MonthlyChart } from './DashboardCharts';

const SCOPE_SHOWN = 6;

function greetingKey(hour: number) {
  if (hour < 5 || hour >= 18) return 'evening';
  if (hour < 9) return 'morning';
  if (hour < 12) return 'forenoon';
  if (hour < 14) return 'noon';
  return 'afternoon';
}

function Greeting() {
  const { t } = useTranslation();
  const me = useMe();
  // Without a community there is nobody to register or find: no shortcuts then.
  const scoped = me.communities.length > 0;
  const canOpen = useCanOpen();
  const now = beijingNow();
  const shown = me.communities.slice(0, SCOPE_SHOWN);
  const links = [
    { to: '/residents/new', icon: <UserAddOutlined />, label: t('dashboard.quick.register'), primary: true },
    { to: '/residents', icon: <SearchOutlined />, label: t('dashboard.quick.find') },
    { to: '/households', icon: <HomeOutlined />, label: t('dashboard.quick.households') },
  ].filter((l) => scoped && canOpen(l.to));
  return (
    <Card style={{ marginBottom: 16 }} styles={{ body: { padding: '16px 20px' } }}>
      <Row gutter={[16, 12]} align="middle" justify="space-between">
        <Col flex="1 1 360px">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t(`dashboard.greeting.${greetingKey(now.hour())}`, { name: me.displayName })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('dashboard.today', { date: now.format(t('dashboard.dateFormat')) })}</Typography.Text>
          {me.communities.length > 0 && (
            <div style={{ marginTop: 8 }}>
              <Typography.Text type="secondary">{t('dashboard.scope')}</Typography.Text>
              <Space size={[4, 4]} wrap style={{ display: 'inline-flex' }}>
                {shown.map((c) => (
                  <Tag key={c.id} color="cyan" style={{ marginInlineEnd: 0 }}>
                    {c.name}
                  </Tag>
                ))}
                {me.communities.length > shown.length && (
                  <Tooltip title={me.communities.slice(SCOPE_SHOWN).map((c) => c.name).join('、')}>
                    <Typography.Text type="secondary">{t('dashboard.scopeMore', { count: me.communities.length })}</Typography.Text>
                  </Tooltip>
                )}
              </Space>
            </div>
          )}
        </Col>
        {links.length > 0 && (
          <Col flex="0 1 auto">
            <nav aria-label={t('dashboard.quick.title')}>
              <Space wrap>
                {links.map((l) => (
                  <Link key={l.to} to={l.to}>
                    <Button type={l.primary ? 'primary' : 'default'} icon={l.icon}>
                      {l.label}
                    </Button>
                  </Link>
                ))}
              </Space>
            </nav>
          </Col>
        )}
      </Row>
    </Card>
  );
}

function StatCard({ title, value, icon, color, to, footer, hint, loading }: { title: string; value?: number; icon: ReactNode; color: string; to?: string; footer?: ReactNode; hint?: string; loading?: boolean }) {
  const card = (
    <Card hoverable={!!to} style={{ height: '100%' }} styles={{ body: { padding: '16px 20px' } }}>
      <Space align="start" style={{ width: '100%', justifyContent: 'space-between' }}>
        <Statistic
          title={hint ? <Tooltip title={hint}><span style={{ borderBottom: '1px dashed #cbd5e1' }}>{title}</span></Tooltip> : title}
          value={value ?? 0}
          loading={loading}
          styles={{ content: { fontWeight: 600 } }}
        />
        <span aria-hidden style={{ fontSize: 20, color, background: `${color}1a`, borderRadius: 8, padding: '6px 8px', lineHeight: 1, display: 'inline-block' }}>
          {icon}
        </span>
      </Space>
      {footer && <div style={{ marginTop: 4, fontSize: 12, color: '#64748b' }}>{footer}</div>}
    </Card>
  );
  return to ? (
    <Link to={to} style={{ display: 'block', height: '100%' }}>
      {card}
    </Link>
  ) : (
    card
  );
}

function Stats({ summary, loading }: { summary?: DashboardSummary; loading: boolean }) {
  const { t } = useTranslation();
  const canOpen = useCanOpen();
  const share = summary && summary.residents > 0 ? `${((summary.tagged / summary.residents) * 100).toFixed(1)}%` : null;
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={12} lg={6}>
        <StatCard title={t('dashboard.stat.residents')} value={summary?.residents} loading={loading} icon={<TeamOutlined />} color="#0f766e" to={canOpen('/residents') ? '/residents' : undefined} />
      </Col>
      <Col xs={12} lg={6}>
        <StatCard title={t('dashboard.stat.households')} value={summary?.households} loading={loading} icon={<HomeOutlined />} color="#2563eb" to={canOpen('/households') ? '/households' : undefined} />
      </Col>
      <Col xs={12} lg={6}>
        <StatCard title={t('dashboard.stat.newThisMonth')} value={summary?.newThisMonth} loading={loading} icon={<IdcardOutlined />} color="#7c3aed" />
      </Col>
      <Col xs={12} lg={6}>
        <StatCard
          title={t('dashboard.stat.tagged')}
          hint={t('dashboard.stat.taggedHint')}
          value={summary?.tagged}
          loading={loading}
          icon={<HeartOutlined />}
          color="#ea580c"
          footer={share ? t('dashboard.stat.share', { percent: share }) : undefined}
        />
      </Col>
    </Row>
  );
}

function CommunityTable({ summary }: { summary: DashboardSummary }) {
  const { t } = useTranslation();
  const canOpen = useCanOpen()('/residents');
  // On a phone the kind column gives way; the name (…社区 / …村) usually tells it anyway.
  const showKind = Grid.useBreakpoint().sm !== false;
  type Row = DashboardSummary['byCommunity'][number];
  const columns: TableColumnsType<Row> = [
    {
      title: t('dashboard.communities.name'),
      dataIndex: 'name',
      render: (name: string, r) => (canOpen ? <Link to={`/residents?communityId=${r.communityId}`}>{name}</Link> : name),
    },
    ...(showKind ? [{ title: t('dashboard.communities.kind'), dataIndex: 'kind', width: 90, render: (k: string) => codeLabel(ORG_KINDS, k) }] : []),
    { title: t('dashboard.communities.residents'), dataIndex: 'residents', align: 'right', render: (n: number) => n.toLocaleString() },
    { title: t('dashboard.communities.households'), dataIndex: 'households', align: 'right', render: (n: number) => n.toLocaleString() },
  ];
  const rows = summary.byCommunity;
  return (
    <Table<Row>
      rowKey="communityId"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={rows.length > 8 ? { y: 320 } : undefined}
      summary={
        rows.length > 1
          ? () => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={showKind ? 2 : 1}>
                  <Typography.Text strong>{t('dashboard.communities.total')}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={showKind ? 2 : 1} align="right">
                  <Typography.Text strong>{summary.residents.toLocaleString()}</Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={showKind ? 3 : 2} align="right">
                  <Typography.Text strong>{summary.households.toLocaleString()}</Typography.Text>
                </Table.Summary.Cell>
              </Table.Summary.Row>
            )
          : undefined
      }
    />
  );
}

function ChartCard({ title, extra, children, loading }: { title: string; extra?: ReactNode; children: ReactNode; loading?: boolean }) {
  return (
    <Card title={title} extra={extra} loading={loading} style={{ height: '100%' }} styles={{ body: { padding: '12px 16px' }, header: { minHeight: 48 } }}>
      {children}
    </Card>
  );
}

function Hint({ text }: { text: string }) {
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginBottom: 4 }}>
      {text}
    </Typography.Text>
  );
}

/** 首页概览: the figures of the user's communities (MZ/T 071 §5.1 target groups, households, new residents). */
export default function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const canOpen = useCanOpen()('/residents');
  const hasScope = me.communities.length > 0;
  const query = useDashboardSummary(hasScope);

  if (!hasScope)
    return (
      <>
        <Greeting />
        <Card>
          <Result status="info" title={t('dashboard.noScopeTitle')} subTitle={t('dashboard.noScopeHint')} />
        </Card>
      </>
    );

  if (query.error)
    return (
      <>
        <Greeting />
        <Card>
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        </Card>
      </>
    );

  const summary = query.data;
  const loading = query.isPending;
  return (
    <>
      <Greeting />
      <Stats summary={summary} loading={loading} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <ChartCard title={t('dashboard.chart.groups')} loading={loading}>
            <Hint text={canOpen ? t('dashboard.chart.groupsHint') : t('dashboard.chart.groupsHintReadOnly')} />
            {summary && <GroupChart summary={summary} />}
          </ChartCard>
        </Col>
        <Col xs={24} xl={12}>
          <ChartCard title={t('dashboard.chart.ages')} loading={loading}>
            <Hint text={t('dashboard.chart.agesHint')} />
            {summary && <AgeChart summary={summary} />}
          </ChartCard>
        </Col>
        <Col xs={24} xl={14}>
          <ChartCard title={t('dashboard.chart.monthly')} loading={loading}>
            {summary && <MonthlyChart summary={summary} />}
          </ChartCard>
        </Col>
        <Col xs={24} xl={10}>
          <ChartCard title={t('dashboard.communities.title')} loading={loading}>
            {summary && <CommunityTable summary={summary} />}
          </ChartCard>
        </Col>
      </Row>
    </>
  );
}
