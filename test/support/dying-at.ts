// A bot killed part-way through a use case, as the use case sees it: from one call to its ports on, nothing it
// asks reaches Redis or the queues. Trying every `at` tries every place the bot can die.
import type { Services } from '../../src/app/services.js';

export const died = new Error('the bot died here');

/** Whether `error` is that death, also when a use case passed it on as the cause of its own error. */
export const diedOf = (error: unknown): boolean => error === died || (error instanceof Error && error.cause !== undefined && diedOf(error.cause));

type Port = 'store' | 'effects' | 'clockJobs' | 'once' | 'maintenance' | 'runs' | 'audit';

/** The same services on a bot whose `at`-th call (0 first) to `ports` never happens: it and every call after it throw `died`. */
export function dyingAt(services: Services, ports: readonly Port[], at: number): { services: Services; reached: () => boolean } {
  let calls = 0;
  const port = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, name, receiver) {
        const value: unknown = Reflect.get(object, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls += 1;
          if (calls > at) return Promise.reject(died);
          return (value as (...a: unknown[]) => unknown).apply(object, args);
        };
      },
    });
  const dying = { ...services, ...Object.fromEntries(ports.map((name) => [name, port(services[name])])) } as Services;
  return { services: dying, reached: () => calls > at };
}
