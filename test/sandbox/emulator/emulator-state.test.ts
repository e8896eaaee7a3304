import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EmulatorState } from '../../../src/sandbox/emulator/emulator-state.js';

const stateAt = (clock: () => number) => new EmulatorState('T0', { userId: 'U0BOT', botId: 'B0', name: 'bot' }, [], [], clock);

describe('EmulatorState.nextTs', () => {
  it('is strictly increasing per channel whatever the clock does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1_700_000_000_000, max: 1_800_000_000_000 }), { minLength: 2, maxLength: 50 }), (times) => {
        let i = 0;
        const state = stateAt(() => times[Math.min(i, times.length - 1)] ?? 0);
        const tss: string[] = [];
        for (i = 0; i < times.length; i += 1) tss.push(state.nextTs('C1'));
        for (const ts of tss) expect(ts).toMatch(/^\d{10}\.\d{6}$/);
        for (let k = 1; k < tss.length; k += 1) expect(Number(tss[k])).toBeGreaterThan(Number(tss[k - 1]));
      }),
    );
  });

  it('keeps channels independent', () => {
    const state = stateAt(() => 1_764_400_000_000);
    expect([state.nextTs('C1'), state.nextTs('C1'), state.nextTs('C2')]).toEqual(['1764400000.000000', '1764400000.000100', '1764400000.000000']);
  });
});

describe('EmulatorState.channel', () => {
  it('finds by id, name and #name', () => {
    const state = stateAt(() => 0);
    const channel = state.addChannel('ops', 'U0', false, ['U0']);
    expect(state.channel(channel.id)).toBe(channel);
    expect(state.channel('ops')).toBe(channel);
    expect(state.channel('#ops')).toBe(channel);
    expect(state.channel('nope')).toBeUndefined();
  });
});
