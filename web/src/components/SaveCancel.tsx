import { Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';

/** The 取消 / 保存 pair at the foot of an edit drawer. */
export function SaveCancel({ onCancel, onSave, busy }: { onCancel: () => void; onSave: () => void; busy: boolean }) {
  const { t } = useTranslation();
  return (
    <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
      <Button onClick={onCancel}>{t('app.action.cancel')}</Button>
      <Button type="primary" loading={busy} onClick={onSave}>
        {t('app.action.save')}
      </Button>
    </Space>
  );
}
