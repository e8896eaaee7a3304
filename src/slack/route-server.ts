// Socket Mode has no events endpoint, but /healthz, /metrics and the alert webhooks still need a port: a plain
// server whose listen is awaited, so the real port (PORT=0) is known and a taken port fails start-up cleanly.
import type { CustomRoute } from '@slack/bolt';
import { createServer, type Server } from 'node:http';
import { limitServer, serverOptions } from './http-limits.js';
import { rawPath } from './receiver.js';

export async function serveRoutes(routes: readonly CustomRoute[], port: number, host?: string): Promise<Server> {
  const server = createServer(serverOptions, (req, res) => {
    // Matched as spelled: another spelling of a path is a 404, as on the HTTP receiver.
    const path = rawPath(req.url);
    const route = routes.find((r) => r.path === path && [r.method].flat().some((m) => m.toUpperCase() === req.method));
    if (!route) {
      req.resume();
      return void res.writeHead(404).end();
    }
    route.handler(Object.assign(req, { params: {} }), res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ port, ...(host ? { host } : {}) }, () => resolve());
  });
  return limitServer(server);
}
