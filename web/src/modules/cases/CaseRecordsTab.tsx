import { ClockCircleOutlined, FilePdfOutlined, FileImageOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Empty, Flex, Pagination, Segmented, Spin, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECORD_MODES, SERVICE_AREAS } from '../../../../common/codes/case.codes';
import type { Case, CaseAbilities, CaseRecord } from '../../../../common/schemas/cases.schema';
import { ErrorState } from '../../app/states';
import { api } from '../../lib/api';
import { useNotifyError } from '../../lib/feedback';
import { fmtDate, fmtDateTime } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { Paragraphs } from './CaseBits';
import { useCaseRecords } from './cases.api';

const PAGE_SIZE = 10;
const size = (n: number) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function Attachments({ caseId, r }: { caseId: string; r: CaseRecord }) {
  const notifyError = useNotifyError();
  if (!r.attachments.length) return null;
  return (
    <Flex gap={8} wrap style={{ marginTop: 6 }}>
      {r.attachments.map((a) => (
        <Button
          key={a.id}
          size="small"
          icon={a.mimeType === 'application/pdf' ? <FilePdfOutlined /> : <FileImageOutlined />}
          onClick={() => api.download(`/api/cases/${caseId}/attachments/${a.id}`, undefined, a.fileName).catch(notifyError)}
        >
          {a.fileName} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{size(a.size)}</Typography.Text>
        </Button>
      ))}
    </Flex>
  );
}

/** One service record: when, how, how long, what happened, and whether it was entered late. */
export function RecordItem({ caseId, r }: { caseId: string; r: CaseRecord }) {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '12px 0', borderBottom: '1px solid #f1f5f9' }}>
      <Flex gap={8} align="center" wrap>
        <Typography.Text strong>{fmtDate(r.serviceDate)}</Typography.Text>
        <Tag color="blue" style={{ marginInlineEnd: 0 }}>{codeLabel(RECORD_MODES, r.mode)}</Tag>
        <Typography.Text type="secondary">{t('cases.records.minutes', { count: r.durationMinutes })}</Typography.Text>
        <Typography.Text type="secondary">· {codeLabel(SERVICE_AREAS, r.serviceArea)}</Typography.Text>
        {r.kind === 'followup' && <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t('cases.records.followupTag')}</Tag>}
        {r.late && (
          <Tooltip title={t('cases.records.lateTip', { time: fmtDateTime(r.createdAt) })}>
            <Tag color="warning" icon={<ClockCircleOutlined />} style={{ marginInlineEnd: 0 }}>
              {t('cases.records.late')}
            </Tag>
          </Tooltip>
        )}
      </Flex>
      <div style={{ marginTop: 6 }}>
        <Paragraphs text={r.content} />
      </div>
      {r.goalTitle && (
        <div style={{ fontSize: 13, color: '#475569', marginTop: 4 }}>
          {t('cases.records.goalServed')}{t('cases.c')}{r.goalTitle}
        </div>
      )}
      {r.nextStep && (
        <div style={{ fontSize: 13, color: '#475569', marginTop: 2, whiteSpace: 'pre-wrap' }}>
          {t('cases.records.nextStep')}{t('cases.c')}{r.nextStep}
        </div>
      )}
      <Attachments caseId={caseId} r={r} />
      <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
        {t('cases.records.createdBy', { name: r.createdByName ?? '—', time: fmtDateTime(r.createdAt) })}
      </Typography.Text>
    </div>
  );
}

/** A page of a case's records, newest first. */
export function RecordList({ caseId, kind, emptyText }: { caseId: string; kind?: 'service' | 'followup'; emptyText: React.ReactNode }) {
  const [page, setPage] = useState(1);
  const q = useCaseRecords(caseId, { page, pageSize: PAGE_SIZE, kind });
  if (q.error && !q.data) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (!q.data) return <Spin style={{ display: 'block', padding: 32 }} />;
  const { data, total } = q.data;
  if (!total) return <>{emptyText}</>;
  return (
    <Spin spinning={q.isFetching}>
      {data.map((r) => <RecordItem key={r.id} caseId={caseId} r={r} />)}
      {total > PAGE_SIZE && <Pagination simple style={{ marginTop: 12, justifyContent: 'center' }} current={page} pageSize={PAGE_SIZE} total={total} onChange={setPage} />}
    </Spin>
  );
}

/** 服务记录: the list, with how many were entered late, and the button to add one. */
export function CaseRecordsTab({ c, abilities, onAdd }: { c: Case; abilities: CaseAbilities; onAdd: () => void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'all' | 'service' | 'followup'>('all');
  const empty = (
    <Empty description={<><div style={{ fontWeight: 500 }}>{t('cases.records.empty')}</div><Typography.Text type="secondary">{t('cases.records.emptyHint')}</Typography.Text></>}>
      {abilities.work && (
        <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>
          {t('cases.records.add')}
        </Button>
      )}
    </Empty>
  );
  return (
    <div>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginBottom: 4 }}>
        <Flex gap={12} align="center" wrap>
          <Typography.Text type="secondary">
            {t('cases.records.total', { count: c.recordCount })}
            {c.lateRecordCount > 0 && (
              <Typography.Text type="warning" style={{ marginInlineStart: 8 }}>
                {t('cases.records.lateCount', { count: c.lateRecordCount })}
              </Typography.Text>
            )}
          </Typography.Text>
          {c.followups.length > 0 && (
            <Segmented size="small" value={kind} onChange={(v) => setKind(v as typeof kind)} options={(['all', 'service', 'followup'] as const).map((k) => ({ value: k, label: t(`cases.records.kinds.${k}`) }))} />
          )}
        </Flex>
        {abilities.work && (
          <Button type="primary" icon={<PlusOutlined />} onClick={onAdd}>
            {t('cases.records.add')}
          </Button>
        )}
      </Flex>
      <RecordList key={kind} caseId={c.id} kind={kind === 'all' ? undefined : kind} emptyText={empty} />
    </div>
  );
}
