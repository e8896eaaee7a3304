// The open-loop client on its own thread: at 1,000 requests/s the client's signing and HTTP work would
// otherwise share the event loop with the server it measures and queue in front of every answer.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { fireAtRate, type LoadOptions, type LoadOutcome } from './fire-at-rate.js';
import type { SlackRequest } from './slack-request-bodies.js';

interface Job {
  readonly url: string;
  readonly requests: readonly SlackRequest[];
  readonly options: LoadOptions;
}

const self = new URL(import.meta.url);

/** fireAtRate on a worker thread when this module runs compiled; on this thread under a TypeScript loader. */
export function fireInThread(url: string, requests: readonly SlackRequest[], options: LoadOptions): Promise<LoadOutcome> {
  if (!self.pathname.endsWith('.js') || !existsSync(fileURLToPath(self))) return fireAtRate(url, requests, options);
  return new Promise((resolve, reject) => {
    const worker = new Worker(self, { workerData: { url, requests, options } satisfies Job });
    worker.once('message', (outcome: LoadOutcome) => resolve(outcome));
    worker.once('error', reject);
    worker.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`load thread exited with ${code}`))));
  });
}

if (!isMainThread && parentPort && (workerData as Partial<Job> | undefined)?.requests) {
  const job = workerData as Job;
  const port = parentPort;
  void fireAtRate(job.url, job.requests, job.options).then((outcome) => port.postMessage(outcome));
}
