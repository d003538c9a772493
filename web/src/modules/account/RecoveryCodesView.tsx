import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { copyText } from '../../lib/clipboard';

/**
 * Ten recovery codes, shown once after enrolment or renewal. They live only in the caller's state:
 * never in the query cache or browser storage.
 */
export function RecoveryCodesView({ codes, username, onDone }: { codes: string[]; username: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const text = `${t('account.codes.fileHeader', { username })}\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    if (await copyText(codes.join('\n'))) void message.success(t('account.codes.copied'));
    else void message.warning(t('account.codes.copyFailed'));
  };
  const download = () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
    a.download = t('account.codes.fileName', { username });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  };

  return (
    <div>
      <Alert type="warning" showIcon title={t('account.codes.title')} description={t('account.codes.hint')} style={{ marginBottom: 16 }} />
      <ol className="recovery-codes" aria-label={t('account.codes.title')}>
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <Space wrap>
        <Button icon={<CopyOutlined />} onClick={() => void copy()}>
          {t('account.codes.copy')}
        </Button>
        <Button icon={<DownloadOutlined />} onClick={download}>
          {t('account.codes.download')}
        </Button>
        <Button type="primary" onClick={onDone}>
          {t('account.codes.saved')}
        </Button>
      </Space>
    </div>
  );
}
