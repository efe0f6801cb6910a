import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './index';

const valid = {
  DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/passerelle',
  REDIS_URL: 'redis://127.0.0.1:6379',
  SMTP_URL: 'smtp://127.0.0.1:1025',
  PUBLIC_URL: 'http://localhost:3000/',
  JWT_SECRET: 'x'.repeat(40),
};

function problemsOf(env: Record<string, string | undefined>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('configuration', () => {
  it('accepts a complete environment and applies defaults', () => {
    const config = parseConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.PUBLIC_URL).toBe('http://localhost:3000');
    expect(config.POSTIER_EMAIL_DOMAINS).toEqual(['laposte.fr']);
    expect(config.DEMO_DATA).toBe(false);
  });

  it('names every missing variable on its own line', () => {
    const problems = problemsOf({});
    expect(problems).toEqual(
      expect.arrayContaining([
        'DATABASE_URL: is required',
        'REDIS_URL: is required',
        'SMTP_URL: is required',
        'PUBLIC_URL: is required',
        'JWT_SECRET: is required',
      ]),
    );
  });

  it('refuses a short JWT secret, a wrong URL scheme and a bad port', () => {
    const problems = problemsOf({ ...valid, JWT_SECRET: 'short', REDIS_URL: 'http://nope', PORT: 'eighty' });
    expect(problems.find((p) => p.startsWith('JWT_SECRET:'))).toMatch(/at least 32/);
    expect(problems.find((p) => p.startsWith('REDIS_URL:'))).toMatch(/redis:\/\//);
    expect(problems.find((p) => p.startsWith('PORT:'))).toBeDefined();
    expect(problems).toHaveLength(3);
  });

  it('parses the postier email domains list and refuses garbage in it', () => {
    expect(
      parseConfig({ ...valid, POSTIER_EMAIL_DOMAINS: 'laposte.fr, LaBanquePostale.fr' })
        .POSTIER_EMAIL_DOMAINS,
    ).toEqual(['laposte.fr', 'labanquepostale.fr']);
    expect(problemsOf({ ...valid, POSTIER_EMAIL_DOMAINS: 'not a domain' })[0]).toMatch(
      /^POSTIER_EMAIL_DOMAINS/,
    );
  });

  it('wants the admin email and password together', () => {
    expect(problemsOf({ ...valid, ADMIN_EMAIL: 'admin@laposte.fr' })).toEqual([
      'ADMIN_EMAIL and ADMIN_PASSWORD: set both or neither',
    ]);
  });
});
