import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      title={t('app.state.notFound')}
      subTitle={t('app.state.notFoundHint')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.state.goHome')}</Button>
        </Link>
      }
    />
  );
}

export function ForbiddenPage() {
  const { t } = useTranslation();
  return <Result status="403" title="403" subTitle={t('app.state.noPermission')} />;
}
