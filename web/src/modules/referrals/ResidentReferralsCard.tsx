import { DownOutlined, UpOutlined } from '@ant-design/icons';
import { Button, Card, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Referral } from '../../../../common/schemas/referrals.schema';
import { useCan } from '../../app/auth';
import { errorMessage } from '../../lib/feedback';
import { fmtDate } from '../../lib/format';
import { useCaseList } from '../cases/cases.api';
import { ReferralStatus } from './ReferralBits';
import { ReferralDrawer } from './ReferralDetail';
import { useResidentReferrals } from './referrals.api';

const SHOWN = 5;
const WAITING = ['sent', 'accepted'];

function ReferralRow({ r, caseLink, onOpen }: { r: Referral; caseLink: { id: string; no: string } | null; onOpen: () => void }) {
  const { t } = useTranslation();
  const out = r.direction === 'out';
  const party = out ? r.to : r.from;
  return (
    // The row opens on a click anywhere; keyboard and screen-reader users reach the same through its
    // 查看 button (a row that is itself a button may not hold the case link: WCAG 4.1.2).
    <div onClick={onOpen} style={{ padding: '8px 0', borderBottom: '1px solid #f1f5f9', cursor: 'pointer' }}>
      <Flex justify="space-between" align="flex-start" gap={8}>
        <Flex align="baseline" gap={6} style={{ minWidth: 0 }}>
          <Tag color={out ? 'geekblue' : 'purple'} style={{ marginInlineEnd: 0, flex: 'none' }}>
            {t(out ? 'referrals.residentCard.out' : 'referrals.residentCard.in')}
          </Tag>
          <Typography.Text style={{ color: '#0f766e', minWidth: 0 }}>
            {t(out ? 'referrals.residentCard.to' : 'referrals.residentCard.from', { name: party.name })}
          </Typography.Text>
        </Flex>
        <div style={{ flex: 'none' }}>
          <ReferralStatus r={r} />
        </div>
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
        {t('referrals.residentCard.sent', { date: fmtDate(r.sentAt) })}
        {WAITING.includes(r.status) && (
          <>
            {' · '}
            <Typography.Text type={r.overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {t('referrals.residentCard.due', { date: fmtDate(r.feedbackDue) })}
            </Typography.Text>
          </>
        )}
        {r.status === 'completed' && r.completedAt && ` · ${t('referrals.residentCard.completed', { date: fmtDate(r.completedAt) })}`}
      </Typography.Text>
      <Flex gap={12} style={{ fontSize: 12 }} wrap>
        <Button type="link" size="small" style={{ fontSize: 12, padding: 0, height: 'auto' }} onClick={(e) => { e.stopPropagation(); onOpen(); }}>
          {t('referrals.residentCard.open')}
        </Button>
        {caseLink && (
          <Link to={`/cases/${caseLink.id}?tab=referrals`} onClick={(e) => e.stopPropagation()}>
            {t('referrals.residentCard.case', { no: caseLink.no })}
          </Link>
        )}
      </Flex>
    </div>
  );
}

/**
 * 转介 on a resident's page: the referrals out of the resident's cases and the referrals in naming
 * them, as far as the viewer sees them; each opens in the referral drawer and links to its case.
 */
export function ResidentReferralsCard({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const canRead = useCan('cases.read');
  const [all, setAll] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const q = useResidentReferrals(residentId, canRead);
  // The resident's cases the viewer may open (the cases card's own query): a case link only to those.
  const visibleCases = useCaseList({ residentId, mine: 'all', pageSize: 20, sort: 'intakeDate', order: 'desc' }, canRead);
  if (!canRead) return null;
  const rows = q.data?.data ?? [];
  const caseNo = new Map((visibleCases.data?.data ?? []).map((c) => [c.id, c.caseNo]));
  const caseLink = (r: Referral) => {
    const id = r.direction === 'out' ? r.caseId : r.resultCaseId;
    const no = id ? caseNo.get(id) : undefined;
    return id && no ? { id, no } : null;
  };
  const shown = all ? rows : rows.slice(0, SHOWN);
  return (
    <Card size="small" title={t('referrals.residentCard.title')}>
      {q.isPending ? (
        <Flex justify="center" style={{ padding: 8 }}>
          <Spin size="small" />
        </Flex>
      ) : q.error ? (
        <Typography.Text type="secondary">{errorMessage(q.error)}</Typography.Text>
      ) : rows.length === 0 ? (
        <Typography.Text type="secondary">{t('referrals.residentCard.empty')}</Typography.Text>
      ) : (
        <>
          {shown.map((r) => (
            <ReferralRow key={r.id} r={r} caseLink={caseLink(r)} onOpen={() => setOpenId(r.id)} />
          ))}
          {rows.length > SHOWN && (
            <Button type="link" size="small" onClick={() => setAll(!all)} style={{ paddingInline: 0, marginTop: 4 }}>
              {all ? t('referrals.residentCard.less') : t('referrals.residentCard.more', { count: q.data?.total ?? rows.length })} {all ? <UpOutlined /> : <DownOutlined />}
            </Button>
          )}
          {(q.data?.total ?? 0) > rows.length && all && (
            <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>
              {t('referrals.residentCard.capped', { count: rows.length })}
            </Typography.Text>
          )}
        </>
      )}
      <ReferralDrawer id={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
