import { CheckCircleFilled, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { RecoveryCodes, SecondFactorStatus } from '../../../../common/schemas/auth.schema';
import { ROLES } from '../../../../common/permissions';
import { useMe } from '../../app/auth';
import { ErrorState, Loading } from '../../app/states';
import { api } from '../../lib/api';
import { fmtDateTime } from '../../lib/format';
import { codeLabel } from '../../lib/i18n';
import { useFormSubmit } from '../../lib/submit';
import { RecoveryCodesView } from './RecoveryCodesView';

type Prompt = 'disable' | 'renew';

/** Asks for a code from the app (or a recovery code) before the factor is turned off or the codes renewed. */
function CodePrompt({ prompt, onClose, onDone }: { prompt: Prompt | null; onClose: () => void; onDone: (codes?: string[]) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ code: string }>();
  const { submit, busy } = useFormSubmit(form);
  const save = (v: { code: string }) =>
    submit(
      async () =>
        prompt === 'renew'
          ? (await api.post<{ data: RecoveryCodes }>('/api/auth/second-factor/recovery-codes', v)).data.recoveryCodes
          : (await api.post('/api/auth/second-factor/disable', v), undefined),
      { success: prompt === 'disable' ? t('account.factor.disabled') : undefined, onSaved: onDone },
    );
  return (
    <Modal
      open={!!prompt}
      title={prompt && t(prompt === 'renew' ? 'account.factor.renewTitle' : 'account.factor.disableTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okButtonProps={{ loading: busy, danger: prompt === 'disable' }}
      okText={prompt && t(prompt === 'renew' ? 'account.factor.renew' : 'account.factor.disable')}
      cancelText={t('app.action.cancel')}
      destroyOnHidden
    >
      {prompt === 'renew' && <Typography.Paragraph type="secondary">{t('account.factor.renewHint')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" onFinish={save} requiredMark={false} preserve={false}>
        <Form.Item name="code" label={t('account.factor.codeLabel')} rules={[{ required: true, message: t('account.setup.codeRequired') }]}>
          <Input autoComplete="one-time-code" placeholder={t('account.factor.codePlaceholder')} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 账号与安全: the password and the second factor of the signed-in user. */
export default function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const nav = useNavigate();
  const qc = useQueryClient();
  const [prompt, setPrompt] = useState<Prompt | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const status = useQuery({
    queryKey: ['second-factor'],
    queryFn: async () => (await api.get<{ data: SecondFactorStatus }>('/api/auth/second-factor')).data,
  });

  const done = (fresh?: string[]) => {
    setPrompt(null);
    if (fresh) setCodes(fresh);
    void qc.invalidateQueries({ queryKey: ['second-factor'] });
  };

  const s = status.data;
  // The demo's exemption matters only where the role would need the factor.
  const exempt = !!s && s.exempt && s.required && !s.enabled;
  return (
    <div style={{ maxWidth: 720 }}>
      <div className="page-title">
        <Typography.Title level={4}>{t('account.title')}</Typography.Title>
      </div>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'user', label: t('account.user'), children: <span className="masked">{me.username}</span> },
            { key: 'name', label: t('users.field.displayName'), children: `${me.displayName}（${codeLabel(ROLES, me.role)}）` },
          ]}
        />
      </Card>
      <Card size="small" title={t('account.password.title')} style={{ marginBottom: 16 }} extra={<Button onClick={() => void nav('/password')}>{t('account.password.change')}</Button>}>
        <Typography.Text type="secondary">{t('account.password.hint')}</Typography.Text>
      </Card>
      <Card size="small" title={<Space><SafetyCertificateOutlined />{t('account.factor.title')}</Space>}>
        {status.error ? (
          <ErrorState error={status.error} onRetry={() => void status.refetch()} />
        ) : !s ? (
          <Loading />
        ) : codes ? (
          <RecoveryCodesView codes={codes} username={me.username} onDone={() => setCodes(null)} />
        ) : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
              {t('account.factor.intro')}
            </Typography.Paragraph>
            <Space wrap>
              {s.enabled ? (
                <Tag color="success" icon={<CheckCircleFilled />}>{t('account.factor.on')}</Tag>
              ) : (
                <Tag>{t('account.factor.off')}</Tag>
              )}
              {s.enabledAt && <Typography.Text type="secondary">{t('account.factor.since', { date: fmtDateTime(s.enabledAt) })}</Typography.Text>}
              {s.enabled && <Typography.Text type="secondary">{t('account.factor.codesLeft', { count: s.recoveryCodesLeft })}</Typography.Text>}
            </Space>
            <Alert
              type={exempt ? 'warning' : 'info'}
              showIcon
              title={exempt ? t('account.factor.exempt') : s.required ? t('account.factor.required', { role: codeLabel(ROLES, me.role) }) : t('account.factor.optional')}
            />
            <Space wrap>
              {!s.enabled && (
                <Button type="primary" onClick={() => void nav('/account/second-factor')}>
                  {t('account.factor.enable')}
                </Button>
              )}
              {s.enabled && <Button onClick={() => setPrompt('renew')}>{t('account.factor.renew')}</Button>}
              {s.enabled && !s.required && (
                <Button danger onClick={() => setPrompt('disable')}>
                  {t('account.factor.disable')}
                </Button>
              )}
            </Space>
          </Space>
        )}
      </Card>
      <CodePrompt prompt={prompt} onClose={() => setPrompt(null)} onDone={done} />
    </div>
  );
}
