import { App, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/auth';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { fieldText } from '../../lib/i18n';
import { cleanValues, showServerErrors } from '../../lib/forms';
import { useStoreHousehold, type HouseholdOne } from './households.api';
import { HouseholdFields, type HouseholdFormValues } from './HouseholdFields';

/** 新建家庭: the household's community, address, type and note; then its page, to add members. */
export function HouseholdCreateModal({ open, onClose, communityId }: { open: boolean; onClose: () => void; communityId?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const { message } = App.useApp();
  const store = useStoreHousehold();
  const [form] = Form.useForm<HouseholdFormValues>();
  const [saving, setSaving] = useState(false);
  const single = me.communities.length === 1;

  const submit = async (values: HouseholdFormValues) => {
    setSaving(true);
    try {
      const res = await api.post<HouseholdOne>('/api/households', cleanValues(values));
      store(res);
      void message.success(t('households.created'));
      onClose();
      nav(`/households/${res.data.id}`);
    } catch (e) {
      if (!showServerErrors(form, e)) void message.error(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const initial: HouseholdFormValues = {
    communityId: single ? me.communities[0].id : (communityId ?? undefined),
    type: 'ordinary',
  };

  return (
    <Modal
      open={open}
      title={t('households.createTitle')}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={submit} preserve={false}>
        <Form.Item
          name="communityId"
          label={t('households.field.community')}
          rules={[{ required: true, message: fieldText('required') }]}
          hidden={single}
        >
          <Select options={me.communities.map((c) => ({ value: c.id, label: c.name }))} placeholder={t('households.field.community')} />
        </Form.Item>
        <HouseholdFields />
      </Form>
    </Modal>
  );
}
