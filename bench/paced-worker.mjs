// Open-loop load at a fixed rate, in its own thread (plain JS: workers do not inherit tsx's loader):
// request i is sent at start + i / rate whatever the answers' latency (unlike load-worker.mjs, whose
// clients wait for each answer), with at most `maxInFlight` outstanding; meanwhile a poller asks
// `poll.path` every `poll.everyMs` and records (time answered, value). Times are epoch ms.
// Spec: { baseUrl, requests: LoadRequest[], rate, seconds, maxInFlight, poll: { path, headers, everyMs,
// pick: 'online-share-denominator' }, settleSeconds, expectPolled? }.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { URL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';

const now = () => performance.timeOrigin + performance.now();
const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

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

/** The dashboard's count of dossiers received in the range (the online share's denominator). */
function received(text) {
  const j = JSON.parse(text);
  return j.indicators.find((i) => i.code === 'R17.ONLINE_DOSSIERS').denominator;
}

async function run(spec) {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.maxInFlight });
  const pollAgent = new Agent({ keepAlive: true, maxSockets: 1 });
  const done = []; // epoch ms at which each successful submission was answered (after its commit)
  const lat = [];
  let errors = 0;
  let firstError = null;
  let inFlight = 0;
  let behind = 0; // sends delayed because maxInFlight were outstanding
  const polls = [];
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const t = now();
      try {
        const res = await send(
          pollAgent,
          new URL(spec.baseUrl + spec.poll.path),
          { method: 'GET' },
          {
            ...spec.poll.headers,
          },
        );
        if (res.status === 200) polls.push({ at: now(), value: received(res.text) });
      } catch {
        /* the next poll */
      }
      await sleep(spec.poll.everyMs - (now() - t));
    }
  })();
  await sleep(2 * spec.poll.everyMs); // a baseline before the first submission
  const start = performance.now();
  const end = start + spec.seconds * 1000;
  const pending = new Set();
  for (let i = 0; ; i++) {
    const due = start + (i * 1000) / spec.rate;
    // Stop at the end of the time given: a server slower than the rate gets fewer requests, not a longer run.
    if (due >= end || performance.now() >= end) break;
    if (due > performance.now()) await sleep(due - performance.now());
    while (inFlight >= spec.maxInFlight) {
      behind++;
      await Promise.race(pending);
    }
    const r = spec.requests[i % spec.requests.length];
    const headers = {};
    for (const [k, v] of Object.entries(r.headers ?? {})) headers[k] = v === '{uuid}' ? randomUUID() : v;
    inFlight++;
    const t = performance.now();
    const p = send(agent, new URL(spec.baseUrl + r.path), r, headers)
      .then((res) => {
        if (res.status < 200 || res.status >= 300) throw new Error(`${res.status} ${res.text.slice(0, 300)}`);
        lat.push(performance.now() - t);
        done.push(now());
      })
      .catch((e) => {
        errors++;
        firstError ??= e.message;
      })
      .finally(() => {
        inFlight--;
        pending.delete(p);
      });
    pending.add(p);
  }
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  // Keep polling until the figures include every submission (or the settling time runs out).
  const baseline = polls[0]?.value ?? 0;
  const settleEnd = performance.now() + spec.settleSeconds * 1000;
  while (performance.now() < settleEnd && (polls.at(-1)?.value ?? 0) < baseline + done.length) await sleep(100);
  polling = false;
  await poller;
  agent.destroy();
  pollAgent.destroy();
  return { done, lat, errors, firstError, seconds, behind, polls };
}

run(workerData).then((r) => parentPort.postMessage(r));
