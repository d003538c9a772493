import { ExportOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Form, Grid, Popconfirm, Result, Select, Space, Steps, Tooltip, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportJob, ImportMode } from '../../../../common/schemas/residents-import.schema';
import { useCan, useMe } from '../../app/auth';
import { api, ApiError } from '../../lib/api';
import { errorMessage, useNotifyError } from '../../lib/feedback';
import { currentLang, errorText } from '../../lib/i18n';
import { useCurrentImportJob, useImportActions } from './residents-import.api';
import { ImportErrorsTable, ImportProgress, ImportSummary, ImportVerdict, ImportWarnings, ProblemWorkbookButton } from './ResidentImportReport';

/** The upload limit (IMPORT_LIMITS.uploadBytes on the server): a street's register of 100,000+ people fits. */
const MAX_BYTES = 50 * 1024 * 1024;

/** The details of a refused file (missing columns, old .xls, a crafted file …), in Chinese from the server. */
function failureDetails(details: unknown): string[] {
  if (!Array.isArray(details) || currentLang() !== 'zh') return [];
  return details.map((d: { message?: string }) => d.message).filter((m): m is string => !!m);
}

/** What the page shows for the latest job. */
function stageOf(job: ImportJob | null | undefined) {
  if (!job) return 'upload' as const;
  if (job.status === 'running') return 'running' as const;
  if (job.status === 'done' && job.report?.committed) return 'done' as const;
  if (job.status === 'done' && job.report) return 'checked' as const;
  return 'upload' as const;
}

/**
 * 导入居民 (MZ/T 071 §8.3.2 建档): download the template (or take the office's own register), upload it,
 * follow the check as it runs, read the problems (on screen and as the marked workbook), then import
 * all rows or only the valid ones. The job lives on the server: a reload finds it again.
 */
