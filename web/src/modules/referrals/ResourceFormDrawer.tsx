import { Alert, Drawer, Form, Grid, Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RESOURCE_TYPES } from '../../../../common/codes/case.codes';
import { resourceCreateInput, resourceUpdateInput, type Resource } from '../../../../common/schemas/referrals.schema';
import { SaveCancel } from '../../components/SaveCancel';
import { ApiError } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { cleanValues, validateWith, zodRule } from '../../lib/forms';
import { codeOptions } from '../../lib/i18n';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { useSaveResource } from './referrals.api';

type Values = { name?: string; type?: string; services?: string[]; serviceAreas?: string[]; contactName?: string; phone?: string; address?: string; note?: string };

/** The common services of a directory, offered as tags; anything else can be typed. */
const SERVICE_SUGGESTIONS = ['心理咨询', '法律援助', '医疗救助', '家庭医生签约', '居家养老上门服务', '老年助餐', '日间照料', '康复训练', '辅具适配', '就业培训', '临时救助', '最低生活保障', '学业辅导', '家庭暴力庇护', '人民调解'];

/** Create or edit one 资源目录 entry, in a drawer. */
export function ResourceFormDrawer({ target, onClose, onSaved }: { target: { mode: 'create' } | { mode: 'edit'; resource: Resource } | null; onClose: () => void; onSaved: (r: Resource) => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const [form] = Form.useForm<Values>();
  const { submit } = useFormSubmit(form);
  const saveResource = useSaveResource();
  const [conflict, setConflict] = useState(false);
  const editing = target?.mode === 'edit' ? target.resource : null;

  useEffect(() => {
    if (!target) return;
    setConflict(false);
    form.resetFields();
    if (target.mode === 'edit') {
      const r = target.resource;
      form.setFieldsValue({
        name: r.name, type: r.type, services: r.services, serviceAreas: r.serviceAreas, contactName: r.contactName ?? undefined, phone: r.phone ?? undefined,
        address: r.address ?? undefined, note: r.note ?? undefined,
      });
    } else {
      form.setFieldsValue({ type: 'social_org', services: [], serviceAreas: [] });
    }
  }, [target, form]);

  const save = async () => {
    const v = await validatedValues(form);
    if (!v) return;
    const input = editing
      ? // Cleared fields go as '' so that clearing a value clears it on the server.
        validateWith(form, resourceUpdateInput, { ...v, contactName: v.contactName ?? '', phone: v.phone ?? '', address: v.address ?? '', note: v.note ?? '', version: editing.version })
      : validateWith(form, resourceCreateInput, cleanValues(v));
    if (!input) return;
    await submit(() => saveResource.mutateAsync({ id: editing?.id, input }), {
      success: editing ? t('app.state.saved') : t('referrals.resources.created'),
      onSaved: (res) => onSaved(res.data),
      onConflict: () => setConflict(true),
    });
  };

  return (
    <Drawer
      open={!!target}
      onClose={onClose}
      title={editing ? t('referrals.resources.editTitle', { name: editing.name }) : t('referrals.resources.createTitle')}
      size={screens.md ? 520 : '100%'}
      destroyOnHidden
      footer={<SaveCancel onCancel={onClose} onSave={() => void save()} busy={saveResource.isPending} />}
    >
      {conflict && <Alert type="warning" showIcon title={errorMessage(new ApiError(409, 'version_conflict', ''))} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" requiredMark="optional" onFinish={() => void save()}>
        <Form.Item name="name" label={t('referrals.resources.field.name')} required rules={[zodRule(resourceCreateInput, 'name')]}>
          <Input maxLength={100} autoFocus placeholder={t('referrals.resources.placeholder.name')} />
        </Form.Item>
        <Form.Item name="type" label={t('referrals.resources.field.type')} required rules={[zodRule(resourceCreateInput, 'type')]}>
          <Select options={codeOptions(RESOURCE_TYPES)} />
        </Form.Item>
        <Form.Item name="services" label={t('referrals.resources.field.services')} extra={t('referrals.resources.hint.services')} rules={[zodRule(resourceCreateInput, 'services')]}>
          <Select mode="tags" options={SERVICE_SUGGESTIONS.map((s) => ({ value: s, label: s }))} tokenSeparators={[',', '，', '、']} maxCount={30} />
        </Form.Item>
        <Form.Item name="serviceAreas" label={t('referrals.resources.field.serviceAreas')} extra={t('referrals.resources.hint.serviceAreas')} rules={[zodRule(resourceCreateInput, 'serviceAreas')]}>
          <Select mode="tags" tokenSeparators={[',', '，', '、']} maxCount={30} open={false} suffixIcon={null} />
        </Form.Item>
        <Form.Item name="contactName" label={t('referrals.resources.field.contactName')} rules={[zodRule(resourceCreateInput, 'contactName')]}>
          <Input maxLength={50} placeholder={t('referrals.resources.placeholder.contactName')} />
        </Form.Item>
        <Form.Item name="phone" label={t('referrals.resources.field.phone')} rules={[zodRule(resourceCreateInput, 'phone')]}>
          <Input maxLength={60} inputMode="tel" placeholder="0571-88880001" />
        </Form.Item>
        <Form.Item name="address" label={t('referrals.resources.field.address')} rules={[zodRule(resourceCreateInput, 'address')]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="note" label={t('referrals.resources.field.note')} rules={[zodRule(resourceCreateInput, 'note')]}>
          <Input.TextArea rows={3} maxLength={1000} showCount placeholder={t('referrals.resources.placeholder.note')} />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Drawer>
  );
}
