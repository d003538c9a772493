import { CheckOutlined, CopyOutlined } from '@ant-design/icons';
import { Alert, App, Button, Descriptions, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OneTimeCode } from '../../../../common/schemas/users.schema';
import { copyText } from '../../lib/clipboard';
import { fmtDateTime } from '../../lib/format';

export type IssuedCode = OneTimeCode & { kind: 'created' | 'reset'; username: string; displayName: string };

/**
 * Shows a new one-time code once, to the administrator, who passes it on to the user. The code is
 * kept only in this component's props: never in the query cache or browser storage.
 */
export function OneTimeCodeModal({ issued, onClose }: { issued: IssuedCode | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [copied, setCopied] = useState(false);
  useEffect(() => setCopied(false), [issued]);

  const copy = async () => {
    if (!issued) return;
    if (await copyText(issued.oneTimeCode)) {
      setCopied(true);
      void message.success(t('users.code.copied'));
    } else void message.warning(t('users.code.copyFailed'));
  };

  return (
    <Modal
      open={!!issued}
      title={issued && t(issued.kind === 'created' ? 'users.code.createdTitle' : 'users.code.resetTitle')}
      closable={false}
      mask={{ closable: false }}
      keyboard={false}
      destroyOnHidden
      footer={
        <Button type="primary" onClick={onClose}>
          {t('users.code.done')}
        </Button>
      }
    >
      {issued && (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[{ key: 'account', label: t('users.code.account'), children: t('users.code.accountValue', { name: issued.displayName, username: issued.username }) }]}
          />
          <div style={{ textAlign: 'center', margin: '16px 0', padding: '16px 8px', background: '#f0fdfa', border: '1px dashed #0f766e', borderRadius: 8 }}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
              {t('users.code.code')}
            </Typography.Text>
            <div
              data-testid="one-time-code"
              aria-label={t('users.code.code')}
              style={{ fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 30, fontWeight: 600, letterSpacing: '0.12em', userSelect: 'all', wordBreak: 'break-all' }}
            >
              {issued.oneTimeCode}
            </div>
            <Button style={{ marginTop: 12 }} icon={copied ? <CheckOutlined /> : <CopyOutlined />} onClick={() => void copy()}>
              {copied ? t('users.code.copied') : t('users.code.copy')}
            </Button>
            <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>
              {t('users.code.expires', { time: fmtDateTime(issued.expiresAt) })}
            </Typography.Text>
          </div>
          <Alert type="info" showIcon title={t('users.code.instructions')} description={t('users.code.privacy')} />
        </>
      )}
    </Modal>
  );
}
