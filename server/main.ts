import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { loadConfig } from './config';
import { connect, migrateDatabase, withStartupLock, type Database } from './db/client';
import { startEmbedded, type EmbeddedServer } from './db/embedded';
import { seedInstruments } from './db/seed/assessment.seed';
import { DEMO_ACCOUNTS, DEMO_EXEMPT_WARNING, DEMO_PASSWORD, isEmpty, seedDemo } from './db/seed/demo.seed';
import { exemptAccountsExist } from './modules/auth/auth.service';
import { loadDataKey, setDataKey } from './lib/crypto';
import { ensureWebBuilt } from './web-build';

const say = (m: string) => process.stdout.write(`${m}\n`);

/** What is running, so that Ctrl-C or SIGTERM stops it cleanly at any point of the start. */
const running: { app?: FastifyInstance; db?: Database; embedded?: EmbeddedServer; stopping: boolean } = { stopping: false };

async function stop(signal: string) {
  if (running.stopping) return;
  running.stopping = true;
  say(`\n收到 ${signal}，正在停止 (stopping)…`);
  await running.app?.close().catch(() => {});
  await running.db?.$client.end().catch(() => {});
  await running.embedded?.stop().catch(() => {});
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));

async function main() {
  const config = loadConfig();
  if (config.buildWeb) await ensureWebBuilt(say);

  let url = config.databaseUrl;
  if (!url) {
    say(`正在启动内嵌数据库 (embedded PostgreSQL, data in ${path.join(config.dataDir, 'pg')})…`);
    running.embedded = await startEmbedded({ dataDir: config.dataDir, log: say });
    url = running.embedded.url('linli');
  }
  const embedded = running.embedded;
  setDataKey(loadDataKey(config));
  const db = connect(url);
  running.db = db;
  await migrateDatabase(db);
  // Reference data every database needs (the shipped assessment instruments); safe to repeat.
  await seedInstruments(db);

  let seeded = false;
  if (embedded && config.demo) {
    seeded = await withStartupLock(db, async () => {
      if (!(await isEmpty(db))) return false;
      say('首次启动：正在生成演示数据，请稍候 (seeding demo data)…');
      await seedDemo({ db });
      return true;
    });
  }

  const app = await buildApp({ db, config });
  running.app = app;

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      say(`端口 ${config.port} 已被占用。请关闭占用它的程序，或换一个端口：PORT=3001 npm start`);
      say(`Port ${config.port} is in use. Stop the other program or choose another: PORT=3001 npm start`);
      await embedded?.stop();
      process.exit(1);
    }
    throw e;
  }
  const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  say(`\n邻里 Linli 已启动: http://${shownHost}:${config.port}/`);
  say(`API 文档: http://${shownHost}:${config.port}/api/docs`);
  if (embedded && config.demo) {
    say(`${seeded ? '演示数据已生成。' : ''}演示账号（密码均为 ${DEMO_PASSWORD}）：`);
    for (const a of DEMO_ACCOUNTS) say(`  ${a.username.padEnd(10)} ${a.displayName}（${a.roleLabel}）`);
  }
  // Whatever database it is: one seeded by `npm run seed:demo` and then put to real use too.
  if (await exemptAccountsExist(db)) DEMO_EXEMPT_WARNING.forEach(say);
  say('按 Ctrl-C 停止。');
}

main().catch(async (e) => {
  // Interrupted while starting: the stop in progress says so and exits.
  if (running.stopping) return;
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  await running.embedded?.stop().catch(() => {});
  process.exit(1);
});
