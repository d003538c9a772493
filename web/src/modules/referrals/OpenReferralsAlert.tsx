import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES } from '../../../../common/codes/case.codes';
import type { Referral } from '../../../../common/schemas/referrals.schema';
import { fmtDate } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { useCaseReferrals } from './referrals.api';

/** The referrals a case sent that still wait for the other side: an answer (`sent`) or feedback (`accepted`). */
export function useOpenReferrals(caseId: string): { open: Referral[]; loading: boolean } {
  const q = useCaseReferrals(caseId);
  const open = (q.data?.data ?? []).filter((r) => r.direction === 'out' && r.caseId === caseId && (r.status === 'sent' || r.status === 'accepted'));
  return { open, loading: q.isPending };
}

/** Names the referrals still open when the worker asks for closure, with a way to go and follow them up. */
export function OpenReferralsAlert({ referrals, onFollowUp }: { referrals: Referral[]; onFollowUp: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      title={t('referrals.closure.alert', { count: referrals.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {referrals.map((r) => (
            <li key={r.id}>
              {r.to.name} · {codeLabel(REFERRAL_STATUSES, r.status)} · {t('referrals.closure.sentOn', { date: fmtDate(r.sentAt) })}
              {r.overdue && <span style={{ color: '#dc2626' }}> · {t('referrals.overdue')}</span>}
            </li>
          ))}
        </ul>
      }
      action={<Button size="small" onClick={onFollowUp}>{t('referrals.closure.followUp')}</Button>}
    />
  );
}
