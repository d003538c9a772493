import { Button, Grid, Table, Typography } from 'antd';
import type { PaginationProps, TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../common/schemas/referrals.schema';
import { fmtDate } from '../../lib/format';
import { CompactList } from '../households/CompactList';
import { PartyName, ReferralStatus } from './ReferralBits';
import { ReferralActions } from './ReferralDetail';
import type { ReferralStep } from './referrals.api';

/**
 * Referrals as a table (a list on phones): who, from where to where, why, status with the overdue
 * flag, dates, and the steps the caller may take. `perspective` chooses which party to show.
 */
export function ReferralTable({
  rows, loading, empty, pagination, perspective, onOpen, onStep,
}: {
  rows: Referral[];
  loading: boolean;
  empty: ReactNode;
  pagination?: PaginationProps | false;
  perspective: 'case' | 'incoming' | 'outgoing';
  onOpen: (r: Referral) => void;
  onStep: (r: Referral, s: ReferralStep) => void;
}) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const party = (r: Referral) => (perspective === 'incoming' ? r.from : r.to);
  const partyTitle = perspective === 'incoming' ? t('referrals.field.from') : t('referrals.field.to');
  const due = (r: Referral) => (
    <Typography.Text type={r.overdue ? 'danger' : ['sent', 'accepted'].includes(r.status) ? undefined : 'secondary'}>{fmtDate(r.feedbackDue)}</Typography.Text>
  );

  if (!screens.md) {
    return (
      <CompactList
        items={rows}
        rowKey={(r) => r.id}
        loading={loading}
        empty={empty}
        pagination={pagination}
        render={(r) => (
          <div role="button" tabIndex={0} onClick={() => onOpen(r)} onKeyDown={(e) => e.key === 'Enter' && onOpen(r)} style={{ cursor: 'pointer' }}>
            <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'flex-start' }}>
              <Typography.Text strong style={{ color: '#0f766e' }}>
                {perspective === 'case' ? <PartyName p={r.to} showType={false} /> : r.client.name}
              </Typography.Text>
              <ReferralStatus r={r} />
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 13, display: 'block' }}>
              {perspective !== 'case' && <>{partyTitle}：{party(r).name} · </>}
              {t('referrals.field.sentAt')} {fmtDate(r.sentAt)} · {t('referrals.field.feedbackDue')} {due(r)}
            </Typography.Text>
            <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0', fontSize: 13 }}>{r.reason}</Typography.Paragraph>
            <div onClick={(e) => e.stopPropagation()}>
              <ReferralActions r={r} size="small" onStep={(s) => onStep(r, s)} />
            </div>
          </div>
        )}
      />
    );
  }

  const columns: TableColumnsType<Referral> = [
    ...(perspective === 'case'
      ? []
      : [{ title: t('referrals.field.client'), key: 'client', width: 130, render: (_: unknown, r: Referral) => <>{r.client.name}{r.caseNo && <div><Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.caseNo}</Typography.Text></div>}</> }]),
    { title: partyTitle, key: 'party', width: 180, render: (_, r) => <PartyName p={party(r)} showType={party(r).kind === 'resource'} /> },
    ...(perspective === 'incoming' ? [{ title: t('referrals.field.to'), key: 'to', width: 140, render: (_: unknown, r: Referral) => r.to.name }] : []),
    { title: t('referrals.field.reason'), dataIndex: 'reason', render: (v: string) => <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>{v}</Typography.Paragraph> },
    { title: t('referrals.field.status'), key: 'status', width: 150, render: (_, r) => <ReferralStatus r={r} /> },
    { title: t('referrals.field.sentAt'), dataIndex: 'sentAt', width: 110, render: (v: string) => fmtDate(v) },
    { title: t('referrals.field.feedbackDue'), dataIndex: 'feedbackDue', width: 110, render: (_, r) => due(r) },
    {
      title: t('referrals.field.actions'),
      key: 'actions',
      width: 200,
      render: (_, r) => (
        <div onClick={(e) => e.stopPropagation()}>
          <ReferralActions r={r} size="small" onStep={(s) => onStep(r, s)} />
          <Button type="link" size="small" onClick={() => onOpen(r)} style={{ paddingInline: 4 }}>{t('app.action.view')}</Button>
        </div>
      ),
    },
  ];
  return (
    <Table<Referral>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      locale={{ emptyText: loading ? ' ' : empty }}
      pagination={pagination}
      onRow={(r) => ({ onClick: () => onOpen(r), style: { cursor: 'pointer' } })}
      scroll={{ x: 900 }}
    />
  );
}
