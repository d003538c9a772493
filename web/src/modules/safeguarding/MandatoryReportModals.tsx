import { Alert, App, DatePicker, Flex, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { MANDATORY_REPORT_DUE_HOURS, MANDATORY_REPORT_KINDS, REPORT_METHODS } from '../../../../common/codes/case.codes';
import {
  mandatoryReportDismissInput, mandatoryReportFlagInput, mandatoryReportRecordInput, type MandatoryReport,
} from '../../../../common/schemas/safeguarding.schema';
import { ApiError } from '../../lib/api';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { useDismissReport, useFlagReport, useRecordReport } from './safeguarding.api';

/** Keeps an ISO timestamp in the form store for a DatePicker with time. */
const dateTimeItemProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : undefined }),
  normalize: (d: dayjs.Dayjs | null) => (d ? d.toISOString() : null),
};

/** Someone else on the team dealt with the report meanwhile: nothing left to do in the modal. */
const dealtWith = (e: unknown) => e instanceof ApiError && (e.code === 'safeguarding.already_reported' || e.code === 'safeguarding.already_dismissed');

export function FlagModal({ caseId, open, onClose }: { caseId: string; open: boolean; onClose: () => void }) {
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

export function RecordModal({ caseId, report, onClose }: { caseId: string; report: MandatoryReport | null; onClose: () => void }) {
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
      onError: (e) => {
        if (dealtWith(e)) onClose();
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

/**
 * Closes a suspicion found unfounded without a report: a confirmation that says what it means, and
 * the reason (required: what was checked).
 */
export function DismissModal({ caseId, report, onClose }: { caseId: string; report: MandatoryReport | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { submit } = useFormSubmit(form);
  const dismiss = useDismissReport(caseId);

  const save = async (values: Record<string, unknown>) => {
    if (!report) return;
    const input = validateWith(form, mandatoryReportDismissInput, cleanValues(values));
    if (!input) return;
    await submit(() => dismiss.mutateAsync({ reportId: report.id, input }), {
      success: t('safeguarding.reports.dismissed'),
      onSaved: onClose,
      onError: (e) => {
        if (dealtWith(e)) onClose();
      },
    });
  };

  return (
    <Modal
      open={!!report}
      title={t('safeguarding.reports.dismissTitle')}
      okText={t('safeguarding.reports.dismissConfirm')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={dismiss.isPending}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      <Alert type="warning" showIcon title={t('safeguarding.reports.dismissWarning')} style={{ marginBottom: 16 }} />
      {report && (
        <Typography.Paragraph>
          <Typography.Text strong>{codeLabel(MANDATORY_REPORT_KINDS, report.kind)}</Typography.Text>
          <br />
          <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
            {report.concern}
          </Typography.Text>
        </Typography.Paragraph>
      )}
      <Form form={form} layout="vertical" onFinish={save}>
        <Form.Item name="reason" label={t('safeguarding.reports.dismissReason')} rules={[zodRule(mandatoryReportDismissInput, 'reason')]}>
          <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('safeguarding.reports.dismissReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
