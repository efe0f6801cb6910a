import type { Config } from '@passerelle/config';
import { createDb, type Database } from '@passerelle/db';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type pg from 'pg';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    pgPool: pg.Pool;
  }
}

export default fp(
  async (app: FastifyInstance, opts: { config: Config }) => {
    const client = createDb(opts.config.DATABASE_URL, { max: 20, applicationName: 'passerelle-api' });
    app.decorate('db', client.db);
    app.decorate('pgPool', client.pool);
    app.addHook('onClose', async () => {
      await client.close();
    });
  },
  { name: 'database' },
);
