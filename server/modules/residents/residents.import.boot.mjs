// Worker threads start from plain JavaScript: this loads the TypeScript entry through tsx, the way
// the server itself runs (npm start, vitest, the bench).
import { workerData } from 'node:worker_threads';
import { tsImport } from 'tsx/esm/api';

await tsImport(workerData.entry, import.meta.url);
