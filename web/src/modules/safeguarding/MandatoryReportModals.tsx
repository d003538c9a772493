import { Alert, App, DatePicker, Flex, Form, Input, Modal, Radio, Select, Space, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { MANDATORY_REPORT_DUE_HOURS, MANDATORY_REPORT_KINDS, REPORT_METHODS } from '../../../../common/codes/case.codes';
import {
  mandatoryReportDismissInput, mandatoryReportFlagInput, mandatoryReportRecordInput, type MandatoryReport,
} from '../../../../common/schemas/safeguarding.schema';
import { ApiError } from '../../lib/api';
import { dateTimeItemProps, isAfterToday } from '../../lib/format';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { useDismissReport, useFlagReport, useRecordReport } from './safeguarding.api';

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

type ActionProps = { caseId: string; report: MandatoryReport | null; onClose: () => void };

/**
 * A modal acting on one open report (record it, dismiss it): `intro` above the form, the form checked
 * with the API's schema, then saved; a report a colleague dealt with meanwhile just closes the modal.
 */
function ReportActionModal<S extends z.ZodType>({
  report, onClose, schema, run, pending, title, okText, success, initialValues, intro, children,
}: Omit<ActionProps, 'caseId'> & {
  schema: S;
  run: (reportId: string, input: z.infer<S>) => Promise<unknown>;
  pending: boolean;
  title: string;
  okText: string;
  success: string;
  initialValues?: Record<string, unknown>;
  intro: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const { submit } = useFormSubmit(form);

  const save = async (values: Record<string, unknown>) => {
    if (!report) return;
    const input = validateWith(form, schema, cleanValues(values));
    if (!input) return;
    await submit(() => run(report.id, input), {
      success,
      onSaved: onClose,
      onError: (e) => {
        if (dealtWith(e)) onClose();
      },
    });
  };

  return (
    <Modal
      open={!!report}
      title={title}
      okText={okText}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={pending}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      {intro}
      <Form form={form} layout="vertical" onFinish={save} initialValues={initialValues}>
        {children}
      </Form>
    </Modal>
  );
}

export function RecordModal({ caseId, report, onClose }: ActionProps) {
  const { t } = useTranslation();
  const record = useRecordReport(caseId);
  return (
    <ReportActionModal
      report={report}
      onClose={onClose}
      schema={mandatoryReportRecordInput}
      run={(reportId, input) => record.mutateAsync({ reportId, input })}
      pending={record.isPending}
      title={t('safeguarding.reports.recordTitle')}
      okText={t('app.action.save')}
      success={t('safeguarding.reports.recorded')}
      initialValues={{ reportedAt: new Date().toISOString(), method: 'phone' }}
      intro={
        report && (
          <Typography.Paragraph type="secondary">
            {codeLabel(MANDATORY_REPORT_KINDS, report.kind)}（{t(`safeguarding.law.${report.kind}`)}）
          </Typography.Paragraph>
        )
      }
    >
      <Form.Item name="reportedTo" label={t('safeguarding.reports.reportedTo')} rules={[zodRule(mandatoryReportRecordInput, 'reportedTo')]}>
        <Input maxLength={200} placeholder={t('safeguarding.reports.reportedToPlaceholder')} />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item name="reportedAt" label={t('safeguarding.reports.reportedAt')} rules={[zodRule(mandatoryReportRecordInput, 'reportedAt')]} style={{ flex: '1 1 200px' }} {...dateTimeItemProps}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={isAfterToday} />
        </Form.Item>
        <Form.Item name="method" label={t('safeguarding.reports.method')} rules={[zodRule(mandatoryReportRecordInput, 'method')]} style={{ flex: '1 1 160px' }}>
          <Select options={codeOptions(REPORT_METHODS)} />
        </Form.Item>
      </Flex>
      <Form.Item name="reference" label={t('safeguarding.reports.reference')}>
        <Input maxLength={200} placeholder={t('safeguarding.reports.referencePlaceholder')} />
      </Form.Item>
    </ReportActionModal>
  );
}

/**
 * Closes a suspicion found unfounded without a report: a confirmation that says what it means, and
 * the reason (required: what was checked).
 */
export function DismissModal({ caseId, report, onClose }: ActionProps) {
  const { t } = useTranslation();
  const dismiss = useDismissReport(caseId);
  return (
    <ReportActionModal
      report={report}
      onClose={onClose}
      schema={mandatoryReportDismissInput}
      run={(reportId, input) => dismiss.mutateAsync({ reportId, input })}
      pending={dismiss.isPending}
      title={t('safeguarding.reports.dismissTitle')}
      okText={t('safeguarding.reports.dismissConfirm')}
      success={t('safeguarding.reports.dismissed')}
      intro={
        <>
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
        </>
      }
    >
      <Form.Item name="reason" label={t('safeguarding.reports.dismissReason')} rules={[zodRule(mandatoryReportDismissInput, 'reason')]}>
        <Input.TextArea rows={4} maxLength={1000} showCount placeholder={t('safeguarding.reports.dismissReasonPlaceholder')} />
      </Form.Item>
    </ReportActionModal>
  );
}
