// klaxon's Home tab: opening it draws it (and keeps it redrawn as incidents change); its button declares.
import type { Services } from '../../app/services.js';
import type { Listeners } from './dispatch-requests.js';
import { ACTION } from '../ids.js';
import { declareModal } from '../views/declare-modal.js';

export function registerAppHome(app: Listeners, services: Services): void {
  app.event('app_home_opened', async ({ event }) => {
    if (event.tab !== 'home') return;
    await services.homeViewers.add(event.user);
    await services.effects.enqueue({ name: 'home', data: { userId: event.user } });
  });

  app.action(ACTION.homeDeclare, async ({ ack, body, client }) => {
    await ack();
    if (!('trigger_id' in body)) return;
    await client.views.open({ trigger_id: body.trigger_id, view: declareModal({ locale: services.config.locale }) });
  });
}
