// The catalogue as configured for this installation: entries whose defaults are host settings take them
// from the config (the dashboard status check asks BACKTEST_DASHBOARD_URL).
import type { Catalogue } from '../domain/catalogue.js';
import { withParamDefault } from '../domain/command-resolution.js';
import type { Config } from '../config.js';

export function hostCatalogue(catalogue: Catalogue, config: Pick<Config, 'dashboardUrl'>): Catalogue {
  const configured = withParamDefault(catalogue, 'monitor.dashboard-status', 'url', config.dashboardUrl);
  if (!configured.ok) throw new Error(`BACKTEST_DASHBOARD_URL: ${configured.error} (the dashboard is asked on this host only)`);
  return configured.value;
}
