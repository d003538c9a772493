import { KeyOutlined, LockOutlined, SafetyCertificateOutlined, UserOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoginInfo, Me } from '../../../common/schemas/auth.schema';
import { api, ApiError, setCsrfToken } from '../lib/api';
import { errorMessage } from '../lib/feedback';
import { LanguageSwitch } from './LanguageSwitch';
import { ME_KEY, type SessionEnd } from './auth';

type Credentials = { username: string; password: string };
/** The second step of a user with a second factor: the app's code, or a recovery code. */
type Step = { kind: 'totp' | 'recovery'; credentials: Credentials };

export function LoginPage({ ended }: { ended: SessionEnd }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [step, setStep] = useState<Step | null>(null);
  const info = useQuery({ queryKey: ['login-info'], queryFn: async () => (await api.get<{ data: LoginInfo }>('/api/auth/login-info')).data, staleTime: 60_000 });

  const signIn = async (body: Credentials & { totp?: string; recoveryCode?: string }) => {
    setBusy(true);
    setError(null);
    try {
      const { data } = await api.post<{ data: Me }>('/api/auth/login', body);
      setCsrfToken(data.csrfToken);
      qc.setQueryData(ME_KEY, data);
    } catch (e) {
      // The password was right: the session is opened only once the code is too.
      if (e instanceof ApiError && e.code === 'auth.second_factor_required') setStep({ kind: 'totp', credentials: { username: body.username, password: body.password } });
      else setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setStep(null);
    setError(null);
  };

  return (
    <div className="login-page">
      <div className="login-lang">
        <LanguageSwitch />
      </div>
      <Card className="login-card" variant="borderless">
        <div className="login-brand">
          <img src="/favicon.svg" alt="" width={44} height={44} />
          <div>
            <Typography.Title level={3} style={{ margin: 0 }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('app.login.subtitle')}</Typography.Text>
          </div>
        </div>
        {ended && !error && !step && (
          <Alert type={ended === 'expired' ? 'info' : 'success'} showIcon title={t(ended === 'expired' ? 'app.sessionExpired' : 'app.loggedOut')} style={{ marginBottom: 16 }} />
        )}
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
        {step ? (
          <Form
            key={step.kind}
            layout="vertical"
            requiredMark={false}
            size="large"
            onFinish={(v: { code: string }) => void signIn({ ...step.credentials, ...(step.kind === 'totp' ? { totp: v.code } : { recoveryCode: v.code }) })}
          >
            <Typography.Paragraph>
              <SafetyCertificateOutlined style={{ marginInlineEnd: 6 }} />
              {t(step.kind === 'totp' ? 'app.login.totpHint' : 'app.login.recoveryHint')}
            </Typography.Paragraph>
            {step.kind === 'totp' ? (
              <Form.Item name="code" label={t('app.login.totp')} rules={[{ required: true, pattern: /^\s*\d{6}\s*$/, message: t('app.login.totpRequired') }]}>
                <Input prefix={<KeyOutlined />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} autoFocus style={{ letterSpacing: '0.3em' }} />
              </Form.Item>
            ) : (
              <Form.Item name="code" label={t('app.login.recoveryCode')} rules={[{ required: true, message: t('app.login.recoveryRequired') }]}>
                <Input prefix={<KeyOutlined />} autoComplete="off" autoFocus className="masked" />
              </Form.Item>
            )}
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('app.login.verify')}
            </Button>
            <div style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12, flexWrap: 'wrap', gap: 8 }}>
              <Button type="link" style={{ padding: 0 }} onClick={back}>
                {t('app.login.back')}
              </Button>
              <Button
                type="link"
                style={{ padding: 0 }}
                onClick={() => {
                  setError(null);
                  setStep({ ...step, kind: step.kind === 'totp' ? 'recovery' : 'totp' });
                }}
              >
                {t(step.kind === 'totp' ? 'app.login.useRecovery' : 'app.login.useTotp')}
              </Button>
            </div>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={(v: Credentials) => void signIn(v)} requiredMark={false} size="large">
            <Form.Item name="username" label={t('app.login.username')} rules={[{ required: true, message: t('app.login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus />
            </Form.Item>
            <Form.Item name="password" label={t('app.login.password')} rules={[{ required: true, message: t('app.login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy}>
              {t('app.login.submit')}
            </Button>
          </Form>
        )}
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12 }}>
          {t('app.login.codeHint')}
        </Typography.Paragraph>
        {info.data?.exemptAccounts && (
          <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
            {t('app.login.demoExempt')}
          </Typography.Paragraph>
        )}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('app.login.hint')}
        </Typography.Text>
      </Card>
    </div>
  );
}
