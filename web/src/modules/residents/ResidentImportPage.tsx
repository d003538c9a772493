import { DownloadOutlined, ExportOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Flex, Grid, Popconfirm, Result, Space, Spin, Steps, Tooltip, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCan } from '../../app/auth';
import { api, ApiError } from '../../lib/api';
import { errorMessage, useNotifyError } from '../../lib/feedback';
import { currentLang } from '../../lib/i18n';
import { downloadIssuesCsv, ImportErrorsTable, ImportSummary, ImportVerdict, ImportWarnings, type ImportReport } from './ResidentImportReport';

const MAX_BYTES = 10 * 1024 * 1024;
type Mode = 'validate' | 'all' | 'valid_only';

/** The details of a refused file (missing columns, old .xls …), in Chinese from the server. */
function failureDetails(e: unknown): string[] {
  if (!(e instanceof ApiError) || !Array.isArray(e.details) || currentLang() !== 'zh') return [];
  return e.details.map((d) => d.message).filter((m): m is string => !!m);
}

const isReport = (d: unknown): d is ImportReport => !!d && typeof d === 'object' && 'errors' in d && 'total' in d;

/**
 * 导入居民 (MZ/T 071 §8.3.2 建档): download the template, upload a filled-in file, read the check of
 * every row, then import all rows or only the valid ones.
 */
