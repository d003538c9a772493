import { Alert, DatePicker, Flex, Form, Input, Modal, Radio, Select, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONSENT_BASES } from '../../../../common/codes/case.codes';
import { ORG_KINDS } from '../../../../common/codes/org.codes';
import { referralCreateInput } from '../../../../common/schemas/referrals.schema';
import { dateItemProps, isBeforeToday, todayPlus } from '../../lib/format';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeLabel, fieldText } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { useCase } from '../cases/cases.api';
import { ResourceSelect } from './ReferralBits';
import { useCreateReferral, useReferralTargets } from './referrals.api';

/** Days to the expected feedback when the worker sets none (the server's default, referrals.rules.ts). */
const FEEDBACK_DAYS = 14;

type Values = { targetKind: 'org_unit' | 'resource'; targetOrgUnitId?: string; targetResourceId?: string; reason?: string; servicesRequested?: string; feedbackDue?: string; urgent?: boolean };

/** Group the stations and communities of the district for the picker: stations first. */
function useUnitOptions(enabled: boolean) {
  const { t } = useTranslation();
  const q = useReferralTargets(enabled);
  const units = q.data ?? [];
  const label = (u: (typeof units)[number]) => `${u.name}${u.mine ? ` · ${t('referrals.create.mine')}` : ''}`;
  const groups = [
    { label: codeLabel(ORG_KINDS, 'station'), options: units.filter((u) => u.kind === 'station').map((u) => ({ value: u.id, label: label(u) })) },
    ...[...new Set(units.filter((u) => u.kind !== 'station').map((u) => u.parentName ?? ''))].map((street) => ({
      label: street || t('referrals.create.communities'),
      options: units.filter((u) => u.kind !== 'station' && (u.parentName ?? '') === street).map((u) => ({ value: u.id, label: label(u) })),
    })),
  ].filter((g) => g.options.length);
  return { groups, loading: q.isPending };
}

/**
 * 发起转介 from a case. The server refuses a referral without the client's consent or a legal basis
 * (个人信息保护法 第13条); the form says which basis will travel with it, or why it cannot be sent.
 */
export function ReferralCreateModal({ caseId, open, onClose, onCreated }: { caseId: string; open: boolean; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit } = useFormSubmit(form);
  const create = useCreateReferral(caseId);
  const c = useCase(caseId).data?.data;
  const consent = c?.consentBasis ?? null;
  const targetKind = Form.useWatch('targetKind', form) ?? 'org_unit';
  const units = useUnitOptions(open);

  const save = async (v: Values) => {
    const fields = targetKind === 'org_unit' ? { targetOrgUnitId: v.targetOrgUnitId } : { targetResourceId: v.targetResourceId };
    const input = validateWith(form, referralCreateInput, cleanValues({ ...fields, reason: v.reason, servicesRequested: v.servicesRequested, feedbackDue: v.feedbackDue, urgent: !!v.urgent }));
    if (!input) return;
    await submit(() => create.mutateAsync(input), {
      success: (res) => t('referrals.create.done', { name: res.data.to.name }),
      onSaved: (res) => {
        form.resetFields();
        onCreated(res.data.id);
      },
    });
  };

  return (
    <Modal
      open={open}
      title={t('referrals.create.title')}
      okText={t('referrals.create.submit')}
      okButtonProps={{ disabled: !!c && !consent }}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={create.isPending}
      destroyOnHidden
      mask={{ closable: false }}
      width={640}
    >
      {c &&
        (consent ? (
          <Alert type="info" showIcon title={t('referrals.create.consentOk', { basis: codeLabel(CONSENT_BASES, consent) })} style={{ marginBottom: 16 }} />
        ) : (
          <Alert type="error" showIcon title={t('referrals.create.consentMissing')} description={t('referrals.create.consentMissingHint')} style={{ marginBottom: 16 }} />
        ))}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        onFinish={save}
        initialValues={{ targetKind: 'org_unit', urgent: false, feedbackDue: todayPlus(FEEDBACK_DAYS) }}
      >
        <Form.Item name="targetKind" label={t('referrals.create.targetKind')} required>
          <Radio.Group
            optionType="button"
            options={[{ value: 'org_unit', label: t('referrals.create.toUnit') }, { value: 'resource', label: t('referrals.create.toResource') }]}
          />
        </Form.Item>
        {targetKind === 'org_unit' ? (
          <Form.Item name="targetOrgUnitId" label={t('referrals.field.to')} required rules={[{ required: true, message: fieldText('required') }]} extra={t('referrals.create.unitHint')}>
            <Select options={units.groups} loading={units.loading} showSearch={{ optionFilterProp: 'label' }} placeholder={t('referrals.create.unitPlaceholder')} />
          </Form.Item>
        ) : (
          <Form.Item name="targetResourceId" label={t('referrals.field.to')} required rules={[{ required: true, message: fieldText('required') }]} extra={t('referrals.create.resourceHint')}>
            <ResourceSelect />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('referrals.field.reason')} required rules={[zodRule(referralCreateInput, 'reason')]}>
          <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('referrals.create.reasonPlaceholder')} />
        </Form.Item>
        <Form.Item name="servicesRequested" label={t('referrals.field.servicesRequested')} rules={[zodRule(referralCreateInput, 'servicesRequested')]}>
          <Input maxLength={1000} placeholder={t('referrals.create.servicesPlaceholder')} />
        </Form.Item>
        <Flex gap={16} wrap align="flex-start">
          <Form.Item name="feedbackDue" label={t('referrals.field.feedbackDue')} extra={t('referrals.create.dueHint', { days: FEEDBACK_DAYS })} style={{ flex: '1 1 200px' }} {...dateItemProps}>
            <DatePicker style={{ width: '100%' }} disabledDate={isBeforeToday} />
          </Form.Item>
          <Form.Item name="urgent" label={t('referrals.field.urgent')} valuePropName="checked" style={{ flex: '0 0 auto' }}>
            <Switch />
          </Form.Item>
        </Flex>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('referrals.create.privacy')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
