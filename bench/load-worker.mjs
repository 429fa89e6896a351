// The HTTP load generator, in its own thread (plain JS: workers do not inherit tsx's loader).
// The server's event loop under test then does not also pay for building requests and parsing
// answers, as it would not with real clients elsewhere. node:http with keep-alive connections (one
// per concurrent client): on a 2-core machine the generator shares the CPU with the server and the
// database, and fetch() costs it about twice as much per request. The spec is `LoadSpec` in
// harness.ts; `{uuid}` in a header value becomes a fresh UUID per request.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

function send(agent, url, r, headers) {
  return new Promise((resolve, reject) => {
    const body = r.body === undefined ? undefined : Buffer.from(r.body);
    if (body) headers['content-length'] = String(body.length);
    const req = request(url, { method: r.method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(spec) {
  const lat = [];
  let errors = 0;
  let firstError = null;
  let started = 0;
  const max = spec.maxRequests ?? Number.POSITIVE_INFINITY;
  const agent = new Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const start = performance.now();
  const end = start + spec.seconds * 1000;
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (performance.now() < end && started < max) {
        const r = spec.requests[started++ % spec.requests.length];
        const headers = {};
        for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = v === '{uuid}' ? randomUUID() : v;
        const t = performance.now();
        try {
          const res = await send(agent, new URL(spec.baseUrl + r.path), r, headers);
          if (res.status < 200 || res.status >= 300) throw new Error(`${res.status} ${res.text.slice(0, 300)}`);
          lat.push(performance.now() - t);
        } catch (e) {
          errors++;
          firstError ??= e.message;
        }
      }
    }),
  );
  agent.destroy();
  return { lat, errors, firstError, seconds: (performance.now() - start) / 1000 };
}

run(workerData).then((r) => parentPort.postMessage(r));