export default function ResidentImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const qc = useQueryClient();
  const canRead = useCan('residents.read');
  const mobile = Grid.useBreakpoint().md === false;

  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [result, setResult] = useState<ImportReport | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const [changedSince, setChangedSince] = useState(false);
  const [busy, setBusy] = useState<'template' | 'check' | 'import' | null>(null);

  const resultsRef = useRef<HTMLDivElement>(null);
  // A new check or a finished import: bring it into view (below the fold on small screens).
  useEffect(() => {
    if (report || result) resultsRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [report, result]);

  const send = (f: File, mode: Mode) => api.upload<{ data: ImportReport }>('/api/residents/import', f, { mode }).then((r) => r.data);

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

  const check = async (f: File) => {
    setFile(f);
    setReport(null);
    setResult(null);
    setFailure(null);
    setChangedSince(false);
    setBusy('check');
    try {
      setReport(await send(f, 'validate'));
    } catch (e) {
      setFailure(e);
    } finally {
      setBusy(null);
    }
  };

  const commit = async (mode: 'all' | 'valid_only') => {
    if (!file) return;
    setBusy('import');
    setChangedSince(false);
    try {
      setResult(await send(file, mode));
      void qc.invalidateQueries({ queryKey: ['residents'] });
      void qc.invalidateQueries({ queryKey: ['households'] });
      void qc.invalidateQueries({ queryKey: ['dashboard'] });
    } catch (e) {
      // Someone changed the data between the check and the import: show the new check.
      if (e instanceof ApiError && e.code === 'residents.import_has_errors' && isReport(e.details)) {
        setReport(e.details);
        setChangedSince(true);
      } else notifyError(e);
    } finally {
      setBusy(null);
    }
  };

  const restart = () => {
    setFile(null);
    setReport(null);
    setResult(null);
    setFailure(null);
    setChangedSince(false);
  };

  const beforeUpload = (f: File) => {
    if (!/\.xlsx$/i.test(f.name)) void message.error(t('residentsImport.upload.notXlsx'));
    else if (f.size > MAX_BYTES) void message.error(t('residentsImport.upload.tooLarge'));
    else void check(f);
    // Never uploaded by the component itself: the file is sent with a mode by check() and commit().
    return Upload.LIST_IGNORE;
  };

  const current = result ? 3 : report || busy === 'check' || failure ? 2 : file ? 1 : 0;
  const invalid = report ? report.total - report.valid : 0;
  const changes = report ? report.created + report.updated : 0;
  const tips = t('residentsImport.template.tips', { returnObjects: true }) as unknown as string[];

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
            { title: t('residentsImport.steps.check'), status: current === 2 && invalid > 0 ? 'error' : undefined },
            { title: t('residentsImport.steps.done') },
          ]}
        />
      </Card>

      {!result && (
        <Flex gap={16} vertical={mobile} align="stretch" style={{ marginBottom: 16 }}>
          <Card size="small" title={t('residentsImport.template.title')} style={{ flex: 1 }}>
            <Typography.Paragraph>{t('residentsImport.template.intro')}</Typography.Paragraph>
            {/* On a phone, once a file is chosen, the tips give way to the results. */}
            {!(mobile && file) && (
              <ul style={{ paddingInlineStart: 18, margin: '0 0 12px', color: 'rgba(0,0,0,0.65)' }}>
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
            <Spin spinning={busy === 'check'} description={file ? t('residentsImport.upload.checking', { name: file.name }) : undefined}>
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
                <p className="ant-upload-text">{t('residentsImport.upload.drag')}</p>
                <p className="ant-upload-hint" style={{ padding: '0 12px' }}>
                  {t('residentsImport.upload.hint')}
                </p>
              </Upload.Dragger>
            </Spin>
            {busy === 'check' && (
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }} role="status">
                {t('residentsImport.upload.checkingHint')}
              </Typography.Text>
            )}
            {file && busy !== 'check' && (
              <Flex gap={8} align="center" wrap style={{ marginTop: 10 }}>
                <Typography.Text ellipsis style={{ maxWidth: '100%' }}>
                  <FileExcelOutlined style={{ color: '#107c41' }} /> {t('residentsImport.upload.chosen', { name: file.name })}
                </Typography.Text>
                <Button size="small" icon={<ReloadOutlined />} disabled={busy !== null} onClick={() => void check(file)}>
                  {t('residentsImport.upload.recheck')}
                </Button>
              </Flex>
            )}
            {failure !== null && (
              <Alert
                type="error"
                showIcon
                style={{ marginTop: 12 }}
                title={t('residentsImport.upload.failed', { reason: errorMessage(failure) })}
                description={
                  failureDetails(failure).length ? (
                    <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                      {failureDetails(failure).map((m) => (
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
      {report && !result && (
        <Card size="small" title={t('residentsImport.check.title')} style={{ marginBottom: 16 }}>
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {changedSince && <Alert type="error" showIcon title={t('residentsImport.check.changedSince')} />}
            <ImportSummary report={report} />
            <ImportVerdict report={report} />
            {report.errors.length > 0 && (
              <div>
                <Typography.Title level={5} style={{ marginTop: 0 }}>
                  {t('residentsImport.check.errorsTitle')}
                </Typography.Title>
                <ImportErrorsTable errors={report.errors} fileName={file?.name ?? ''} compact={mobile} />
              </div>
            )}
            <ImportWarnings warnings={report.warnings} />
            {busy === 'import' && <Alert type="info" showIcon icon={<Spin size="small" />} title={t('residentsImport.check.importing')} />}
            <Flex gap={8} wrap align="center">
              <Popconfirm
                title={t('residentsImport.check.confirmAll', { created: report.created, updated: report.updated })}
                okText={t('app.action.confirm')}
                cancelText={t('app.action.cancel')}
                disabled={invalid > 0 || changes === 0}
                onConfirm={() => void commit('all')}
              >
                <Tooltip title={invalid > 0 ? t('residentsImport.check.importAllDisabled', { count: invalid }) : undefined}>
                  <Button type="primary" disabled={invalid > 0 || changes === 0 || busy !== null} loading={busy === 'import' && invalid === 0}>
                    {t('residentsImport.check.importAll')}
                  </Button>
                </Tooltip>
              </Popconfirm>
              {invalid > 0 && (
                <Popconfirm
                  title={t('residentsImport.check.confirmValid', { count: report.valid, created: report.created, updated: report.updated, invalid })}
                  okText={t('app.action.confirm')}
                  cancelText={t('app.action.cancel')}
                  disabled={changes === 0}
                  onConfirm={() => void commit('valid_only')}
                >
                  <Button disabled={changes === 0 || busy !== null} loading={busy === 'import'}>
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

      {result && (
        <Card size="small" title={t('residentsImport.done.title')} style={{ marginBottom: 16 }}>
          <Result
            status="success"
            title={t('residentsImport.done.success')}
            subTitle={t('residentsImport.done.summary', { created: result.created, updated: result.updated, skipped: result.skipped })}
            extra={[
              canRead && (
                <Link key="list" to="/residents">
                  <Button type="primary">{t('residentsImport.done.toList')}</Button>
                </Link>
              ),
              <Button key="again" onClick={restart}>
                {t('residentsImport.done.again')}
              </Button>,
            ]}
          />
          {result.errors.length > 0 && (
            <Alert
              type="warning"
              showIcon
              title={t('residentsImport.done.notImported', { count: result.total - result.valid })}
              description={
                <Button size="small" icon={<DownloadOutlined />} style={{ marginTop: 4 }} onClick={() => downloadIssuesCsv(result.errors, file?.name ?? '')}>
                  {t('residentsImport.check.downloadErrors')}
                </Button>
              }
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
