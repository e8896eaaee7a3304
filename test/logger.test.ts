import { describe, expect, it } from 'vitest';
import { captureLogger as capture } from './support/capture-logger.js';
import { leakedSecrets, SECRET_CORPUS } from './support/secret-corpus.js';

describe('createLogger', () => {
  it('redacts every token shape of the corpus, in messages, fields, nested fields, arrays and errors', () => {
    const { logger, text } = capture();
    for (const sample of SECRET_CORPUS) {
      logger.info(sample.line);
      logger.warn({ url: sample.line, nested: { deeper: [sample.line] } }, 'failed');
      logger.error({ err: new Error(`request failed: ${sample.line}`) }, 'alert intake failed');
      logger.child({ component: 'bolt' }).debug(`while posting: ${sample.line}`);
    }
    expect(text()).toContain('failed');
    expect(leakedSecrets(text())).toEqual([]);
  });

  it('redacts a webhook URL with a token parameter', () => {
    const { logger, text } = capture();
    logger.info({ path: '/alerts/backtest?token=CanaryPathToken0123' }, 'alerts received');
    expect(text()).not.toContain('CanaryPathToken0123');
    expect(text()).toContain('/alerts/backtest?token=');
  });

  it('still masks the known secret fields by path', () => {
    const { logger, text } = capture();
    logger.info({ signingSecret: 'abcdefgh12345678', headers: { authorization: 'whatever' } }, 'config');
    expect(text()).not.toContain('abcdefgh12345678');
    expect(text()).not.toContain('whatever');
  });
});
