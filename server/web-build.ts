import fs from 'node:fs';
import path from 'node:path';
import { WEB_DIST } from './app';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds the web app when there is no build yet, or when its sources or the shared code changed. */
export async function ensureWebBuilt(say: (m: string) => void = () => {}) {
  const root = path.resolve(WEB_DIST, '..');
  const index = path.join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(path.join(root, 'src')), newestMtime(path.resolve(root, '../common')), fs.statSync(path.join(root, 'index.html')).mtimeMs);
  if (fs.existsSync(index) && fs.statSync(index).mtimeMs >= sources) return;
  say('正在构建网页端 (building the web app)…');
  const { build } = await import('vite');
  await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'warn' });
}
