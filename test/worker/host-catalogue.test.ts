import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogue } from '../../commands/index.js';
import { loadConfig } from '../../src/config.js';
import { findCommand } from '../../src/domain/catalogue.js';
import { execCli } from '../../src/worker/cli/exec-cli.js';
import { hostCatalogue } from '../../src/worker/host-catalogue.js';
import { demoHost, PYTHON } from './run/fixtures.js';

describe('the dashboard status check asks BACKTEST_DASHBOARD_URL', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<title>Backtest dashboard on its own port</title>'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => server?.close());

  const configured = (env: Record<string, string>) => {
    const config = loadConfig(env, 'exec');
    if (!config.ok) throw config.error;
    return hostCatalogue(catalogue, config.value);
  };

  it('defaults to the contract address when unset', () => {
    expect(findCommand(configured({ BACKTEST_ROOT: '.' }), 'monitor.dashboard-status')?.params?.['url']?.default).toBe('http://127.0.0.1:8080');
  });

  it('runs against the configured dashboard when no url is given', async () => {
    const out = { stdout: '', stderr: '' };
    const io = { stdout: { write: (t: string) => (out.stdout += t) }, stderr: { write: (t: string) => (out.stderr += t) } };
    const root = await demoHost('dashboard-url');
    const code = await execCli(['monitor.dashboard-status'], io, { root, python: PYTHON, hostEnv: process.env, catalogue: configured({ BACKTEST_ROOT: root, BACKTEST_DASHBOARD_URL: url }) });
    expect(out.stdout).toContain(`${url}: HTTP 200 OK — Backtest dashboard on its own port`);
    expect(code).toBe(0);
  });

  it.each([
    ['http://dashboard.example:8080', /BACKTEST_DASHBOARD_URL: monitor\.dashboard-status url http:\/\/dashboard\.example:8080/],
    ['ftp://127.0.0.1/', /BACKTEST_DASHBOARD_URL: must be an http:\/\/ URL/],
  ])('refuses %s at start-up', (value, message) => {
    expect(() => configured({ BACKTEST_ROOT: '.', BACKTEST_DASHBOARD_URL: value })).toThrow(message);
  });
});
