import { AlertOutlined, CheckCircleOutlined, LockOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Modal, Radio, Select, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MANDATORY_REPORT_DUE_HOURS, MANDATORY_REPORT_KINDS, REPORT_METHODS } from '../../../../common/codes/case.codes';
import { mandatoryReportFlagInput, mandatoryReportRecordInput, type MandatoryReport } from '../../../../common/schemas/safeguarding.schema';
import { EmptyState, QueryState } from '../../app/states';
import { ApiError } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { useFlagReport, useMandatoryReports, useRecordReport } from './safeguarding.api';
import { SectionTitle } from './SectionTitle';

/** Keeps an ISO timestamp in the form store for a DatePicker with time. */
const dateTimeItemProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d: dayjs.Dayjs | null) => (d ? d.toISOString() : null),
};

/**
 * 强制报告: a red banner while a report is open (反家庭暴力法 第14条, 未成年人保护法 第11条, 戒毒条例
 * 第21条), the button that flags a suspicion, and the reports already made.
 */
export function MandatoryReports({ caseId, canWork }: { caseId: string; canWork: boolean }) {
  const { t } = useTranslation();
  const query = useMandatoryReports(caseId);
  const [flagging, setFlagging] = useState(false);
  const [recording, setRecording] = useState<MandatoryReport | null>(null);

  return (
    <Card
      size="small"
      title={
        <SectionTitle
          title={t('safeguarding.reports.title')}
          action={
            canWork && (
              <Button danger icon={<AlertOutlined />} onClick={() => setFlagging(true)}>
                {t('safeguarding.reports.flag')}
              </Button>
            )
          }
        />
      }
    >
      <QueryState query={query}>
        {({ data }) => {
          const open = data.filter((r) => !r.reportedAt);
          const done = data.filter((r) => r.reportedAt);
          if (!data.length) return <EmptyState description={t('safeguarding.reports.noneYet')} />;
          return (
            <Space orientation="vertical" size={12} style={{ width: '100%' }}>
              {open.length > 0 && <OpenBanner open={open} canWork={canWork} onRecord={setRecording} />}
              {done.length > 0 && (
                <div>
                  <Typography.Text strong>{t('safeguarding.reports.history')}</Typography.Text>
                  {done.map((r) => (
                    <ReportedItem key={r.id} r={r} />
                  ))}
                </div>
              )}
            </Space>
          );
        }}
      </QueryState>
      {canWork && <FlagModal caseId={caseId} open={flagging} onClose={() => setFlagging(false)} />}
      {canWork && <RecordModal caseId={caseId} report={recording} onClose={() => setRecording(null)} />}
    </Card>
  );
}

function OpenBanner({ open, canWork, onRecord }: { open: MandatoryReport[]; canWork: boolean; onRecord: (r: MandatoryReport) => void }) {
  const { t } = useTranslation();
  const overdue = open.some((r) => r.overdue);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={overdue ? t('safeguarding.reports.overdueBanner') : t('safeguarding.reports.openBanner', { count: open.length })}
      description={
        <Space orientation="vertical" size={10} style={{ width: '100%' }}>
          {open.map((r) => (
            <Flex key={r.id} gap={8} wrap justify="space-between" align="flex-start">
              <div style={{ flex: '1 1 260px', minWidth: 0 }}>
                <Space size={6} wrap>
                  <Tag color={r.overdue ? 'red' : 'orange'} style={{ marginInlineEnd: 0 }}>
                    {r.overdue ? t('safeguarding.reports.overdueTag') : t('safeguarding.reports.dueTag')}
                  </Tag>
                  <Typography.Text strong>
                    {t('safeguarding.reports.openItem', {
                      kind: codeLabel(MANDATORY_REPORT_KINDS, r.kind),
                      due: fmtDateTime(r.dueAt),
                      to: t(`safeguarding.reportTo.${r.kind}`),
                      law: t(`safeguarding.law.${r.kind}`),
                    })}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>{r.concern}</Typography.Paragraph>
                <Identity r={r} />
              </div>
              {canWork && (
                <Button type="primary" danger onClick={() => onRecord(r)}>
                  {t('safeguarding.reports.record')}
                </Button>
              )}
            </Flex>
          ))}
        </Space>
      }
    />
  );
}

/** Who flagged and who reported: the server sends them to the case team only. */
function Identity({ r }: { r: MandatoryReport }) {
  const { t } = useTranslation();
  if (r.identityHidden)
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <LockOutlined /> {t('safeguarding.reports.identityHidden')}
      </Typography.Text>
    );
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {t('safeguarding.reports.flaggedAt')} {fmtDateTime(r.flaggedAt)} · {t('safeguarding.reports.flaggedBy')} {r.flaggedByName ?? '—'}
      {r.reportedAt && ` · ${t('safeguarding.reports.reporter')} ${r.reporterName ?? '—'}`}
    </Typography.Text>
  );
}

