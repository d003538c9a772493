import { Alert, App, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Household } from '../../../../common/schemas/households.schema';
import { api } from '../../lib/api';
import { useFormSubmit } from '../../lib/submit';
import { useStoreHousehold, type HouseholdOne } from './households.api';
import { EDITABLE_FIELDS, HouseholdFields, type HouseholdFormValues } from './HouseholdFields';

const norm = (v: unknown) => (typeof v === 'string' ? v.trim() || null : (v ?? null));

const valuesOf = (h: Household): HouseholdFormValues => Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, h[f] ?? undefined]));

/**
 * Edits the address, type and note. Sends only the fields that changed, with the version the
 * user started from, so that a concurrent save is reported instead of silently overwritten.
 */
export function HouseholdEditModal({ household, open, onClose, reload }: { household: Household; open: boolean; onClose: () => void; reload: () => Promise<Household | undefined> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const store = useStoreHousehold();
  const [form] = Form.useForm<HouseholdFormValues>();
  const { submit, busy } = useFormSubmit(form);
  const [conflict, setConflict] = useState(false);
  // The version the form was filled from, pinned when the dialog opens; a reload moves it forward.
  const [base, setBase] = useState(household);
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setBase(household);
  }

  const close = () => {
    setConflict(false);
    onClose();
  };

  const save = async (values: HouseholdFormValues) => {
    const changes = Object.fromEntries(EDITABLE_FIELDS.filter((f) => norm(values[f]) !== norm(base[f])).map((f) => [f, norm(values[f])]));
    if (!Object.keys(changes).length) {
      void message.info(t('households.detail.noChanges'));
      close();
      return;
    }
    await submit(async () => store(await api.patch<HouseholdOne>(`/api/households/${base.id}`, { ...changes, version: base.version })), {
      success: t('households.detail.saved'),
      onSaved: close,
      onConflict: () => setConflict(true),
    });
  };

  const reloadLatest = async () => {
    const fresh = await reload();
    if (!fresh) return;
    setBase(fresh);
    form.setFieldsValue(valuesOf(fresh));
    setConflict(false);
    void message.info(t('households.detail.reloaded'));
  };

  return (
    <Modal
      open={open}
      title={t('households.detail.editTitle')}
      okText={t('app.action.save')}
      cancelText={t('app.action.cancel')}
      onOk={() => form.submit()}
      okButtonProps={{ disabled: conflict }}
      onCancel={close}
      confirmLoading={busy}
      destroyOnHidden
      mask={{ closable: false }}
      width={560}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          title={t('households.detail.conflictTitle')}
          description={
            <>
              <div>{t('households.detail.conflictHint')}</div>
              <Button size="small" type="primary" onClick={() => void reloadLatest()} style={{ marginTop: 8 }}>
                {t('households.detail.reload')}
              </Button>
            </>
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form form={form} layout="vertical" initialValues={valuesOf(base)} onFinish={save}>
        <HouseholdFields />
      </Form>
    </Modal>
  );
}
