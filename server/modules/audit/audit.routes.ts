import { auditListQuery } from '../../../common/schemas/audit.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { listAudit } from './audit.service';

/** Read-only: the app offers no way to change or delete audit rows. */
export const auditRoutes: RoutesPlugin = async (app, { db }) => {
  zodApp(app).get('/', { schema: { tags: ['audit'], querystring: auditListQuery }, config: { auth: 'audit.read' } }, async (req) =>
    listAudit({ db, actor: actorOf(req), query: req.query }),
  );
};
