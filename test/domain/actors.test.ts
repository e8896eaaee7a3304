// Automatic actors (klaxon itself, alert sources) against people.
import { describe, expect, it } from 'vitest';
import { alertActor, BOT_ACTOR, isAutomaticActor } from '../../src/domain/actors.js';

describe('actors', () => {
  it.each([
    [BOT_ACTOR, true],
    [alertActor('alertmanager'), true],
    ['U0L1OPS', false],
    ['klaxonette', false],
  ])('%s is automatic: %s', (who, automatic) => {
    expect(isAutomaticActor(who)).toBe(automatic);
  });
});
