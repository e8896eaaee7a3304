import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { createRedactor, redact } from '../../src/domain/redact.js';
import { SECRET_CORPUS } from '../support/secret-corpus.js';

// Canaries built at run time so no secret-looking literal sits in the repository.
const SLACK_BOT = ['xox', 'b-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx'].join('');
const SLACK_USER = ['xox', 'p-1111-2222-3333-abcdefabcdef'].join('');
const SLACK_APP = ['xa', 'pp-1-A0123-456789-abcdefABCDEF0123'].join('');
const AWS_ID = ['AK', 'IAQWERTYUIOPASDFGH'].join('');
const PASSWORD = 'hunter2-Canary!';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.Y2FuYXJ5.c2lnbmF0dXJl';
const REDIS_PASS = 'r3disCanaryPass';
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7CanaryKeyBody';
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${PEM_BODY}\nQmFzZTY0Q2FuYXJ5TGluZTI=\n-----END RSA PRIVATE KEY-----`;

const SECRETS = [SLACK_BOT, SLACK_USER, SLACK_APP, AWS_ID, PASSWORD, BEARER, REDIS_PASS, PEM_BODY, 'QmFzZTY0Q2FuYXJ5TGluZTI='];

const SAMPLE = [
  'starting backtest',
  `SLACK_BOT_TOKEN=${SLACK_BOT}`,
  `user token ${SLACK_USER} and app token ${SLACK_APP}`,
  `aws_access_key_id = ${AWS_ID}`,
  `db password=${PASSWORD} passwd: ${PASSWORD}`,
  `secret="${PASSWORD}" token='${PASSWORD}'`,
  `Authorization: Bearer ${BEARER}`,
  `connecting to redis://klaxon:${REDIS_PASS}@10.0.0.5:6379/0`,
  'key follows',
  PEM,
  'done: 2 strategies, 0 errors',
  '',
].join('\n');

const leaks = (text: string): string[] => SECRETS.filter((secret) => text.includes(secret));

describe('redact', () => {
  it.each([
    ['Slack bot token', `token is ${SLACK_BOT}.`, 'token is xoxb-[REDACTED].'],
    ['Slack app token', `${SLACK_APP} ok`, 'xapp-[REDACTED] ok'],
    ['AWS key id', `id ${AWS_ID}`, 'id AKIA[REDACTED]'],
    ['password=', `password=${PASSWORD} next`, 'password=[REDACTED] next'],
    ['passwd:', `passwd: ${PASSWORD}`, 'passwd: [REDACTED]'],
    ['quoted secret=', `secret="a b c" rest`, 'secret=[REDACTED] rest'],
    ['Authorization header', `Authorization: Bearer ${BEARER}`, 'Authorization: Bearer [REDACTED]'],
    ['URL credentials', `redis://user:${REDIS_PASS}@host:6379`, 'redis://user:[REDACTED]@host:6379'],
    ['one-line PEM', `k=-----BEGIN PRIVATE KEY-----abc-----END PRIVATE KEY----- end`, 'k=[REDACTED PRIVATE KEY] end'],
    ['ordinary text stays', 'Backtest completed: 2 strategies, workers=2', 'Backtest completed: 2 strategies, workers=2'],
  ])('%s', (_name, input, expected) => {
    expect(redact(input)).toBe(expected);
  });

  it('removes a multi-line private key block and keeps the lines around it', () => {
    const out = redact(`before\n${PEM}\nafter\n`);
    expect(out).toBe('before\n[REDACTED PRIVATE KEY]\nafter\n');
  });

  it('hides everything after a private key header that never ends', () => {
    expect(redact(`a\n-----BEGIN EC PRIVATE KEY-----\n${PEM_BODY}\nmore`)).toBe('a\n[REDACTED PRIVATE KEY]\n');
  });

  it('leaks no canary from the sample in one piece', () => {
    const out = redact(SAMPLE);
    expect(leaks(out)).toEqual([]);
    expect(out).toContain('done: 2 strategies, 0 errors');
  });

  it('leaks no canary however the stream is cut into chunks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: SAMPLE.length - 1 }), { maxLength: 40 }), (cuts) => {
        const points = [0, ...[...cuts].sort((a, b) => a - b), SAMPLE.length];
        const redactor = createRedactor();
        let out = '';
        for (let i = 1; i < points.length; i += 1) out += redactor.push(SAMPLE.slice(points[i - 1], points[i]));
        out += redactor.flush();
        expect(leaks(out)).toEqual([]);
        expect(out).toBe(redact(SAMPLE));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps memory bounded on an endless line and still catches a token in it', () => {
    const redactor = createRedactor();
    let out = '';
    for (let i = 0; i < 50; i += 1) out += redactor.push(`${'x'.repeat(10_000)} ${SLACK_BOT} `);
    out += redactor.flush();
    expect(out).not.toContain(SLACK_BOT);
    expect(out.length).toBeGreaterThan(500_000);
  });
});

