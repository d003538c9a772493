import fs from 'node:fs';
import path from 'node:path';

/** The data dirs this process holds, so that its own pid in a lock file is told from a reused one. */
const held = new Set<string>();

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A running Node process with this pid (on Linux the command line says so; a pid reused by another program is not one). */
function nodeRunning(pid: number): boolean {
  if (!alive(pid)) return false;
  try {
    return /node/i.test(fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')[0]);
  } catch {
    return true;
  }
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

export class DataDirInUse extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `数据目录 ${dataDir} 正被另一个运行中的邻里使用 (pid ${pid})。请先停止它，或用 LINLI_DATA_DIR 指定另一个目录。\n` +
        `The data directory ${dataDir} is in use by another running Linli (pid ${pid}). Stop it, or choose another directory with LINLI_DATA_DIR.`,
    );
    this.name = 'DataDirInUse';
  }
}

/**
 * Takes `<dataDir>/linli.pid` for this process, or throws DataDirInUse naming the running Linli
 * that holds it. A file left by a process that is gone (kill -9, a crash) is taken over. The file
 * appears with its content in one step (a link), so another start never reads it empty; a stale
 * file is moved aside by rename, which only one of two starts can do, and the one that moved a
 * live holder's file by mistake (it was replaced in between) puts it back.
 * Returns the release, also run at exit.
 */
export function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'linli.pid');
  if (held.has(file)) throw new DataDirInUse(dataDir, process.pid);
  const mine = `${file}.${process.pid}`;
  fs.writeFileSync(mine, `${process.pid}\n`);
  try {
    for (;;) {
      try {
        fs.linkSync(mine, file);
        break;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = readPid(file);
      if (owner !== undefined && owner !== process.pid && nodeRunning(owner)) throw new DataDirInUse(dataDir, owner);
      const aside = `${file}.stale.${process.pid}`;
      try {
        fs.renameSync(file, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      const moved = readPid(aside);
      if (moved !== owner && moved !== undefined && nodeRunning(moved)) {
        try {
          fs.linkSync(aside, file);
        } finally {
          fs.rmSync(aside, { force: true });
        }
        throw new DataDirInUse(dataDir, moved);
      }
      fs.rmSync(aside, { force: true });
    }
  } finally {
    fs.rmSync(mine, { force: true });
  }
  held.add(file);
  const release = () => {
    process.off('exit', release);
    if (!held.delete(file)) return;
    if (readPid(file) === process.pid) fs.rmSync(file, { force: true });
  };
  process.on('exit', release);
  return release;
}
