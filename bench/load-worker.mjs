// The HTTP load generator, in its own thread (plain JS: workers do not inherit tsx's loader).
// The server's event loop under test then does not also pay for building requests and parsing
// answers, as it would not with real clients elsewhere. The spec is `LoadSpec` in harness.ts;
// `{uuid}` in a header value becomes a fresh UUID per request.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

async function run(spec) {
  const lat = [];
  let errors = 0;
  let firstError = null;
  let started = 0;
  const max = spec.maxRequests ?? Number.POSITIVE_INFINITY;
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
          const res = await globalThis.fetch(spec.baseUrl + r.path, { method: r.method, headers, body: r.body });
          const text = await res.text();
          if (!res.ok) throw new Error(`${res.status} ${text.slice(0, 300)}`);
          lat.push(performance.now() - t);
        } catch (e) {
          errors++;
          firstError ??= e.message;
        }
      }
    }),
  );
  return { lat, errors, firstError, seconds: (performance.now() - start) / 1000 };
}

run(workerData).then((r) => parentPort.postMessage(r));
