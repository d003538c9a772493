import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useNotifyError } from '../../lib/feedback';

export type RevealField = 'idNumber' | 'phone' | 'guardianPhone' | 'emergencyPhone';

const SHOW_SECONDS = 30;

/**
 * A masked identifier with an eye button. The full value comes from the audited reveal endpoint,
 * lives only in this component's state, and is masked again after 30 seconds.
 */
export function ResidentRevealValue({ residentId, field, masked, canReveal }: { residentId: string; field: RevealField; masked: string | null; canReveal: boolean }) {
  const { t } = useTranslation();
  const notifyError = useNotifyError();
  const [value, setValue] = useState<string | null>(null);
  const [left, setLeft] = useState(0);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (value === null) return;
    if (left <= 0) {
      setValue(null);
      return;
    }
    const h = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(h);
  }, [value, left]);

  if (!masked) return <Typography.Text type="secondary">{t('residents.reveal.notSet')}</Typography.Text>;

  const reveal = async () => {
    setLoading(true);
    try {
      const { data } = await api.post<{ data: { field: string; value: string } }>(`/api/residents/${residentId}/reveal`, { field });
      setValue(data.value);
      setLeft(SHOW_SECONDS);
    } catch (e) {
      notifyError(e);
    } finally {
      setLoading(false);
    }
  };

  if (value !== null) {
    return (
      <Space size={4} wrap>
        <Typography.Text className="masked" copyable={{ text: value }} strong>
          {value}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-live="polite">
          {t('residents.reveal.hiding', { seconds: left })}
        </Typography.Text>
        <Button
          size="small"
          type="text"
          icon={<EyeInvisibleOutlined />}
          aria-label={t('residents.reveal.hide')}
          className="no-print"
          onClick={() => {
            setValue(null);
            setLeft(0);
          }}
        />
      </Space>
    );
  }

  return (
    <Space size={4}>
      <span className="masked">{masked}</span>
      {canReveal && (
        <Tooltip title={t('residents.p.paren', { a: t('residents.reveal.show'), b: t('residents.reveal.audited') })}>
          <Button size="small" type="text" icon={<EyeOutlined />} loading={loading} aria-label={t('residents.reveal.show')} className="no-print" onClick={() => void reveal()} />
        </Tooltip>
      )}
    </Space>
  );
}