function ReportedItem({ r }: { r: MandatoryReport }) {
  const { t } = useTranslation();
  const pair = (key: string, value: string | null) => t('safeguarding.reports.pair', { label: t(`safeguarding.reports.${key}`), value: value ?? '—' });
  return (
    <div style={{ padding: '10px 0', borderTop: '1px solid #f0f0f0' }}>
      <Space size={6} wrap>
        <Typography.Text strong>
          <CheckCircleOutlined style={{ color: '#52c41a' }} /> {codeLabel(MANDATORY_REPORT_KINDS, r.kind)}
        </Typography.Text>
        {r.late && <Tag color="warning">{t('safeguarding.reports.lateTag')}</Tag>}
      </Space>
      <div style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>{r.concern}</div>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13 }}>
        {[
          pair('reportedAt', fmtDateTime(r.reportedAt)),
          pair('reportedTo', r.reportedTo),
          pair('method', codeLabel(REPORT_METHODS, r.method)),
          r.reference && pair('reference', r.reference),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Typography.Text>
      <Identity r={r} />
    </div>
  );
}

function FlagModal({ caseId, open, onClose }: { caseId: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm();
  const { submit } = useFormSubmit(form);
  const flag = useFlagReport(caseId);

  const save = async (values: Record<string, unknown>) => {
    const input = validateWith(form, mandatoryReportFlagInput, cleanValues(values));
    if (!input) return;
    await submit(() => flag.mutateAsync(input), {
      // A warning, not a success: the report is now due.
      onSaved: () => {
        void message.warning(t('safeguarding.reports.flagged'));
        form.resetFields();
        onClose();
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('safeguarding.reports.flagTitle')}
      okText={t('app.action.confirm')}
      cancelText={t('app.action.cancel')}
      okButtonProps={{ danger: true }}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={flag.isPending}
      destroyOnHidden
      mask={{ closable: false }}
      width={620}
    >
      <Alert type="warning" showIcon title={t('safeguarding.reports.flagHint', { hours: MANDATORY_REPORT_DUE_HOURS })} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ kind: MANDATORY_REPORT_KINDS[0].code }}>
        <Form.Item name="kind" label={t('safeguarding.reports.kind')} rules={[zodRule(mandatoryReportFlagInput, 'kind')]}>
          <Radio.Group style={{ width: '100%' }}>
            <Space orientation="vertical" size={8} style={{ width: '100%' }}>
              {MANDATORY_REPORT_KINDS.map((k) => (
                <Radio key={k.code} value={k.code}>
                  <div>{codeLabel(MANDATORY_REPORT_KINDS, k.code)}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`safeguarding.law.${k.code}`)} · {t(`safeguarding.reportTo.${k.code}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item name="concern" label={t('safeguarding.reports.concern')} rules={[zodRule(mandatoryReportFlagInput, 'concern')]}>
          <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('safeguarding.reports.concernPlaceholder')} />
        </Form.Item>
      </Form>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <LockOutlined /> {t('safeguarding.reports.confidential')}
      </Typography.Text>
    </Modal>
  );
}

function RecordModal({ caseId, report, onClose }: { caseId: string; report: MandatoryReport | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { submit } = useFormSubmit(form);
  const record = useRecordReport(caseId);

  const save = async (values: Record<string, unknown>) => {
    if (!report) return;
    const input = validateWith(form, mandatoryReportRecordInput, cleanValues(values));
    if (!input) return;
    await submit(() => record.mutateAsync({ reportId: report.id, input }), {
      success: t('safeguarding.reports.recorded'),
      onSaved: onClose,
      // Recorded meanwhile by a colleague: nothing left to do here.
      onError: (e) => {
        if (e instanceof ApiError && e.code === 'safeguarding.already_reported') onClose();
      },
    });
  };

  return (
    <Modal
      open={!!report}
      title={t('safeguarding.reports.recordTitle')}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      {report && (
        <Typography.Paragraph type="secondary">
          {codeLabel(MANDATORY_REPORT_KINDS, report.kind)}（{t(`safeguarding.law.${report.kind}`)}）
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={save} initialValues={{ reportedAt: new Date().toISOString(), method: 'phone' }}>
        <Form.Item name="reportedTo" label={t('safeguarding.reports.reportedTo')} rules={[zodRule(mandatoryReportRecordInput, 'reportedTo')]}>
          <Input maxLength={200} placeholder={t('safeguarding.reports.reportedToPlaceholder')} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="reportedAt" label={t('safeguarding.reports.reportedAt')} rules={[zodRule(mandatoryReportRecordInput, 'reportedAt')]} style={{ flex: '1 1 200px' }} {...dateTimeItemProps}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="method" label={t('safeguarding.reports.method')} rules={[zodRule(mandatoryReportRecordInput, 'method')]} style={{ flex: '1 1 160px' }}>
            <Select options={codeOptions(REPORT_METHODS)} />
          </Form.Item>
        </Flex>
        <Form.Item name="reference" label={t('safeguarding.reports.reference')}>
          <Input maxLength={200} placeholder={t('safeguarding.reports.referencePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
