import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, DatePicker, Drawer, Flex, Form, Grid, Input, InputNumber, Radio, Row, Select, TimePicker, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTACHMENT_KINDS, ATTACHMENT_MAX_BYTES, FOLLOWUP_KINDS, LATE_RECORD_HOURS, RECORD_MODES, SERVICE_AREAS } from '../../../../common/codes/case.codes';
import { acceptOf, hasExtensionOf } from '../../../../common/codes/file-types';
import { caseRecordInput, type Case, type CaseRecord } from '../../../../common/schemas/cases.schema';
import { SaveCancel } from '../../components/SaveCancel';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { beijingToday, dateItemProps, fmtDate, isAfterToday } from '../../lib/format';
import { validateWith, zodRule } from '../../lib/forms';
import { codeLabel, codeOptions } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { caseKeys, useCaseAction } from './cases.api';

type Values = {
  serviceDate: string;
  endTime?: string | null;
  mode: string;
  durationMinutes: number;
  serviceArea: string;
  content: string;
  goalId?: string | null;
  nextStep?: string;
};

const timeItemProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(`2000-01-01T${v}`) : undefined }),
  normalize: (d: dayjs.Dayjs | null) => (d ? d.format('HH:mm') : null),
};

/** The end of a service in Beijing time: the time given, or the end of the day (as the server counts it). */
const serviceEnd = (date: string, endTime?: string | null) => new Date(`${date}T${endTime ?? '23:59'}:00+08:00`);
export const isLateNow = (date: string, endTime?: string | null) => Date.now() - serviceEnd(date, endTime).getTime() > LATE_RECORD_HOURS * 3600_000;

/**
 * 添加服务记录 (or a 回访 when `followupId` is given): date, time, mode, duration, area, what
 * happened, the goal served, the next step and attachments. Warns before saving a record of a
 * service more than 24 hours ago: it will be marked 逾期录入.
 */
