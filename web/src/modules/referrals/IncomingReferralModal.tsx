import { DatePicker, Flex, Form, Input, Modal, Radio, Select, Switch, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSENT_BASES } from '../../../../common/codes/case.codes';
import { incomingReferralInput } from '../../../../common/schemas/referrals.schema';
import type { ResidentListItem } from '../../../../common/schemas/residents.schema';
import { api, type Page } from '../../lib/api';
import { beijingToday, dateItemProps, isAfterToday } from '../../lib/format';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeOptions, fieldText } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { ResourceSelect } from './ReferralBits';
import { useRecordIncoming, useReferralTargets } from './referrals.api';

type Values = {
  targetOrgUnitId?: string; fromKind: 'resource' | 'text'; fromResourceId?: string; fromText?: string; clientName?: string; residentId?: string;
  reason?: string; servicesRequested?: string; consentBasis?: string; sentOn?: string; urgent?: boolean;
};

/** A resident of the worker's communities, found by name or pinyin initials; picking one fills the name. */
function ResidentSelect({ value, onChange, onPick }: { value?: string; onChange?: (v?: string) => void; onPick: (r: ResidentListItem | undefined) => void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const query = useQuery({
    queryKey: ['residents', 'list', { q, pageSize: 10, for: 'referral' }],
    queryFn: () => api.get<Page<ResidentListItem>>('/api/residents', { q, pageSize: 10 }),
    enabled: q.trim().length > 0,
  });
  const rows = query.data?.data ?? [];
  return (
    <Select
      value={value}
      onChange={(v?: string) => {
        onChange?.(v);
        onPick(rows.find((r) => r.id === v));
      }}
      showSearch={{ filterOption: false, onSearch: setQ }}
      allowClear
      loading={query.isFetching}
      placeholder={t('referrals.incoming.residentPlaceholder')}
      notFoundContent={q.trim() ? t('referrals.incoming.noResident') : t('referrals.incoming.typeToSearch')}
      options={rows.map((r) => ({ value: r.id, label: `${r.name}（${[r.communityName, r.age != null ? t('referrals.incoming.age', { age: r.age }) : null].filter(Boolean).join('，')}）` }))}
    />
  );
}

/**
 * 登记转入: an outside organisation (or service) refers a person to one of the caller's stations or
 * communities. The basis it relies on is recorded (个人信息保护法 第13条); the answer follows.
 */
export function IncomingReferralModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit } = useFormSubmit(form);
  const record = useRecordIncoming();
  const targets = useReferralTargets(open);
  const fromKind = Form.useWatch('fromKind', form) ?? 'resource';
  const mine = (targets.data ?? []).filter((u) => u.mine);

  const save = async (v: Values) => {
    const { fromKind: kind, ...rest } = v;
    const input = validateWith(form, incomingReferralInput, cleanValues({ ...rest, fromResourceId: kind === 'resource' ? v.fromResourceId : undefined, fromText: kind === 'text' ? v.fromText : undefined, urgent: !!v.urgent }));
    if (!input) return;
    await submit(() => record.mutateAsync(input), {
      success: t('referrals.incoming.done'),
      onSaved: (res) => {
        form.resetFields();
        onCreated(res.data.id);
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('referrals.incoming.title')}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={record.isPending}
      destroyOnHidden
      mask={{ closable: false }}
      width={680}
    >
      <Typography.Paragraph type="secondary">{t('referrals.incoming.intro')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" requiredMark="optional" onFinish={save} initialValues={{ fromKind: 'resource', consentBasis: 'consent', sentOn: beijingToday(), urgent: false }}>
        <Form.Item name="targetOrgUnitId" label={t('referrals.incoming.target')} required rules={[{ required: true, message: fieldText('required') }]}>
          <Select loading={targets.isPending} options={mine.map((u) => ({ value: u.id, label: u.name }))} placeholder={t('referrals.incoming.targetPlaceholder')} />
        </Form.Item>
        <Form.Item name="fromKind" label={t('referrals.field.from')} required style={{ marginBottom: 8 }}>
          <Radio.Group optionType="button" options={[{ value: 'resource', label: t('referrals.incoming.fromResource') }, { value: 'text', label: t('referrals.incoming.fromOther') }]} />
        </Form.Item>
        {fromKind === 'resource' ? (
          <Form.Item name="fromResourceId" required rules={[{ required: true, message: fieldText('required') }]}>
            <ResourceSelect placeholder={t('referrals.incoming.fromResourcePlaceholder')} />
          </Form.Item>
        ) : (
          <Form.Item name="fromText" required rules={[{ required: true, whitespace: true, message: fieldText('required') }, zodRule(incomingReferralInput, 'fromText')]}>
            <Input maxLength={200} placeholder={t('referrals.incoming.fromTextPlaceholder')} />
          </Form.Item>
        )}
        <Flex gap={12} wrap>
          <Form.Item name="residentId" label={t('referrals.incoming.resident')} extra={t('referrals.incoming.residentHint')} style={{ flex: '1 1 260px' }}>
            <ResidentSelect onPick={(r) => r && form.setFieldValue('clientName', r.name)} />
          </Form.Item>
          <Form.Item name="clientName" label={t('referrals.field.client')} required rules={[zodRule(incomingReferralInput, 'clientName')]} style={{ flex: '1 1 160px' }}>
            <Input maxLength={50} />
          </Form.Item>
        </Flex>
        <Form.Item name="reason" label={t('referrals.field.reason')} required rules={[zodRule(incomingReferralInput, 'reason')]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('referrals.incoming.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item name="servicesRequested" label={t('referrals.field.servicesRequested')}>
          <Input maxLength={1000} />
        </Form.Item>
        <Flex gap={12} wrap align="flex-start">
          <Form.Item name="consentBasis" label={t('referrals.field.consentBasis')} required rules={[zodRule(incomingReferralInput, 'consentBasis')]} extra={t('referrals.incoming.consentHint')} style={{ flex: '1 1 240px' }}>
            <Select options={codeOptions(CONSENT_BASES)} />
          </Form.Item>
          <Form.Item name="sentOn" label={t('referrals.incoming.sentOn')} style={{ flex: '0 1 160px' }} {...dateItemProps}>
            <DatePicker style={{ width: '100%' }} disabledDate={isAfterToday} />
          </Form.Item>
          <Form.Item name="urgent" label={t('referrals.field.urgent')} valuePropName="checked" style={{ flex: '0 0 auto' }}>
            <Switch />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}
