import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Flex, Grid, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AssessmentListItem } from '../../../../common/schemas/assessments.schema';
import { EmptyState, ErrorState, Loading } from '../../app/states';
import { fmtDate } from '../../lib/format';
import { AssessmentCreateDrawer } from './AssessmentCreateDrawer';
import { ResultBrief } from './AssessmentResultView';
import { useCaseAssessments } from './assessments.api';
import { instrumentName } from './assessments.format';
import { AssessmentViewDrawer } from './AssessmentViewDrawer';

const assessorsText = (a: AssessmentListItem) => [...a.assessors.map((x) => x.name), ...(a.otherAssessor ? [a.otherAssessor] : [])].join('、') || '—';

function NextDue({ a }: { a: AssessmentListItem }) {
  const { t } = useTranslation();
  if (!a.nextDueDate) return <Typography.Text type="secondary">{t('assessments.noDue')}</Typography.Text>;
  return (
    <span>
      {fmtDate(a.nextDueDate)}
      {a.due && (
        <Tag color="red" style={{ marginInlineStart: 6 }}>
          {t('assessments.dueTag')}
        </Tag>
      )}
    </span>
  );
}

/**
 * 预估 tab of a case: its assessments (date, instrument, result, next due, assessors), each opened
 * read-only; a worker on the case starts a new one. The latest assessment of each instrument that
 * is due again is called out (MZ/T 039 §4.3.5: every 6 months).
 */
export function CaseAssessmentsTab({ caseId, abilities }: { caseId: string; abilities: { work: boolean } }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const q = useCaseAssessments(caseId);
  const [creating, setCreating] = useState(false);
  const [viewing, setViewing] = useState<string | null>(null);

  if (q.isPending) return <Loading />;
  if (q.error) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  const rows = q.data.data;

  // The list is newest first: the first row of an instrument is its latest assessment.
  const latest = new Map<string, AssessmentListItem>();
  for (const a of rows) if (!latest.has(a.instrument.code)) latest.set(a.instrument.code, a);
  // Only while the case is worked on: a closed case is not reassessed.
  const due = abilities.work ? [...latest.values()].filter((a) => a.due) : [];

  const addButton = abilities.work && (
    <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
      {t('assessments.new')}
    </Button>
  );

  const columns: TableColumnsType<AssessmentListItem> = [
    { title: t('assessments.col.assessedOn'), dataIndex: 'assessedOn', width: 110, render: (v: string) => fmtDate(v) },
    {
      title: t('assessments.col.instrument'),
      key: 'instrument',
      render: (_, a) => (
        <Button type="link" style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'start' }} onClick={() => setViewing(a.id)}>
          {instrumentName(a.instrument)}
        </Button>
      ),
    },
    { title: t('assessments.col.result'), key: 'result', render: (_, a) => <ResultBrief result={a.result} /> },
    { title: t('assessments.col.nextDue'), key: 'nextDue', width: 150, render: (_, a) => <NextDue a={a} /> },
    { title: t('assessments.col.assessors'), key: 'assessors', width: 200, render: (_, a) => assessorsText(a) },
    {
      title: t('assessments.col.actions'),
      key: 'actions',
      width: 80,
      render: (_, a) => (
        <Button type="link" size="small" onClick={() => setViewing(a.id)} style={{ paddingInline: 0 }}>
          {t('assessments.view')}
        </Button>
      ),
    },
  ];

  const empty = (
    <EmptyState description={abilities.work ? t('assessments.empty') : t('assessments.emptyReadOnly')}>
      {abilities.work && (
        <Flex vertical align="center" gap={12}>
          <Typography.Text type="secondary" style={{ maxWidth: 520 }}>
            {t('assessments.emptyHint')}
          </Typography.Text>
          {addButton}
        </Flex>
      )}
    </EmptyState>
  );

  return (
    <Flex vertical gap={12}>
      {due.map((a) => (
        <Alert
          key={a.id}
          type="warning"
          showIcon
          title={t('assessments.due', { instrument: instrumentName(a.instrument), date: fmtDate(a.nextDueDate) })}
          action={
            <Button size="small" onClick={() => setCreating(true)}>
              {t('assessments.new')}
            </Button>
          }
        />
      ))}
      <Card title={t('assessments.count', { count: rows.length })} extra={rows.length > 0 ? addButton : undefined} styles={{ body: { padding: screens.md ? undefined : 12 } }}>
        {!rows.length ? (
          empty
        ) : screens.md ? (
          <Table<AssessmentListItem> rowKey="id" size="middle" columns={columns} dataSource={rows} pagination={false} />
        ) : (
          <Flex vertical gap={8}>
            {rows.map((a) => (
              <Card key={a.id} size="small" hoverable onClick={() => setViewing(a.id)} role="button" aria-label={instrumentName(a.instrument)}>
                <Flex justify="space-between" gap={8} wrap>
                  <Typography.Text strong>{instrumentName(a.instrument)}</Typography.Text>
                  <Typography.Text type="secondary">{fmtDate(a.assessedOn)}</Typography.Text>
                </Flex>
                <div style={{ margin: '6px 0' }}>
                  <ResultBrief result={a.result} />
                </div>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {t('assessments.col.nextDue')}：<NextDue a={a} /> · {assessorsText(a)}
                </Typography.Text>
              </Card>
            ))}
          </Flex>
        )}
      </Card>
      {abilities.work && (
        <AssessmentCreateDrawer
          caseId={caseId}
          open={creating}
          onClose={() => setCreating(false)}
          onSaved={(id) => {
            setCreating(false);
            setViewing(id);
          }}
        />
      )}
      <AssessmentViewDrawer caseId={caseId} assessmentId={viewing} onClose={() => setViewing(null)} />
    </Flex>
  );
}
