import { ImportOutlined } from '@ant-design/icons';
import { Alert, Badge, Button, Card, Grid, Select, Space, Switch, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { REFERRAL_STATUSES } from '../../../../common/codes/case.codes';
import type { Referral } from '../../../../common/schemas/referrals.schema';
import { useCan } from '../../app/auth';
import { EmptyState, ErrorState } from '../../app/states';
import { codeOptions } from '../../lib/i18n';
import { IncomingReferralModal } from './IncomingReferralModal';
import { ReferralDrawer, ReferralStepModal } from './ReferralDetail';
import { ReferralTable } from './ReferralTable';
import { useReferralList, type ReferralBox, type ReferralStep } from './referrals.api';

const PAGE_SIZE = 20;
const STATUS_CODES = REFERRAL_STATUSES.map((s) => s.code as string);

/** The box, filters and page live in the address bar, so a filtered box can be bookmarked. */
function useFilters() {
  const [params, setParams] = useSearchParams();
  const box: ReferralBox = params.get('box') === 'outgoing' ? 'outgoing' : 'incoming';
  const status = (params.get('status') ?? '').split(',').filter((s) => STATUS_CODES.includes(s));
  const overdue = params.get('overdue') === 'true';
  const page = Math.max(1, Number(params.get('page')) || 1);
  const set = (patch: Partial<{ box: ReferralBox; status: string[]; overdue: boolean; page: number }>) => {
    const next = { box, status, overdue, page: 1, ...patch };
    const p = new URLSearchParams();
    if (next.box !== 'incoming') p.set('box', next.box);
    if (next.status.length) p.set('status', next.status.join(','));
    if (next.overdue) p.set('overdue', 'true');
    if (next.page > 1) p.set('page', String(next.page));
    setParams(p);
  };
  return { box, status, overdue, page, set };
}

/**
 * 转介: referrals received by the units the user answers for (to accept or decline, and referrals in
 * to record), and referrals sent from the user's cases, with the overdue alert.
 */
export default function ReferralsPage() {
  const { t } = useTranslation();
  const canWrite = useCan('cases.write');
  const screens = Grid.useBreakpoint();
  const f = useFilters();
  const [recording, setRecording] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [step, setStep] = useState<{ r: Referral; s: ReferralStep } | null>(null);

  const query = useReferralList({ box: f.box, status: f.status, overdue: f.overdue ? 'true' : undefined, page: f.page, pageSize: PAGE_SIZE });
  const toAnswer = useReferralList({ box: 'incoming', status: ['sent'], pageSize: 1 });
  const overdueOut = useReferralList({ box: 'outgoing', overdue: 'true', pageSize: 1 });
  const overdueCount = overdueOut.data?.total ?? 0;
  const rows = query.data?.data ?? [];
  const total = query.data?.total ?? 0;
  const filtered = f.status.length > 0 || f.overdue;

  const empty = filtered ? (
    <EmptyState description={t('referrals.page.emptyFiltered')}>
      <Button onClick={() => f.set({ status: [], overdue: false })}>{t('referrals.page.clearFilters')}</Button>
    </EmptyState>
  ) : (
    <EmptyState description={<><div>{t(`referrals.page.empty.${f.box}`)}</div><Typography.Text type="secondary">{t(`referrals.page.emptyHint.${f.box}`)}</Typography.Text></>} />
  );

  return (
    <>
      <div className="page-title">
        <Typography.Title level={4}>{t('referrals.page.title')}</Typography.Title>
        {canWrite && (
          <Button type="primary" icon={<ImportOutlined />} onClick={() => setRecording(true)}>
            {t('referrals.incoming.button')}
          </Button>
        )}
      </div>
      {overdueCount > 0 && !(f.box === 'outgoing' && f.overdue) && (
        <Alert
          type="error"
          showIcon
          title={t('referrals.overdueCount', { count: overdueCount })}
          action={<Button size="small" onClick={() => f.set({ box: 'outgoing', overdue: true, status: [] })}>{t('referrals.page.showOverdue')}</Button>}
          style={{ marginBottom: 12 }}
        />
      )}
      <Card styles={{ body: { padding: screens.md ? '4px 16px 16px' : '4px 12px 12px' } }}>
        <Tabs
          activeKey={f.box}
          onChange={(k) => f.set({ box: k as ReferralBox, status: [], overdue: false })}
          items={[
            { key: 'incoming', label: <span>{t('referrals.page.incoming')}<Badge count={toAnswer.data?.total ?? 0} size="small" style={{ marginInlineStart: 6 }} /></span> },
            { key: 'outgoing', label: <span>{t('referrals.page.outgoing')}<Badge count={overdueCount} size="small" style={{ marginInlineStart: 6 }} /></span> },
          ]}
        />
        <Space wrap className="filters">
          <Select
            mode="multiple"
            value={f.status}
            onChange={(v: string[]) => f.set({ status: v })}
            options={codeOptions(REFERRAL_STATUSES)}
            placeholder={t('referrals.page.allStatuses')}
            aria-label={t('referrals.field.status')}
            allowClear
            style={{ minWidth: 200 }}
          />
          <Space size={6}>
            <Switch checked={f.overdue} onChange={(v) => f.set({ overdue: v })} aria-label={t('referrals.page.onlyOverdue')} />
            <Typography.Text>{t('referrals.page.onlyOverdue')}</Typography.Text>
          </Space>
        </Space>
        {query.error && !query.data ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <ReferralTable
            rows={rows}
            loading={query.isFetching}
            perspective={f.box}
            empty={query.isPending ? null : empty}
            pagination={total > PAGE_SIZE ? { current: f.page, pageSize: PAGE_SIZE, total, simple: !screens.md, showTotal: (n) => t('app.state.total', { count: n }), onChange: (page) => f.set({ page }) } : false}
            onOpen={(r) => setOpenId(r.id)}
            onStep={(r, s) => setStep({ r, s })}
          />
        )}
      </Card>
      {canWrite && (
        <IncomingReferralModal
          open={recording}
          onClose={() => setRecording(false)}
          onCreated={(id) => {
            setRecording(false);
            f.set({ box: 'incoming' });
            setOpenId(id);
          }}
        />
      )}
      <ReferralDrawer id={openId} onClose={() => setOpenId(null)} />
      {step && <ReferralStepModal r={step.r} step={step.s} onClose={() => setStep(null)} />}
    </>
  );
}

export { ReferralsPage };