export default function ResidentImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const me = useMe();
  const canRead = useCan('residents.read');
  const mobile = Grid.useBreakpoint().md === false;
  const { data: latest } = useCurrentImportJob();
  const actions = useImportActions();

  const [dismissed, setDismissed] = useState<string | null>(null);
  const [communityId, setCommunityId] = useState<string | null>(me.communities.length === 1 ? me.communities[0].id : null);
  const [busy, setBusy] = useState<'template' | 'upload' | 'import' | 'cancel' | null>(null);
  const [uploadError, setUploadError] = useState<unknown>(null);

  const job = latest && latest.id !== dismissed ? latest : null;
  const stage = stageOf(job);
  const report = job?.report ?? null;
  const failure = job?.status === 'failed' ? job.failure : null;
  const needsCommunity = failure?.code === 'residents.import_community_required';

  const finishedRef = useRef<string | null>(null);
  const resultsRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A job that just finished: bring its result into view, and let the lists show what it wrote.
    if (!job || job.status === 'running' || finishedRef.current === job.id) return;
    const first = finishedRef.current === null;
    finishedRef.current = job.id;
    if (first) return;
    resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
    if (job.report?.committed) for (const key of ['residents', 'households', 'dashboard']) void qc.invalidateQueries({ queryKey: [key] });
  }, [job, qc]);

  const run = async (kind: 'upload' | 'import' | 'cancel', fn: () => Promise<unknown>) => {
    setBusy(kind);
    setUploadError(null);
    try {
      await fn();
    } catch (e) {
      if (kind === 'upload') setUploadError(e);
      else notifyError(e);
    } finally {
      setBusy(null);
    }
  };

  const downloadTemplate = async () => {
    setBusy('template');
    try {
      await api.download('/api/residents/import/template', undefined, '居民导入模板.xlsx');
    } catch (e) {
      notifyError(e);
    } finally {
      setBusy(null);
    }
  };

  const beforeUpload = (f: File) => {
    if (!/\.xlsx$/i.test(f.name)) void message.error(t('residentsImport.upload.notXlsx'));
    else if (f.size > MAX_BYTES) void message.error(t('residentsImport.upload.tooLarge'));
    else void run('upload', () => actions.upload(f, 'validate', communityId));
    // Never uploaded by the component itself: the file goes with the mode and the community.
    return Upload.LIST_IGNORE;
  };

  const rerun = (mode: ImportMode) => job && run(mode === 'validate' ? 'upload' : 'import', () => actions.rerun(job.id, mode, communityId));
  const problems = () => (job ? actions.problems(job).catch(notifyError) : Promise.resolve());

  const importing = stage === 'running' && job?.mode !== 'validate';
  const current = stage === 'done' || importing ? 3 : stage === 'checked' || stage === 'running' ? 2 : job ? 1 : 0;
  const invalid = report ? report.errorRows : 0;
  const changes = report ? report.created + report.updated : 0;
  const tips = t('residentsImport.template.tips', { returnObjects: true }) as unknown as string[];
  const refused = failure ? new ApiError(400, failure.code, failure.message, failure.details as never) : uploadError;

  return (
    <div>
      <div className="page-title">
        <Typography.Title level={4}>{t('residentsImport.title')}</Typography.Title>
        {canRead && (
          <Link to="/residents">
            <Button>{t('residentsImport.backToList')}</Button>
          </Link>
        )}
      </div>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Steps
          size="small"
          current={current}
          titlePlacement={mobile ? 'vertical' : 'horizontal'}
          responsive={false}
          items={[
            { title: t('residentsImport.steps.template') },
            { title: t('residentsImport.steps.upload') },
            { title: t('residentsImport.steps.check'), status: stage === 'checked' && invalid > 0 ? 'error' : undefined },
            { title: t('residentsImport.steps.done') },
          ]}
        />
      </Card>

      {stage !== 'done' && stage !== 'running' && (
        <Flex gap={16} vertical={mobile} align="stretch" style={{ marginBottom: 16 }}>
          <Card size="small" title={t('residentsImport.template.title')} style={{ flex: 1 }}>
            <Typography.Paragraph>{t('residentsImport.template.intro')}</Typography.Paragraph>
            {/* On a phone, once a file is checked, the tips give way to the results. */}
            {!(mobile && job) && (
              <ul style={{ paddingInlineStart: 18, margin: '0 0 12px' }}>
                {tips.map((tip) => (
                  <li key={tip} style={{ marginBottom: 4 }}>
                    {tip}
                  </li>
                ))}
              </ul>
            )}
            <Button icon={<FileExcelOutlined />} loading={busy === 'template'} onClick={() => void downloadTemplate()}>
              {t('residentsImport.template.download')}
            </Button>
          </Card>

          <Card size="small" title={t('residentsImport.upload.title')} style={{ flex: 1 }}>
            {me.communities.length > 1 && (
              <Form layout="vertical" component="div">
                <Form.Item
                  label={t('residentsImport.upload.community')}
                  help={needsCommunity && !communityId ? errorText('residents.import_community_required') : t('residentsImport.upload.communityHelp')}
                  validateStatus={needsCommunity && !communityId ? 'error' : undefined}
                  required={needsCommunity}
                  style={{ marginBottom: 12 }}
                >
                  <Select
                    allowClear
                    value={communityId ?? undefined}
                    onChange={(v) => setCommunityId(v ?? null)}
                    placeholder={t('residentsImport.upload.communityPlaceholder')}
                    options={me.communities.map((c) => ({ value: c.id, label: c.name }))}
                    aria-label={t('residentsImport.upload.community')}
                  />
                </Form.Item>
              </Form>
            )}
            <Upload.Dragger
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              multiple={false}
              showUploadList={false}
              beforeUpload={beforeUpload}
              disabled={busy !== null}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined />
              </p>
              <p className="ant-upload-text">{t(busy === 'upload' ? 'residentsImport.upload.sending' : 'residentsImport.upload.drag')}</p>
              <p className="ant-upload-hint" style={{ padding: '0 12px' }}>
                {t('residentsImport.upload.hint')}
              </p>
            </Upload.Dragger>
            {job && (
              <Flex gap={8} align="center" wrap style={{ marginTop: 10 }}>
                <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                  <FileExcelOutlined style={{ color: '#107c41' }} /> {t('residentsImport.upload.chosen', { name: job.fileName })}
                </Typography.Text>
                {job.fileKept && (
                  <Button size="small" icon={<ReloadOutlined />} disabled={busy !== null || (needsCommunity && !communityId)} onClick={() => void rerun('validate')}>
                    {t('residentsImport.upload.recheck')}
                  </Button>
                )}
              </Flex>
            )}
            {job?.status === 'cancelled' && <Alert type="info" showIcon style={{ marginTop: 12 }} title={t('residentsImport.progress.cancelled')} />}
            {refused !== null && refused !== undefined && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 12 }}
                title={t('residentsImport.upload.failed', { reason: errorMessage(refused) })}
                description={
                  refused instanceof ApiError && failureDetails(refused.details).length ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {failureDetails(refused.details).map((m) => (
                        <li key={m}>{m}</li>
                      ))}
                    </ul>
                  ) : undefined
                }
              />
            )}
          </Card>
        </Flex>
      )}

      <div ref={resultsRef} style={{ scrollMarginTop: 72 }} />
      {stage === 'running' && job && (
        <Card
          size="small"
          title={t(job.mode === 'validate' ? 'residentsImport.progress.titleCheck' : 'residentsImport.progress.titleImport')}
          style={{ marginBottom: 16 }}
          extra={
            <Popconfirm
              title={t(job.phase === 'writing' ? 'residentsImport.progress.confirmCancelWrite' : 'residentsImport.progress.confirmCancel')}
              okText={t('app.action.confirm')}
              cancelText={t('app.action.cancel')}
              onConfirm={() => void run('cancel', () => actions.cancel(job.id))}
            >
              <Button size="small" danger icon={<StopOutlined />} loading={busy === 'cancel'}>
                {t('residentsImport.progress.cancel')}
              </Button>
            </Popconfirm>
          }
        >
          <ImportProgress job={job} />
        </Card>
      )}

      {stage === 'checked' && job && report && (
        <Card size="small" title={t('residentsImport.check.title')} style={{ marginBottom: 16 }}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {report.changedSince && <Alert type="error" showIcon title={t('residentsImport.check.changedSince')} />}
            <ImportSummary report={report} />
            <ImportVerdict report={report} />
            {report.errors.length > 0 && (
              <div>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('residentsImport.check.errorsTitle')}
                </Typography.Title>
                <ImportErrorsTable errors={report.errors} total={report.errorCount} onDownload={problems} compact={mobile} />
              </div>
            )}
            <ImportWarnings warnings={report.warnings} />
            {!job.fileKept && <Alert type="warning" showIcon title={errorText('residents.import_file_gone')} />}
            <Flex gap={8} wrap align="center">
              <Popconfirm
                title={t('residentsImport.check.confirmAll', { created: report.created, updated: report.updated })}
                okText={t('app.action.confirm')}
                cancelText={t('app.action.cancel')}
                disabled={invalid > 0 || changes === 0 || !job.fileKept}
                onConfirm={() => void rerun('all')}
              >
                <Tooltip title={invalid > 0 ? t('residentsImport.check.importAllDisabled', { count: invalid }) : undefined}>
                  <Button type="primary" disabled={invalid > 0 || changes === 0 || busy !== null || !job.fileKept} loading={busy === 'import' && invalid === 0}>
                    {t('residentsImport.check.importAll')}
                  </Button>
                </Tooltip>
              </Popconfirm>
              {invalid > 0 && (
                <Popconfirm
                  title={t('residentsImport.check.confirmValid', { count: report.valid, created: report.created, updated: report.updated, invalid })}
                  okText={t('app.action.confirm')}
                  cancelText={t('app.action.cancel')}
                  disabled={changes === 0 || !job.fileKept}
                  onConfirm={() => void rerun('valid_only')}
                >
                  <Button disabled={changes === 0 || busy !== null || !job.fileKept} loading={busy === 'import'}>
                    {t('residentsImport.check.importValid', { count: report.valid })}
                  </Button>
                </Popconfirm>
              )}
            </Flex>
            {invalid > 0 && (
              <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                {t('residentsImport.check.importAllDisabled', { count: invalid })}
              </Typography.Text>
            )}
          </Space>
        </Card>
      )}

      {stage === 'done' && job && report && (
        <Card size="small" title={t('residentsImport.done.title')} style={{ marginBottom: 16 }}>
          <Result
            status="success"
            title={t('residentsImport.done.success')}
            subTitle={t('residentsImport.done.summary', {
              created: report.created, updated: report.updated, skipped: report.skipped, households: report.householdsCreated + report.householdsUpdated,
            })}
            extra={[
              canRead && (
                <Link key="list" to="/residents">
                  <Button type="primary">{t('residentsImport.done.toList')}</Button>
                </Link>
              ),
              <Button key="again" onClick={() => setDismissed(job.id)}>
                {t('residentsImport.done.again')}
              </Button>,
            ]}
          />
          {report.errorCount > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('residentsImport.done.notImported', { count: report.errorRows })}
              description={job.fileKept ? <ProblemWorkbookButton size="small" onDownload={problems} /> : undefined}
            />
          )}
        </Card>
      )}

      {canRead && (
        <Card size="small" title={t('residentsImport.export.title')}>
          <Flex gap={12} align={mobile ? 'stretch' : 'center'} vertical={mobile} justify="space-between">
            <Typography.Text type="secondary">{t('residentsImport.export.text')}</Typography.Text>
            <Link to="/residents">
              <Button icon={<ExportOutlined />}>{t('residentsImport.export.go')}</Button>
            </Link>
          </Flex>
        </Card>
      )}
    </div>
  );
}
