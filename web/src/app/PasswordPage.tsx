import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Me } from '../../../common/schemas/auth.schema';
import { changePasswordInput } from '../../../common/schemas/auth.schema';
import { api } from '../lib/api';
import { zodRule } from '../lib/forms';
import { useFormSubmit } from '../lib/submit';
import { ME_KEY, useMe } from './auth';

export function PasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [form] = Form.useForm();
  const { submit } = useFormSubmit(form);

  // At the first login after a reset the one-time code was just typed: it is not asked again.
  const first = me.mustChangePassword;

  const save = (v: { currentPassword?: string; newPassword: string }) =>
    submit(
      async () => {
        const { data } = await api.post<{ data: Me }>('/api/auth/password', { ...(first ? {} : { currentPassword: v.currentPassword }), newPassword: v.newPassword });
        qc.setQueryData(ME_KEY, data);
      },
      { success: t('app.password.done'), onSaved: () => void nav('/') },
    );

  return (
    <Card title={t(first ? 'app.password.firstTitle' : 'app.password.title')} style={{ maxWidth: 480, margin: '24px auto' }}>
      {first && <Alert type="warning" showIcon title={t('app.password.mustChange')} style={{ marginBottom: 16 }} />}
      <Form form={form} layout="vertical" onFinish={save} requiredMark={false}>
        {!first && (
          <Form.Item name="currentPassword" label={t('app.password.current')} rules={[{ required: true, message: t('app.login.passwordRequired') }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
        )}
        <Form.Item name="newPassword" label={t('app.password.next')} extra={t('app.password.rule')} rules={[zodRule(changePasswordInput, 'newPassword')]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="repeat"
          label={t('app.password.repeat')}
          dependencies={['newPassword']}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_r, v) => {
                if (v !== getFieldValue('newPassword')) throw new Error(t('app.password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit">
          {t('app.action.save')}
        </Button>
      </Form>
    </Card>
  );
}
