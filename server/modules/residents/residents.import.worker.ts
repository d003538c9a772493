// The import's worker thread: unzipping and parsing an upload (or writing its problem workbook)
// here keeps the server's event loop free for every other request meanwhile.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../lib/errors';
import type { MarkTask } from './residents.excel.marked';
import { readUpload } from './residents.import.read';
import type { ImportLimits } from './residents.excel';

export type ReadTask = {
  kind: 'read';
  file: string;
  limits: ImportLimits;
  ctx: { communities: [string, string][]; defaultCommunityId: string | null; restrictedCommunityIds: string[] };
};
export type WorkerTask = ReadTask | MarkTask;

/** Rows go to the main thread in batches of about this many; the next is parsed only when it asks. */
const BATCH = 500;

const port = parentPort!;
let credit = 0;
let wake: (() => void) | null = null;
port.on('message', (m: { type: 'next' }) => {
  if (m.type !== 'next') return;
  credit++;
  wake?.();
});
const send = async (event: unknown) => {
  while (credit === 0) await new Promise<void>((r) => (wake = r));
  credit--;
  port.postMessage(event);
};

async function run(task: WorkerTask) {
  if (task.kind === 'mark') {
    // exceljs only for this task: reading an upload starts without it (a second saved per job).
    const { writeMarkedWorkbook } = await import('./residents.excel.marked');
    await writeMarkedWorkbook(task);
    return;
  }
  const ctx = { ...task.ctx, communities: new Map(task.ctx.communities) };
  let pending: unknown[] = [];
  let read = 0;
  for await (const ev of readUpload({ file: task.file, limits: task.limits, ctx })) {
    if (ev.type === 'sheet') await send(ev);
    else {
      pending.push(...ev.rows);
      read = ev.read;
      if (pending.length >= BATCH) {
        await send({ type: 'rows', rows: pending, read });
        pending = [];
      }
    }
  }
  if (pending.length) await send({ type: 'rows', rows: pending, read });
}

run(workerData.task as WorkerTask).then(
  () => port.postMessage({ type: 'done' }),
  (e: unknown) => {
    const error = e instanceof AppError ? { code: e.code, status: e.status, details: e.details } : null;
    port.postMessage({ type: 'error', error, message: error ? undefined : String((e as Error)?.stack ?? e) });
  },
);
