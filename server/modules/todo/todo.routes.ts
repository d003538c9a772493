import { idParams } from '../../../common/schemas/common.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { listNotifications, listTodo, markRead } from './todo.service';

export const todoRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['todo'];
  r.get('/todo', { schema: { tags }, config: { auth: 'cases.read' } }, async (req) => listTodo({ db, actor: actorOf(req) }));
  r.get('/notifications', { schema: { tags }, config: { auth: 'session' } }, async (req) => listNotifications({ db, actor: actorOf(req) }));
  r.post('/notifications/read-all', { schema: { tags }, config: { auth: 'session' } }, async (req) => {
    await markRead({ db, actor: actorOf(req) });
    return { data: { ok: true } };
  });
  r.post('/notifications/:id/read', { schema: { tags, params: idParams }, config: { auth: 'session' } }, async (req) => {
    await markRead({ db, actor: actorOf(req), id: req.params.id });
    return { data: { ok: true } };
  });
};
