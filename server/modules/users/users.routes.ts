import { idParams } from '../../../common/schemas/common.schema';
import { userCreateInput, userListQuery, userUpdateInput } from '../../../common/schemas/users.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { createUser, getUser, listUsers, resetPassword, resetSecondFactor, unlockUser, updateUser } from './users.service';

export const usersRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['users'];
  const config = { auth: 'users.manage' } as const;

  r.get('/', { schema: { tags, querystring: userListQuery }, config }, async (req) => listUsers({ db, query: req.query }));

  r.get('/:id', { schema: { tags, params: idParams }, config }, async (req) => ({ data: await getUser({ db, id: req.params.id }) }));

  r.post('/', { schema: { tags, body: userCreateInput }, config }, async (req, reply) => {
    const { user, ...code } = await createUser({ db, actor: actorOf(req), input: req.body });
    reply.status(201);
    return { data: user, ...code };
  });

  r.patch('/:id', { schema: { tags, params: idParams, body: userUpdateInput }, config }, async (req) => ({
    data: await updateUser({ db, actor: actorOf(req), id: req.params.id, input: req.body }),
  }));

  r.post('/:id/reset-password', { schema: { tags, params: idParams }, config }, async (req) => ({
    data: await resetPassword({ db, actor: actorOf(req), id: req.params.id }),
  }));

  r.post('/:id/reset-second-factor', { schema: { tags, params: idParams }, config }, async (req) => ({
    data: await resetSecondFactor({ db, actor: actorOf(req), id: req.params.id }),
  }));

  r.post('/:id/unlock', { schema: { tags, params: idParams }, config }, async (req) => ({
    data: await unlockUser({ db, actor: actorOf(req), id: req.params.id }),
  }));
};
