import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { OrgUnit } from '../../../../common/schemas/orgs.schema';
import { useCanOpen } from '../../app/auth';

/** A 社区/村 no active social worker or supervisor covers (their posts reach it through user_scopes). */
export const uncovered = (u: OrgUnit) => !!u.coverage && u.coverage.workers + u.coverage.supervisors === 0;

/**
 * 「尚无社工/督导负责该社区」 with the way to fix it: posts are given in 用户管理, linked for a user
 * who may open it. Built where the router and the user are known, so that it can also be handed to
 * a notification (rendered outside them).
 */
export function useCoverageHint() {
  const { t } = useTranslation();
  const canOpen = useCanOpen();
  const nav = useNavigate();
  const users = '/admin/users';
  return (
    <>
      {t('orgs.coverage.none')}
      {canOpen(users) && (
        <>
          {' '}
          <Typography.Link
            href={users}
            onClick={(e) => {
              e.preventDefault();
              nav(users);
            }}
          >
            {t('orgs.coverage.toUsers')}
          </Typography.Link>
        </>
      )}
    </>
  );
}
