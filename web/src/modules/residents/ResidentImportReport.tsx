import { DownloadOutlined, SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Collapse, Flex, Input, Progress, Row, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportError, ImportJob, ImportReport, ImportWarning } from '../../../../common/schemas/residents-import.schema';
import { currentLang, fieldText, i18n } from '../../lib/i18n';

/** One problem of an import, as the API reports it: Excel row, column title as in the file, cell. */
export type ImportIssue = ImportError | ImportWarning;
export type { ImportReport };

/** The text of a problem in the user's language: the server's Chinese, or the code's own text. */
export function issueText(i: ImportIssue): string {
  if (currentLang() === 'zh') return i.message;
  if (i.code.startsWith('import.')) return i18n.t(`residentsImport.codes.${i.code.slice(7)}`);
  return fieldText(i.code);
}

function Figure({ label, value, tone }: { label: string; value: string; tone?: 'good' | 'bad' | 'info' }) {
  const color = tone === 'good' ? '#0f766e' : tone === 'bad' ? '#b42318' : tone === 'info' ? '#1d4ed8' : undefined;
  return (
    <div style={{ padding: '8px 12px', background: '#f8fafc', borderRadius: 8, height: '100%' }}>
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {label}
      </Typography.Text>
      <div style={{ fontSize: 22, fontWeight: 600, color, lineHeight: 1.3 }}>{value}</div>
    </div>
  );
}

/** 共 N 行，正确 N 行，有问题 N 行；将新增 / 将更新 / 无变化 (or, once imported, what was done). */
export function ImportSummary({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const invalid = report.total - report.valid;
  const items = [
    { label: t('residentsImport.check.total'), value: t('residentsImport.check.rows', { count: report.total }) },
    { label: t('residentsImport.check.valid'), value: t('residentsImport.check.rows', { count: report.valid }), tone: 'good' as const },
    { label: t('residentsImport.check.invalid'), value: t('residentsImport.check.rows', { count: invalid }), tone: invalid ? ('bad' as const) : undefined },
    { label: t('residentsImport.check.willCreate'), value: t('residentsImport.check.people', { count: report.created }), tone: 'info' as const },
    { label: t('residentsImport.check.willUpdate'), value: t('residentsImport.check.people', { count: report.updated }), tone: 'info' as const },
    { label: t('residentsImport.check.unchanged'), value: t('residentsImport.check.people', { count: report.skipped }) },
    ...(report.householdsCreated || report.householdsUpdated
      ? [
          { label: t('residentsImport.check.householdsCreated'), value: t('residentsImport.check.households', { count: report.householdsCreated }), tone: 'info' as const },
          { label: t('residentsImport.check.householdsUpdated'), value: t('residentsImport.check.households', { count: report.householdsUpdated }), tone: 'info' as const },
        ]
      : []),
  ];
  return (
    <Row gutter={[12, 12]} aria-live="polite">
      {items.map((i) => (
        <Col key={i.label} xs={12} sm={8} md={4}>
          <Figure {...i} />
        </Col>
      ))}
    </Row>
  );
}

/**
 * The problems to fix, searchable and filterable by column; a click on a column's tag filters by it.
 * The whole list, with the cells marked in the uploaded sheet, is the problem workbook (`onDownload`).
 */
export function ImportErrorsTable({ errors, total, onDownload, compact = false }: { errors: ImportIssue[]; total: number; onDownload: () => Promise<void>; compact?: boolean }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [column, setColumn] = useState<string | null>(null);
  const byColumn = useMemo(() => {
    const m = new Map<string, number>();
    for (const e of errors) m.set(e.column ?? '', (m.get(e.column ?? '') ?? 0) + 1);
    return [...m].sort((a, b) => b[1] - a[1]);
  }, [errors]);
  const shown = useMemo(() => {
    const s = q.trim().toLowerCase();
    return errors.filter(
      (e) =>
        (column === null || (e.column ?? '') === column) &&
        (!s || String(e.row) === s || `${e.column ?? ''} ${e.cell ?? ''} ${issueText(e)}`.toLowerCase().includes(s)),
    );
  }, [errors, q, column]);

  const where = (e: ImportIssue) => (
    <span>
      {e.column}
      {e.cell && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>
          {e.cell}
        </Typography.Text>
      )}
    </span>
  );
  const rowColumn = { title: t('residentsImport.check.row'), dataIndex: 'row', width: compact ? 64 : 72, sorter: (a: ImportIssue, b: ImportIssue) => a.row - b.row, defaultSortOrder: 'ascend' as const };
  // On a phone the column and the problem share one cell, one above the other.
  const columns: TableColumnsType<ImportIssue> = compact
    ? [rowColumn, { title: `${t('residentsImport.check.column')} / ${t('residentsImport.check.problem')}`, key: 'issue', render: (_, e) => <div>{where(e)}<div>{issueText(e)}</div></div> }]
    : [
    rowColumn,
    {
      title: t('residentsImport.check.column'),
      dataIndex: 'column',
      width: 130,
      render: (_, e) => where(e),
    },
    { title: t('residentsImport.check.problem'), key: 'message', render: (_, e) => issueText(e) },
  ];

  return (
    <div>
      <Flex gap={8} wrap align="center" justify="space-between" style={{ marginBottom: 8 }}>
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={t('residentsImport.check.search')}
          aria-label={t('residentsImport.check.search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
          style={{ maxWidth: 320, flex: '1 1 220px' }}
        />
        <ProblemWorkbookButton onDownload={onDownload} />
      </Flex>
      {total > errors.length && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          {t('residentsImport.check.firstShown', { shown: errors.length, total })}
        </Typography.Paragraph>
      )}
      {byColumn.length > 1 && (
        <Flex gap={4} wrap align="center" style={{ marginBottom: 8 }}>
          <Typography.Text type="secondary">{t('residentsImport.check.byColumn')}</Typography.Text>
          <Tag.CheckableTag checked={column === null} onChange={() => setColumn(null)}>
            {t('residentsImport.check.allColumns')} {errors.length}
          </Tag.CheckableTag>
          {byColumn.map(([c, n]) => (
            <Tag.CheckableTag key={c} checked={column === c} onChange={(on) => setColumn(on ? c : null)}>
              {c || '—'} {n}
            </Tag.CheckableTag>
          ))}
        </Flex>
      )}
      <Table<ImportIssue>
        size="small"
        rowKey={(e) => `${e.row}|${'field' in e ? e.field : ''}|${e.code}|${e.column ?? ''}`}
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 10, showSizeChanger: false, hideOnSinglePage: true, size: 'small' }}
        scroll={compact ? undefined : { x: 420 }}
      />
    </div>
  );
}

