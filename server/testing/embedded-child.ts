// Run by embedded.test.ts as a separate Linli-like process (then killed with SIGKILL, or stopped
// with SIGINT): starts the embedded server in the data dir given as argument, writes a marker row,
// prints "ready <database url>", waits.
import pg from 'pg';
import { startEmbedded } from '../db/embedded';

const server = await startEmbedded({ dataDir: process.argv[2], preferredPort: 0 });
const c = new pg.Client({ connectionString: server.url('linli') });
await c.connect();
await c.query('create table marker (note text)');
await c.query("insert into marker values ('kept')");
await c.end();
process.stdout.write(`ready ${server.url('linli')}\n`);
setInterval(() => {}, 1000);
