// Run by embedded.test.ts as a separate process that is then killed with SIGKILL: starts the
// embedded server in the data dir given as argument, writes a marker row, prints "ready", waits.
import pg from 'pg';
import { startEmbedded } from '../db/embedded';

const server = await startEmbedded({ dataDir: process.argv[2], preferredPort: 0 });
const c = new pg.Client({ connectionString: server.url('linli') });
await c.connect();
await c.query('create table marker (note text)');
await c.query("insert into marker values ('kept')");
await c.end();
process.stdout.write('ready\n');
setInterval(() => {}, 1000);
