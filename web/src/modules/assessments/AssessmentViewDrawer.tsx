import { Card, Descriptions, Drawer, Flex, Grid, Result, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Assessment } from '../../../../common/schemas/assessments.schema';
import { ErrorState, isNotFound, Loading } from '../../app/states';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { ResultPanel } from './AssessmentResultView';
import { useCaseAssessment } from './assessments.api';
import { instrumentName } from './assessments.format';
import { InstrumentAnswersView } from './InstrumentAnswersView';

const dash = <Typography.Text type="secondary">—</Typography.Text>;

function Body({ a }: { a: Assessment }) {
  const { t } = useTranslation();
  const assessors = [...a.assessors.map((x) => x.name), ...(a.otherAssessor ? [a.otherAssessor] : [])];
  return (
    <Flex vertical gap={12}>
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 2 }}
        items={[
          { key: 'assessedOn', label: t('assessments.detail.assessedOn'), children: fmtDate(a.assessedOn) },
          {
            key: 'nextDue',
            label: t('assessments.detail.nextDue'),
            children: a.nextDueDate ? (
              <span>
                {fmtDate(a.nextDueDate)} {a.due && <Tag color="red">{t('assessments.dueTag')}</Tag>}
              </span>
            ) : (
              t('assessments.noDue')
            ),
          },
          { key: 'assessors', label: t('assessments.detail.assessors'), children: assessors.length ? assessors.join('、') : dash },
          { key: 'informant', label: t('assessments.detail.informant'), children: a.informant ?? dash },
          { key: 'recorded', label: t('assessments.detail.recordedBy'), children: `${a.createdByName ?? '—'} · ${fmtDateTime(a.createdAt)}` },
        ]}
      />
      <Card size="small" title={t('assessments.detail.result')}>
        <ResultPanel result={a.result} definition={a.definition} />
      </Card>
      {a.summary && (
        <Card size="small" title={t('assessments.detail.summary')}>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>{a.summary}</Typography.Paragraph>
        </Card>
      )}
      <InstrumentAnswersView definition={a.definition} answers={a.answers} result={a.result} />
    </Flex>
  );
}

/** One assessment, read-only: who assessed when, the result, the summary and every answer. */
export function AssessmentViewDrawer({ caseId, assessmentId, onClose }: { caseId: string; assessmentId: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const q = useCaseAssessment(caseId, assessmentId);
  const a = q.data;
  return (
    <Drawer
      open={!!assessmentId}
      onClose={onClose}
      size={screens.lg ? 880 : screens.md ? 720 : '100%'}
      title={a ? `${instrumentName(a.instrument)} · ${t('assessments.version', { version: a.instrument.version })}` : t('assessments.detail.title')}
      destroyOnHidden
    >
      {q.isPending ? (
        <Loading />
      ) : q.error ? (
        isNotFound(q.error) ? <Result status="404" subTitle={t('assessments.detail.notFound')} /> : <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : a ? (
        <Body a={a} />
      ) : null}
    </Drawer>
  );
}