/** Downloads the uploaded sheet with its bad cells filled and explained (a note, and a 错误说明 column). */
export function ProblemWorkbookButton({ onDownload, size }: { onDownload: () => Promise<void>; size?: 'small' }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    await onDownload().finally(() => setBusy(false));
  };
  return (
    <Button size={size} icon={<DownloadOutlined />} loading={busy} onClick={() => void run()}>
      {t('residentsImport.check.downloadErrors')}
    </Button>
  );
}

const PHASE_PERCENT = (job: ImportJob) => {
  // An import's check is about half of its time, the writing the other half.
  if (job.phase === 'writing') return 50 + Math.round((50 * job.rowsWritten) / Math.max(job.rowsToWrite, 1));
  return job.mode === 'validate' ? job.readPercent : Math.round(job.readPercent / 2);
};

/** A running import: its phase, the rows read, checked and written, the problems so far. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const writing = job.phase === 'writing';
  return (
    <div role="status" aria-live="polite">
      <Typography.Paragraph strong style={{ marginBottom: 8 }}>
        {t(writing ? 'residentsImport.progress.writing' : job.phase === 'queued' ? 'residentsImport.progress.queued' : 'residentsImport.progress.checking', { name: job.fileName })}
      </Typography.Paragraph>
      <Progress percent={PHASE_PERCENT(job)} status="active" showInfo={false} />
      <Row gutter={[12, 12]} style={{ marginTop: 8 }}>
        <Col xs={12} md={6}><Figure label={t('residentsImport.progress.read')} value={job.rowsRead.toLocaleString()} /></Col>
        <Col xs={12} md={6}><Figure label={t('residentsImport.progress.checked')} value={job.rowsChecked.toLocaleString()} /></Col>
        <Col xs={12} md={6}><Figure label={t('residentsImport.progress.written')} value={writing ? `${job.rowsWritten.toLocaleString()} / ${job.rowsToWrite.toLocaleString()}` : '—'} tone="info" /></Col>
        <Col xs={12} md={6}><Figure label={t('residentsImport.progress.errors')} value={job.errorsSoFar.toLocaleString()} tone={job.errorsSoFar ? 'bad' : undefined} /></Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('residentsImport.progress.hint')}
      </Typography.Paragraph>
    </div>
  );
}

export function ImportWarnings({ warnings }: { warnings: ImportIssue[] }) {
  const { t } = useTranslation();
  if (!warnings.length) return null;
  return (
    <Collapse
      size="small"
      items={[
        {
          key: 'w',
          label: t('residentsImport.check.warningsTitle', { count: warnings.length }),
          children: (
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {warnings.map((w, i) => (
                <li key={i}>
                  <Typography.Text type="secondary">{t('residentsImport.check.rowN', { row: w.row })}</Typography.Text>
                  {w.column ? ` · ${w.column}` : ''}
                  {t('residentsImport.check.colon')}
                  {issueText(w)}
                </li>
              ))}
            </ul>
          ),
        },
      ]}
    />
  );
}

/** The check's verdict in one sentence. */
export function ImportVerdict({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  if (report.errorCount) {
    return <Alert type="warning" showIcon title={t('residentsImport.check.hasErrors', { count: report.errorCount, rows: report.errorRows })} />;
  }
  if (report.created + report.updated === 0) return <Alert type="info" showIcon title={t('residentsImport.check.nothingToDo')} />;
  return <Alert type="success" showIcon title={t('residentsImport.check.allGood', { count: report.total })} />;
}
