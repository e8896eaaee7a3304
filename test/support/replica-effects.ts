// The Slack effects of another bot on the same Redis and emulator (a second replica, or a retry of a job), for
// tests that call an effect directly in the order or with the failures they need.
import { WebClient } from '@slack/web-api';
import type { EffectRun } from '../../src/app/ports.js';
import { createEffectContext, type EffectContext } from '../../src/slack/effects/effect-context.js';
import { createSlackApi, type SlackApi } from '../../src/slack/slack-api.js';
import { BOT_TOKEN, type Klaxon } from './klaxon-harness.js';

/** klaxon's Web API wrapper on the emulator, the client's own retries off (the wrapper's stay on). */
export const emulatorSlackApi = (k: Klaxon): SlackApi => createSlackApi(new WebClient(BOT_TOKEN, { slackApiUrl: k.emulator.apiUrl, retryConfig: { retries: 0 } }));

/** `job`: the effect job being run (its id keys its posts; attempt > 1 is a retry). */
export const replicaEffects = (k: Klaxon, job?: EffectRun, slack: SlackApi = emulatorSlackApi(k)): EffectContext =>
  createEffectContext({ services: k.bot.services, slack, botToken: BOT_TOKEN, readArtifact: async () => undefined }, job);
