import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, QRCode, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router';
import type { Me, RecoveryCodes, SecondFactorSetup } from '../../../../common/schemas/auth.schema';
import { ME_KEY, useLogout, useMe } from '../../app/auth';
import { api } from '../../lib/api';
import { useFormSubmit } from '../../lib/submit';
import { RecoveryCodesView } from './RecoveryCodesView';

const ISSUER = '邻里 Linli';
/** `JBSWY3DPEHPK3PXP…` in groups of four, easier to type from the screen. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Enrolment of the second factor: a QR code of the `otpauth://` address (the secret also as text),
 * a first code to confirm, then the ten recovery codes, shown once. A role that needs the factor
 * is sent here right after the password and can do nothing else until it is done.
 */
export default function SecondFactorSetupPage() {
  const { t } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const nav = useNavigate();
  const logout = useLogout();
  const [form] = Form.useForm<{ code: string }>();
  const { submit, busy } = useFormSubmit(form);
  const [setup, setSetup] = useState<SecondFactorSetup | null>(null);
  const [starting, setStarting] = useState(false);
  const [codes, setCodes] = useState<{ list: string[]; me: Me } | null>(null);

  const start = async () => {
    setStarting(true);
    form.resetFields();
    await submit(async () => setSetup((await api.post<{ data: SecondFactorSetup }>('/api/auth/second-factor/setup')).data));
    setStarting(false);
  };

  const confirm = (v: { code: string }) =>
    submit(async () => {
      const { data } = await api.post<{ data: RecoveryCodes & { me: Me } }>('/api/auth/second-factor/confirm', { code: v.code });
      setCodes({ list: data.recoveryCodes, me: data.me });
    }, { success: t('account.setup.done') });

  if (me.mustChangePassword) return <Navigate to="/password" replace />;

  const finish = () => {
    if (!codes) return;
    qc.setQueryData(ME_KEY, codes.me);
    void qc.invalidateQueries({ queryKey: ['second-factor'] });
    void nav(me.mustEnrolSecondFactor ? '/' : '/account');
  };

  return (
    <Card title={t('account.setup.title')} style={{ maxWidth: 560, margin: '24px auto' }}>
      {me.mustEnrolSecondFactor && !codes && (
        <Alert
          type="warning"
          showIcon
          title={t('account.setup.mustEnrol')}
          action={<Button size="small" onClick={() => void logout()}>{t('account.setup.logout')}</Button>}
          style={{ marginBottom: 16 }}
        />
      )}
      {codes ? (
        <RecoveryCodesView codes={codes.list} username={me.username} onDone={finish} />
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('account.factor.intro')}</Typography.Paragraph>
          <ol style={{ paddingInlineStart: 20 }}>
            <li>{t('account.setup.step1')}</li>
            <li>{t('account.setup.step2')}</li>
            <li>{t('account.setup.step3')}</li>
          </ol>
          {!setup ? (
            <Button type="primary" loading={starting} onClick={() => void start()}>
              {t('account.setup.start')}
            </Button>
          ) : (
            <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
              <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap', alignItems: 'center' }}>
                <QRCode value={setup.uri} size={184} bordered aria-label={setup.uri} />
                <div style={{ minWidth: 200, flex: 1 }}>
                  <Typography.Text type="secondary">{t('account.setup.secret')}</Typography.Text>
                  <Typography.Paragraph copyable={{ text: setup.secret }} className="totp-secret" style={{ fontSize: 16, marginBottom: 4 }}>
                    {grouped(setup.secret)}
                  </Typography.Paragraph>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('account.setup.issuer', { issuer: ISSUER, username: me.username })}
                  </Typography.Text>
                </div>
              </div>
              <Form form={form} layout="vertical" onFinish={confirm} requiredMark={false}>
                <Form.Item name="code" label={t('account.setup.code')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('account.setup.codeRequired') }]}>
                  <Input inputMode="numeric" autoComplete="one-time-code" maxLength={6} style={{ maxWidth: 200, letterSpacing: '0.3em' }} />
                </Form.Item>
                <Space wrap>
                  <Button type="primary" htmlType="submit" loading={busy}>
                    {t('account.setup.confirm')}
                  </Button>
                  <Button onClick={() => void start()} disabled={busy}>
                    {t('account.setup.restart')}
                  </Button>
                </Space>
              </Form>
            </Space>
          )}
        </>
      )}
    </Card>
  );
}