describe('the secret corpus', () => {
  it.each(SECRET_CORPUS.map((s) => [s.name, s] as const))('%s is redacted', (_name, sample) => {
    const out = redact(sample.line);
    expect(out).not.toContain(sample.secret);
    expect(out).toContain('REDACTED');
  });

  it('keeps ordinary output that merely looks technical', () => {
    for (const line of ['sk-learn 1.4.2 installed', 'https://example.com/docs?page=2&sort=asc', 'risk-free rate 0.5%', 'ghp_ is a prefix', 'eyJ is base64 for {"']) {
      expect(redact(line)).toBe(line);
    }
  });
});

// A long text (a 10,000-event report) only runs the patterns over the lines that hold a clue of one: the
// result must be what each line gives on its own, wherever the secrets sit among clean lines.
describe('redacting a long text line by line', () => {
  const clean = ['| 2026/03/10 10:00:05 JST | user U1 | メモ: checked logs/errors.log |', 'x'.repeat(1_500), 'risk-free rate 0.5% key findings', '', '\r', '状況: 調査中。'];
  // Single lines only: a private key block is the streaming redactor's business.
  const secretLines = [...SECRET_CORPUS.map((s) => s.line), ...SAMPLE.split('\n').filter((line) => !PEM.includes(line))].filter((line) => !line.includes('\n'));

  it('gives each line what redacting that line alone gives', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...clean), fc.constantFrom(...secretLines)), { minLength: 1, maxLength: 60 }), (lines) => {
        const text = lines.join('\n');
        expect(redact(text)).toBe(lines.map((line) => redact(line)).join('\n'));
        expect(leaks(redact(text))).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('returns a text without clues as it is', () => {
    const text = Array.from({ length: 2_000 }, (_, i) => clean[i % clean.length]).join('\n');
    expect(redact(text)).toBe(text);
  });
});

// The report is redacted as it is rendered, in pieces of whole lines: that must be what redacting the whole
// text gives, private key blocks across pieces included.
describe('redacting a text fed in pieces of whole lines', () => {
  const lines = [...SAMPLE.split('\n'), ...SECRET_CORPUS.map((s) => s.line), '| 2026/03/10 10:00:05 JST | メモ |', ''];

  it('gives what redacting the whole text gives', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { minLength: 1, maxLength: 80 }), fc.array(fc.boolean(), { maxLength: 80 }), (picked, cuts) => {
        const text = `${picked.join('\n')}\n`;
        const pieces: string[] = [];
        let piece = '';
        picked.forEach((line, i) => {
          piece += `${line}\n`;
          if (cuts[i] === true) {
            pieces.push(piece);
            piece = '';
          }
        });
        pieces.push(piece);
        const redactor = createRedactor();
        expect(pieces.map((p) => redactor.push(p)).join('') + redactor.flush()).toBe(redact(text));
      }),
      { numRuns: 300 },
    );
  });
});
