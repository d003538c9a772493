import { Alert, Flex } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { DuplicateCandidate } from '../../../../common/schemas/residents.schema';
import { fmtDate } from '../../lib/format';

export type TakenId = { residentId?: string; name?: string };

/**
 * What the duplicate check found: an ID number already registered (saving will be refused) and
 * namesakes born the same day (a warning). Links open in a new window so the form is kept.
 */
export function ResidentDuplicateAlerts({ taken, namesakes }: { taken: TakenId | null; namesakes: DuplicateCandidate[] }) {
  const { t } = useTranslation();
  if (!taken && !namesakes.length) return null;
  return (
    <Flex vertical gap={8} style={{ marginBottom: 12 }} aria-live="polite">
      {taken && (
        <Alert
          type="error"
          showIcon
          title={t('residents.edit.dupIdTitle')}
          description={
            taken.residentId ? (
              <Link to={`/residents/${taken.residentId}`} target="_blank" rel="noopener">
                {t('residents.edit.dupIdOpen', { name: taken.name ?? '' })} {t('residents.edit.openNewTab')}
              </Link>
            ) : (
              t('residents.edit.dupIdHidden')
            )
          }
        />
      )}
      {namesakes.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('residents.edit.dupNameTitle')}
          description={
            <span>
              {t('residents.edit.dupName')}
              {namesakes.map((c) => (
                <Link key={c.id} to={`/residents/${c.id}`} target="_blank" rel="noopener" style={{ marginInlineStart: 8 }}>
                  {t('residents.p.paren', { a: c.name, b: `${fmtDate(c.birthDate)}${t('residents.p.comma')}${c.communityName}` })}
                </Link>
              ))}
              <span style={{ marginInlineStart: 4, color: '#64748b' }}>{t('residents.edit.openNewTab')}</span>
            </span>
          }
        />
      )}
    </Flex>
  );
}
