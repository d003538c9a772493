import { FileSearchOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlanBasis } from '../../../../common/schemas/assessments.schema';
import { fmtDate } from '../../lib/format';
import { AssessmentViewDrawer } from './AssessmentViewDrawer';
import { usePlanBasis } from './assessments.api';
import { instrumentName, loc } from './assessments.format';

const PRIORITY_COLORS: Record<string, string> = { high: 'red', medium: 'orange', low: 'default' };

/**
 * The assessment a plan starts from, read-only: its summary and the problems it found, with the
 * whole assessment a click away (the plan does not ask for them again).
 */
export function PlanBasisCard({ caseId, basis, showProblems = true }: { caseId: string; basis: PlanBasis | null; showProblems?: boolean }) {
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<string | null>(null);
  if (!basis) return <Alert type="info" showIcon title={t('assessments.basis.none')} description={t('assessments.basis.noneHint')} />;
  return (
    <Card
      size="small"
      title={t('assessments.basis.title')}
      extra={<Button size="small" icon={<FileSearchOutlined />} onClick={() => setViewing(basis.assessmentId)}>{t('assessments.basis.view')}</Button>}
    >
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('assessments.basis.from', { instrument: instrumentName({ name: basis.instrumentName, nameEn: basis.instrumentNameEn }), date: fmtDate(basis.assessedOn) })}
      </Typography.Text>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '6px 0' }} type={basis.summary ? undefined : 'secondary'}>
        {basis.summary ?? t('assessments.basis.noSummary')}
      </Typography.Paragraph>
      {showProblems && basis.problems.length > 0 && (
        <>
          <Typography.Text strong>{t('assessments.basis.problems')}</Typography.Text>
          <ol style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
            {basis.problems.map((p, i) => (
              <li key={i}>
                <Flex gap={6} wrap align="center">
                  <span>{p.problem}</span>
                  {p.priority && <Tag color={PRIORITY_COLORS[p.priority]} style={{ marginInlineEnd: 0 }}>{loc(p.priorityLabel) || p.priority}</Tag>}
                </Flex>
                {p.strategy && <Typography.Text type="secondary" style={{ fontSize: 13 }}>{p.strategy}</Typography.Text>}
              </li>
            ))}
          </ol>
        </>
      )}
      <AssessmentViewDrawer caseId={caseId} assessmentId={viewing} onClose={() => setViewing(null)} />
    </Card>
  );
}

/** The case's latest assessment as a plan's basis, fetched. */
export function CasePlanBasis({ caseId }: { caseId: string }) {
  const basis = usePlanBasis(caseId);
  return basis.isPending ? <Spin style={{ display: 'block' }} /> : <PlanBasisCard caseId={caseId} basis={basis.data ?? null} />;
}
