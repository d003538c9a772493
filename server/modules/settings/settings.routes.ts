import { riskLevelsInput } from '../../../common/schemas/settings.schema';
import { actorOf } from '../../lib/auth';
import { zodApp, type RoutesPlugin } from '../../lib/deps';
import { listRiskLevels, saveRiskLevels } from './settings.service';

export const settingsRoutes: RoutesPlugin = async (app, { db }) => {
  const r = zodApp(app);
  const tags = ['settings'];

  // Every signed-in user reads the levels: case forms, lists and charts are drawn from them.
  r.get('/risk-levels', { schema: { tags }, config: { auth: 'session' } }, async () => listRiskLevels({ db }));

  r.put('/risk-levels', { schema: { tags, body: riskLevelsInput }, config: { auth: 'settings.manage' } }, async (req) =>
    saveRiskLevels({ db, actor: actorOf(req), input: req.body }),
  );
};
