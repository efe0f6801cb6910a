import { z } from 'zod';

const url = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}:`)), {
      message: `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`,
    });

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const configSchema = z.object({
  DATABASE_URL: url(['postgres', 'postgresql']),
  REDIS_URL: url(['redis', 'rediss']),
  SMTP_URL: url(['smtp', 'smtps']),
  MAIL_FROM: z.string().min(3).default('Passerelle <no-reply@passerelle.localhost>'),
  PUBLIC_URL: url(['http', 'https']).transform((value) => value.replace(/\/+$/, '')),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters (use a random key)'),
  ADMIN_EMAIL: z.string().email().optional(),
  ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  POSTIER_EMAIL_DOMAINS: z
    .string()
    .default('laposte.fr')
    .transform((value) =>
      value
        .split(',')
        .map((d) => d.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'must be a list of domains')).min(1)),
  DEMO_DATA: booleanFlag,
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Key prefix for every BullMQ key; braces make it a Redis Cluster hash tag. */
  QUEUE_PREFIX: z.string().min(1).default('{passerelle}'),
  /** Directory of the built web app, served at / by the api when present. */
  WEB_DIST: z.string().optional(),
  /** Megabytes of public reads (published missions, search pages) each api instance keeps in memory; 0 turns it off. */
  PUBLIC_CACHE_MB: z.coerce.number().min(0).max(4096).default(64),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once; every problem is reported, one line each. */
export function parseConfig(env: Record<string, string | undefined> = process.env): Config {
  const result = configSchema.safeParse(env);
  if (result.success) {
    if (Boolean(result.data.ADMIN_EMAIL) !== Boolean(result.data.ADMIN_PASSWORD)) {
      throw new ConfigError(['ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither']);
    }
    return result.data;
  }
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || '(environment)';
    const missing = issue.code === 'invalid_type' && env[name] === undefined;
    return missing ? `${name}: is required` : `${name}: ${issue.message}`;
  });
  throw new ConfigError(problems);
}

/** For process entry points: print the problems and exit instead of throwing a stack trace. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
