// In CI every property test runs with one fixed seed, so a green run is reproducible; locally each run draws
// new cases (set FC_SEED to replay one).
import fc from 'fast-check';

const seed = process.env['FC_SEED'] ?? (process.env['CI'] ? '20261129' : undefined);
if (seed !== undefined) fc.configureGlobal({ seed: Number(seed) });