export function CaseRecordForm({ c, open, followupId, onClose, onSaved }: { c: Case; open: boolean; followupId?: string; onClose: () => void; onSaved: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const { submit, busy } = useFormSubmit(form);
  const run = useCaseAction(c.id);
  const qc = useQueryClient();
  const today = beijingToday();
  const followup = followupId ? c.followups.find((f) => f.id === followupId) : undefined;
  const date = Form.useWatch('serviceDate', form);
  const endTime = Form.useWatch('endTime', form);
  const late = !!date && isLateNow(date, endTime);

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFiles([]);
    form.setFieldsValue({ serviceDate: today, mode: followupId ? 'phone' : 'interview', durationMinutes: followupId ? 30 : 60, serviceArea: c.serviceArea });
  }, [open, followupId, c.serviceArea, form, today]);

  const upload = async (recordId: string) => {
    for (const f of files) {
      try {
        await api.upload(`/api/cases/${c.id}/records/${recordId}/attachments`, f.originFileObj as File);
      } catch (e) {
        void message.error(t('cases.recordForm.uploadFailed', { name: f.name, error: errorMessage(e) }), 8);
      }
    }
  };

  const send = async (v: Values) => {
    const input = validateWith(form, caseRecordInput, { ...v, endTime: v.endTime ?? null, goalId: v.goalId ?? null, nextStep: v.nextStep ?? '', followupId: followupId ?? null });
    if (!input) return;
    await submit(
      async () => {
        const res = await run<{ data: CaseRecord }>('post', 'records', input);
        if (files.length) {
          await upload(res.data.id);
          void qc.invalidateQueries({ queryKey: caseKeys.one(c.id) });
        }
      },
      {
        success: t('cases.recordForm.saved'),
        onSaved: () => {
          onClose();
          onSaved();
        },
      },
    );
  };

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    if (isLateNow(v.serviceDate, v.endTime)) {
      modal.confirm({
        title: t('cases.recordForm.lateConfirmTitle'),
        content: t('cases.recordForm.lateConfirm'),
        okText: t('cases.recordForm.saveAnyway'),
        cancelText: t('app.action.cancel'),
        onOk: () => send(v),
      });
      return;
    }
    await send(v);
  };

  const beforeUpload = (file: File) => {
    // By the name: browsers give HEIC and office files no reliable type. The server reads the content.
    if (!hasExtensionOf(file.name, ATTACHMENT_KINDS)) {
      void message.error(t('cases.recordForm.wrongType', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    if (file.size > ATTACHMENT_MAX_BYTES) {
      void message.error(t('cases.recordForm.tooLarge', { name: file.name }));
      return Upload.LIST_IGNORE;
    }
    return false;
  };

  const goals = c.plan?.goals ?? [];
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={followupId ? t('cases.recordForm.followupTitle') : t('cases.recordForm.title')}
      size={screens.md ? 640 : '100%'}
      destroyOnHidden
      footer={<SaveCancel onCancel={onClose} onSave={() => void save()} busy={busy} />}
    >
      {followup && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={`${codeLabel(FOLLOWUP_KINDS, followup.kind)} · ${t('cases.followups.due')} ${fmtDate(followup.dueDate)}`}
          description={followup.note ?? undefined}
        />
      )}
      <Form<Values> form={form} layout="vertical" requiredMark="optional" onFinish={() => void save()}>
        <Row gutter={12}>
          <Col xs={14} sm={12}>
            <Form.Item name="serviceDate" label={t('cases.recordForm.serviceDate')} required {...dateItemProps} rules={[zodRule(caseRecordInput, 'serviceDate')]}>
              <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={10} sm={12}>
            <Form.Item name="endTime" label={t('cases.recordForm.endTime')} {...timeItemProps} extra={screens.sm ? t('cases.recordForm.endTimeHint') : undefined}>
              <TimePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} needConfirm={false} />
            </Form.Item>
          </Col>
        </Row>
        {late && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('cases.recordForm.lateConfirmTitle')} description={t('cases.recordForm.lateConfirm')} />}
        <Form.Item name="mode" label={t('cases.recordForm.mode')} required rules={[zodRule(caseRecordInput, 'mode')]}>
          <Radio.Group optionType="button" options={codeOptions(RECORD_MODES)} style={{ display: 'flex', flexWrap: 'wrap', rowGap: 6 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} sm={10}>
            <Form.Item label={t('cases.recordForm.duration')} required>
              <Flex gap={6} align="center">
                <Form.Item name="durationMinutes" noStyle rules={[zodRule(caseRecordInput, 'durationMinutes')]}>
                  <InputNumber min={1} max={1440} step={15} style={{ width: 110 }} suffix={t('cases.recordForm.durationUnit')} aria-label={t('cases.recordForm.duration')} />
                </Form.Item>
                {[30, 60, 90].map((m) => (
                  <Button key={m} size="small" type="text" onClick={() => form.setFieldValue('durationMinutes', m)}>
                    {m}
                  </Button>
                ))}
              </Flex>
            </Form.Item>
          </Col>
          <Col xs={24} sm={14}>
            <Form.Item name="serviceArea" label={t('cases.recordForm.serviceArea')} required rules={[zodRule(caseRecordInput, 'serviceArea')]}>
              <Select options={codeOptions(SERVICE_AREAS)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="content" label={t('cases.recordForm.content')} required rules={[zodRule(caseRecordInput, 'content')]}>
          <Input.TextArea rows={7} maxLength={8000} showCount placeholder={followupId ? t('cases.recordForm.followupPlaceholder') : t('cases.recordForm.contentPlaceholder')} />
        </Form.Item>
        {!followupId && goals.length > 0 && (
          <Form.Item name="goalId" label={t('cases.recordForm.goalId')}>
            <Select allowClear placeholder={t('cases.recordForm.goalNone')} options={goals.map((g, i) => ({ value: g.id, label: `${t('cases.plan.goal', { n: i + 1 })}${t('cases.c')}${g.title}` }))} />
          </Form.Item>
        )}
        <Form.Item name="nextStep" label={t('cases.recordForm.nextStep')} rules={[zodRule(caseRecordInput, 'nextStep')]}>
          <Input.TextArea rows={2} maxLength={2000} placeholder={t('cases.recordForm.nextStepPlaceholder')} />
        </Form.Item>
        <Form.Item label={t('cases.recordForm.attachments')} extra={t('cases.recordForm.attachmentsHint')}>
          <Upload
            multiple
            accept={acceptOf(ATTACHMENT_KINDS)}
            fileList={files}
            beforeUpload={beforeUpload}
            onChange={({ fileList }) => setFiles(fileList)}
            iconRender={() => <PaperClipOutlined />}
          >
            <Button icon={<UploadOutlined />}>{t('cases.recordForm.upload')}</Button>
          </Upload>
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('cases.records.emptyHint')}
        </Typography.Text>
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}
