// The bench's HTTP client, on its own thread: the time it spends sending, receiving and parsing is
// not taken from the event loop of the server it measures. Each message is one request; the answer
// carries the latency measured here, from sending the request to the end of the parsed answer.
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

parentPort.on('message', (m) => {
  if (m === 'close') {
    agent.destroy();
    parentPort.close();
    return;
  }
  const t0 = performance.now();
  const req = http.request({ host: '127.0.0.1', port: workerData.port, method: m.method, path: m.path, headers: m.headers, agent }, (res) => {
    const chunks = [];
    res.on('data', (c) => chunks.push(c));
    res.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      if (m.parse) JSON.parse(body);
      const ms = performance.now() - t0;
      const cookies = (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]);
      parentPort.postMessage({ id: m.id, status: res.statusCode ?? 0, body, cookies, ms });
    });
    res.on('error', (e) => parentPort.postMessage({ id: m.id, error: String(e) }));
  });
  req.on('error', (e) => parentPort.postMessage({ id: m.id, error: String(e) }));
  req.end(m.body);
});
