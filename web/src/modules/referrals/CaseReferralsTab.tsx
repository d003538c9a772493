import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Referral } from '../../../../common/schemas/referrals.schema';
import { EmptyState, ErrorState } from '../../app/states';
import { ReferralCreateModal } from './ReferralCreateModal';
import { ReferralDrawer, ReferralStepModal } from './ReferralDetail';
import { ReferralTable } from './ReferralTable';
import { useCaseReferrals, type ReferralStep } from './referrals.api';

/**
 * 转介 of a case: what it sent (and the referral it came in by), each with its status and the
 * overdue alert; a new referral and the steps the caller may take.
 */
export function CaseReferralsTab({ caseId, abilities }: { caseId: string; abilities: { work: boolean } }) {
  const { t } = useTranslation();
  const query = useCaseReferrals(caseId);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const [step, setStep] = useState<{ r: Referral; s: ReferralStep } | null>(null);
  const rows = query.data?.data ?? [];
  const overdue = rows.filter((r) => r.overdue).length;
  const newButton = abilities.work && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('referrals.create.button')}
    </Button>
  );

  return (
    <div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0, maxWidth: 720 }}>
          {t('referrals.caseIntro')}
        </Typography.Paragraph>
        {newButton}
      </Flex>
      {overdue > 0 && <Alert type="error" showIcon title={t('referrals.overdueCount', { count: overdue })} style={{ marginBottom: 12 }} />}
      {query.error && !query.data ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <ReferralTable
          rows={rows}
          loading={query.isFetching}
          perspective="case"
          empty={
            query.isPending ? null : (
              <EmptyState description={<><div>{t('referrals.caseEmpty')}</div><Typography.Text type="secondary">{t('referrals.caseEmptyHint')}</Typography.Text></>}>
                {newButton}
              </EmptyState>
            )
          }
          pagination={false}
          onOpen={(r) => setOpenId(r.id)}
          onStep={(r, s) => setStep({ r, s })}
        />
      )}
      {abilities.work && (
        <ReferralCreateModal
          caseId={caseId}
          open={creating}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setOpenId(id);
          }}
        />
      )}
      <ReferralDrawer id={openId} onClose={() => setOpenId(null)} />
      {step && <ReferralStepModal r={step.r} step={step.s} onClose={() => setStep(null)} />}
    </div>
  );
}
