import { Form, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useMe } from '../../app/auth';
import { api } from '../../lib/api';
import { fieldText } from '../../lib/i18n';
import { cleanValues } from '../../lib/forms';
import { useFormSubmit } from '../../lib/submit';
import { useStoreHousehold, type HouseholdOne } from './households.api';
import { HouseholdFields, type HouseholdFormValues } from './HouseholdFields';

/** 新建家庭: the household's community, address, type and note; then its page, to add members. */
export function HouseholdCreateModal({ open, onClose, communityId }: { open: boolean; onClose: () => void; communityId?: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const store = useStoreHousehold();
  const [form] = Form.useForm<HouseholdFormValues>();
  const { submit, busy } = useFormSubmit(form);
  const single = me.communities.length === 1;

  const save = (values: HouseholdFormValues) =>
    submit(
      async () => {
        const res = await api.post<HouseholdOne>('/api/households', cleanValues(values));
        store(res);
        return res;
      },
      {
        success: t('households.created'),
        onSaved: (res) => {
          onClose();
          nav(`/households/${res.data.id}`);
        },
      },
    );

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
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={initial} onFinish={save} preserve={false}>
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
