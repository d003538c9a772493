import path from 'node:path';
import { buildApp } from './app';
import { loadConfig } from './config';
import { connect, migrateDatabase, withStartupLock } from './db/client';
import { startEmbedded, type EmbeddedServer } from './db/embedded';
import { DEMO_ACCOUNTS, DEMO_PASSWORD, isEmpty, seedDemo } from './db/seed/demo.seed';
import { loadDataKey, setDataKey } from './lib/crypto';
import { ensureWebBuilt } from './web-build';

const say = (m: string) => process.stdout.write(`${m}\n`);

async function main() {
  const config = loadConfig();
  if (config.buildWeb) await ensureWebBuilt(say);

  let embedded: EmbeddedServer | undefined;
  let url = config.databaseUrl;
  if (!url) {
    say(`正在启动内嵌数据库 (embedded PostgreSQL, data in ${path.join(config.dataDir, 'pg')})…`);
    embedded = await startEmbedded({ dataDir: config.dataDir, log: say });
    url = embedded.url('linli');
  }
  setDataKey(loadDataKey(config));
  const db = connect(url);
  await migrateDatabase(db);

  let seeded = false;
  if (embedded && config.demo) {
    seeded = await withStartupLock(db, async () => {
      if (!(await isEmpty(db))) return false;
      say('首次启动：正在生成演示数据 (seeding demo data)…');
      await seedDemo({ db });
      return true;
    });
  }

  const app = await buildApp({ db, config });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    say(`\n收到 ${signal}，正在停止 (stopping)…`);
    await app.close().catch(() => {});
    await db.$client.end().catch(() => {});
    await embedded?.stop().catch(() => {});
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

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
  say('按 Ctrl-C 停止。');
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
