import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { actorOf } from '../../lib/auth';
import { summary } from './dashboard.service';

export const dashboardRoutes: RoutesPlugin = async (app, { db }) => {
  zodApp(app).get('/summary', { schema: { tags: ['dashboard'] }, config: { auth: 'dashboard.read' } }, async (req) => ({
    data: await summary({ db, actor: actorOf(req) }),
  }));
};
