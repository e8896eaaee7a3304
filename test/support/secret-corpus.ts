// Token shapes that must never leave a host or reach Slack, Redis, a log or a report: each as a line of
// command output would carry it, with the part that must vanish. Built at run time, so no secret-looking
// literal sits in the repository.
const j = (...parts: string[]) => parts.join('');

export interface SecretSample {
  readonly name: string;
  /** A line as it could appear in output, an error or a URL. */
  readonly line: string;
  /** What must not survive redaction. */
  readonly secret: string;
}

const GHP = j('gh', 'p_', 'K1axonCanary0123456789abcdefGHIJKL01');
const GH_PAT = j('github', '_pat_', '11AAAAAAA0Canary', '_', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTU');
const OPENAI = j('sk', '-proj-', 'CanaryOpenAIkey0123456789abcdefABCDEF');
const OPENAI_PLAIN = j('sk', '-', 'Canary0123456789abcdefghijklmnopqrstuvwxYZ0123');
const WEBHOOK_PATH = j('T0CANARY1', '/', 'B0CANARY2', '/', 'Canary0hook0Secret0abcdef');
const JWT = j('eyJ', 'hbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9', '.', 'eyJ', 'zdWIiOiJjYW5hcnkifQ', '.', 'Q2FuYXJ5U2lnbmF0dXJlMDEyMzQ1Njc4OQ');
const AWS_SECRET = j('wJalrXUtnFEMI', '/K7MDENG/bPxRfiCYCanaryKEY');
const AWS_ID = j('AK', 'IA', 'CANARY0123456789');
const PG = j('pg', 'Canary', 'Pass', '42');
const XOXB = j('xo', 'xb-', '1234567890-0987654321-CanaryBotToken01');
const XOXP = j('xo', 'xp-', '1111-2222-3333-canaryusertoken');
const XOXE = j('xo', 'xe-', '1-CanaryRefreshToken0123456789');
const PEM_BODY = 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjCanaryPemBody';
const PASSWORD = 'hunter2-Canary!';
const TOKEN_VALUE = 'tok-Canary-0123456789';
const SECRET_VALUE = 'shh-Canary-secret';
const BASIC = Buffer.from('ops:CanaryBasicPass').toString('base64');
const BEARER = 'CanaryBearer0123456789abcdef';
const URL_PASS = 'CanaryUrlPass99';
const URL_TOKEN = 'CanaryQueryToken0123';
const URL_SIG = 'CanarySig0123456789abcdef';

export const SECRET_CORPUS: readonly SecretSample[] = [
  { name: 'GitHub token (ghp_)', line: `GITHUB_TOKEN=${GHP}`, secret: GHP },
  { name: 'GitHub token in prose', line: `cloning with ${GHP} now`, secret: GHP },
  { name: 'GitHub fine-grained token', line: `using ${GH_PAT}`, secret: GH_PAT },
  { name: 'OpenAI-style project key', line: `client = OpenAI(${OPENAI})`, secret: OPENAI },
  { name: 'OpenAI-style key', line: `key ${OPENAI_PLAIN}`, secret: OPENAI_PLAIN },
  { name: 'Slack webhook URL', line: `posting to https://hooks.slack.com/services/${WEBHOOK_PATH} failed`, secret: WEBHOOK_PATH.split('/')[2] as string },
  { name: 'JWT', line: `session ${JWT}`, secret: JWT.split('.')[2] as string },
  { name: 'aws_secret_access_key', line: `aws_secret_access_key = ${AWS_SECRET}`, secret: AWS_SECRET },
  { name: 'AWS_SECRET_ACCESS_KEY env', line: `export AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`, secret: AWS_SECRET },
  { name: 'AWS access key id', line: `aws_access_key_id=${AWS_ID}`, secret: AWS_ID },
  { name: 'PGPASSWORD=', line: `PGPASSWORD=${PG} psql -h db`, secret: PG },
  { name: 'Slack bot token', line: `bot ${XOXB}`, secret: XOXB.slice(5) },
  { name: 'Slack user token', line: `user ${XOXP}`, secret: XOXP.slice(5) },
  { name: 'Slack refresh token', line: `refresh ${XOXE}`, secret: XOXE.slice(5) },
  { name: 'PEM private key', line: `-----BEGIN PRIVATE KEY-----\n${PEM_BODY}\n-----END PRIVATE KEY-----`, secret: PEM_BODY },
  { name: 'password= pair', line: `db password=${PASSWORD} ok`, secret: PASSWORD },
  { name: 'token: pair', line: `token: ${TOKEN_VALUE}`, secret: TOKEN_VALUE },
  { name: 'secret= pair (quoted)', line: `client_secret="${SECRET_VALUE}"`, secret: SECRET_VALUE },
  { name: 'JSON password', line: `{"password": "${PASSWORD}", "user": "ops"}`, secret: PASSWORD },
  { name: 'Basic auth', line: `Authorization: Basic ${BASIC}`, secret: BASIC },
  { name: 'Basic auth (curl -v)', line: `> authorization: basic ${BASIC}`, secret: BASIC },
  { name: 'Bearer auth', line: `curl -H "Authorization: Bearer ${BEARER}" https://api`, secret: BEARER },
  { name: 'URL with credentials', line: `redis://klaxon:${URL_PASS}@10.0.0.5:6379/0`, secret: URL_PASS },
  { name: 'URL with a token parameter', line: `GET https://hooks.example.com/alert?token=${URL_TOKEN}&x=1`, secret: URL_TOKEN },
  { name: 'URL with an access_token parameter', line: `https://api.example.com/v1?access_token=${URL_TOKEN}`, secret: URL_TOKEN },
  { name: 'URL with a signature parameter', line: `https://bucket.s3.amazonaws.com/x?X-Amz-Signature=${URL_SIG}&X-Amz-Expires=60`, secret: URL_SIG },
  { name: 'URL with a sig parameter', line: `https://store.blob.core.windows.net/c/b?sv=2022&sig=${URL_SIG}`, secret: URL_SIG },
];

/** Every line of the corpus, one per line (the PEM block spans three). */
export const SECRET_CORPUS_TEXT = `${SECRET_CORPUS.map((s) => s.line).join('\n')}\n`;

/** The corpus entries whose secret occurs in `text`. */
export const leakedSecrets = (text: string): string[] => SECRET_CORPUS.filter((s) => text.includes(s.secret)).map((s) => s.name);
