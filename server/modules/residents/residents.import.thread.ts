// Runs an import task in a worker thread and hands its events over one batch at a time.
import { Worker } from 'node:worker_threads';
import { AppError } from '../../lib/errors';
import type { ReadEvent } from './residents.import.read';
import type { WorkerTask } from './residents.import.worker';

const BOOT = new URL('./residents.import.boot.mjs', import.meta.url);
const ENTRY = new URL('./residents.import.worker.ts', import.meta.url).href;

/**
 * The worker's heap is capped: whatever a file does inside the limits the reader checks, it cannot
 * take the server's memory with it (the worker stops, the upload is refused).
 */
const RESOURCE_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 64 };

type Message = ReadEvent | { type: 'done' } | { type: 'error'; error: { code: string; status: number; details?: unknown } | null; message?: string };

const outOfMemory = () =>
  new AppError('residents.import_too_large', 400, [{ code: 'residents.import_too_large', message: '文件内容过多，读取时超出了内存限制，不能导入。请拆分文件后再导入。' }]);

/**
 * Starts the task in a worker and yields what it sends (the sheet's header, then batches of parsed
 * rows); the next batch is asked for as one is handed over, so that parsing runs beside the
 * database work and at most two batches are in memory. Leaving the loop early (a cancelled import)
 * stops the worker.
 */
export async function* runInWorker(task: WorkerTask): AsyncGenerator<ReadEvent> {
  const worker = new Worker(BOOT, { workerData: { entry: ENTRY, task }, resourceLimits: RESOURCE_LIMITS, stdout: false, stderr: false });
  const queue: (Message | { type: 'crash'; error: Error })[] = [];
  let wake: (() => void) | null = null;
  const push = (m: Message | { type: 'crash'; error: Error }) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ type: 'crash', error }));
  worker.on('exit', (code) => push({ type: 'crash', error: new Error(`import worker exited with ${code}`) }));
  try {
    worker.postMessage({ type: 'next' });
    for (;;) {
      while (!queue.length) await new Promise<void>((r) => (wake = r));
      const m = queue.shift()!;
      if (m.type === 'done') return;
      if (m.type === 'crash') {
        if ((m.error as NodeJS.ErrnoException).code === 'ERR_WORKER_OUT_OF_MEMORY') throw outOfMemory();
        throw m.error;
      }
      if (m.type === 'error') {
        if (m.error) throw new AppError(m.error.code as never, m.error.status, m.error.details);
        throw new Error(m.message ?? 'import worker failed');
      }
      // The worker parses the next batch while this one is checked or written: two in memory at most.
      worker.postMessage({ type: 'next' });
      yield m;
    }
  } finally {
    await worker.terminate();
  }
}

/** Runs a task that sends no events (the problem workbook) to its end. */
export async function runToEnd(task: WorkerTask): Promise<void> {
  for await (const _ of runInWorker(task)) void _;
}
