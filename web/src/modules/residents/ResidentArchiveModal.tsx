import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { archiveInput } from '../../../../common/schemas/residents.schema';
import { api } from '../../lib/api';
import { errorMessage } from '../../lib/feedback';
import { zodRule } from '../../lib/forms';
import { useFormSubmit, validatedValues } from '../../lib/submit';
import { residentKeys, type ResidentOne } from './residents.api';

const REASONS = ['moved_out', 'deceased', 'duplicate', 'other'] as const;

/** 注销: asks for the reason, closes the record, and refreshes what shows it. */
export function ResidentArchiveModal({ residentId, name, open, onClose }: { residentId: string; name: string; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ reason: (typeof REASONS)[number]; note?: string }>();
  const { submit, busy } = useFormSubmit(form);

  const save = async () => {
    const values = await validatedValues(form);
    if (!values) return;
    await submit(
      async () => {
        const res = await api.post<ResidentOne>(`/api/residents/${residentId}/archive`, { reason: values.reason, note: values.note?.trim() || undefined });
        qc.setQueryData(residentKeys.one(residentId), res);
        void qc.invalidateQueries({ queryKey: residentKeys.all });
        void qc.invalidateQueries({ queryKey: ['households'] });
      },
      {
        success: t('residents.archive.done'),
        onSaved: () => {
          form.resetFields();
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t('residents.p.colon', { a: t('residents.archive.title'), b: name })}
      okText={t('residents.archive.ok')}
      okButtonProps={{ danger: true, loading: busy }}
      cancelText={t('app.action.cancel')}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('residents.archive.intro')}</Typography.Paragraph>
      <Form form={form} layout="vertical" initialValues={{ reason: 'moved_out' }}>
        <Form.Item name="reason" label={t('residents.archive.reason')} rules={[zodRule(archiveInput, 'reason')]}>
          <Radio.Group options={REASONS.map((r) => ({ value: r, label: t(`residents.archive.reasons.${r}`) }))} />
        </Form.Item>
        <Form.Item name="note" label={t('residents.archive.note')} rules={[zodRule(archiveInput, 'note')]}>
          <Input.TextArea rows={3} maxLength={200} showCount placeholder={t('residents.archive.notePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 恢复档案: reopens a closed record after a confirmation (a resident who moved back). */
export function ResidentRestoreButton({ residentId }: { residentId: string }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const restore = () =>
    modal.confirm({
      title: t('residents.restore.confirm'),
      content: t('residents.restore.hint'),
      okText: t('residents.restore.ok'),
      cancelText: t('app.action.cancel'),
      onOk: async () => {
        try {
          const res = await api.post<ResidentOne>(`/api/residents/${residentId}/restore`, {});
          qc.setQueryData(residentKeys.one(residentId), res);
          void qc.invalidateQueries({ queryKey: residentKeys.all });
          void message.success(t('residents.restore.done'));
        } catch (e) {
          void message.error(errorMessage(e));
        }
      },
    });
  return (
    <Button size="small" onClick={restore}>
      {t('residents.restore.ok')}
    </Button>
  );
}
