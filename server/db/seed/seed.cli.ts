// `npm run seed:demo`: the demo data on an empty database named by DATABASE_URL (or the embedded one).
import { loadConfig } from '../../config';
import { connect, migrateDatabase, withStartupLock } from '../client';
import { startEmbedded } from '../embedded';
import { loadDataKey, setDataKey } from '../../lib/crypto';
import { DEMO_EXEMPT_WARNING, isEmpty, seedDemo } from './demo.seed';

const config = loadConfig();
const embedded = config.databaseUrl ? undefined : await startEmbedded({ dataDir: config.dataDir });
const db = connect(config.databaseUrl ?? embedded!.url('linli'));
setDataKey(loadDataKey(config));
await migrateDatabase(db);
const done = await withStartupLock(db, async () => {
  if (!(await isEmpty(db))) return false;
  await seedDemo({ db });
  return true;
});
process.stdout.write(done ? '演示数据已生成 (demo data seeded).\n' : '数据库不是空的，未生成演示数据 (the database is not empty; nothing seeded).\n');
if (done) process.stdout.write(`${DEMO_EXEMPT_WARNING.join('\n')}\n`);
await db.$client.end();
await embedded?.stop();
