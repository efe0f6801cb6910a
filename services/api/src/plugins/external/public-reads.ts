import type { FastifyInstance, onSendHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import pg from 'pg';
import { PublicReadCache } from '../../lib/public-read-cache';

declare module 'fastify' {
  interface FastifyInstance {
    publicReads: PublicReadCache;
    /**
     * onSend hook for the features whose writes show publicly: this instance forgets its public
     * reads before answering the write, so the writer's next read is fresh even if the
     * database's notice is still on its way.
     */
    forgetPublicReadsAfterWrite: onSendHookHandler;
    /** Registers what to load into an empty cache each time the change feed (re)connects. */
    warmPublicReads: (warm: () => Promise<void>) => void;
  }
}

export const PUBLIC_CATALOG_CHANNEL = 'public_catalog';
/** A safety net only: the change feed is what keeps the answers fresh. */
const TTL_MS = 10 * 60_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 30_000;

/**
 * The public read cache and the change feed that keeps it honest: one LISTEN connection per
 * instance to the `public_catalog` channel, fed by triggers (migration 0004) whichever process
 * writes. While that connection is down the cache is off (every read goes to PostgreSQL) and it
 * reconnects with backoff; a reconnection starts from an empty cache, since notices sent
 * meanwhile are lost.
 */
export default fp(
  async (app: FastifyInstance) => {
    const cache = new PublicReadCache({
      maxBytes: app.config.PUBLIC_CACHE_MB * 1024 * 1024,
      ttlMs: TTL_MS,
    });
    app.decorate('publicReads', cache);
    app.decorate('forgetPublicReadsAfterWrite', ((request, reply, payload, done) => {
      if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) cache.forgetAll();
      done(null, payload);
    }) satisfies onSendHookHandler);
    const warmers: (() => Promise<void>)[] = [];
    app.decorate('warmPublicReads', (warm: () => Promise<void>) => {
      warmers.push(warm);
    });
    if (app.config.PUBLIC_CACHE_MB === 0) return;

    // In the background: the instance answers meanwhile, from PostgreSQL.
    let warming: Promise<void> = Promise.resolve();
    const warm = () => {
      warming = warming.then(async () => {
        for (const warmer of warmers) {
          if (closing || !cache.active) return;
          await warmer().catch((error: unknown) =>
            app.log.warn({ err: String(error) }, 'public read cache warm-up stopped; reads fill it instead'),
          );
        }
      });
    };

    let client: pg.Client | undefined;
    let retryTimer: NodeJS.Timeout | undefined;
    let retryDelay = RETRY_MIN_MS;
    let closing = false;

    const lost = (error?: unknown) => {
      cache.setActive(false);
      const gone = client;
      client = undefined;
      gone?.removeAllListeners();
      gone?.on('error', () => {});
      gone?.end().catch(() => {});
      if (closing || retryTimer) return;
      if (error) app.log.warn({ err: String(error) }, 'public read cache off until the change feed is back');
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void connect();
      }, retryDelay);
      retryTimer.unref();
      retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
    };

    async function connect(): Promise<void> {
      const next = new pg.Client({
        connectionString: app.config.DATABASE_URL,
        application_name: 'passerelle-api-cache-feed',
        keepAlive: true,
      });
      next.on('notification', (message) => {
        if (message.channel === PUBLIC_CATALOG_CHANNEL) cache.apply(message.payload ?? '*');
      });
      next.on('error', lost);
      next.on('end', () => lost(new Error('change feed connection ended')));
      client = next;
      try {
        await next.connect();
        await next.query(`LISTEN ${PUBLIC_CATALOG_CHANNEL}`);
        if (client !== next || closing) return;
        retryDelay = RETRY_MIN_MS;
        cache.setActive(true);
        warm();
      } catch (error) {
        if (client === next) lost(error);
      }
    }

    // Features register their warmers while the app boots; the first warm-up starts once it is ready.
    app.addHook('onReady', async () => {
      await connect();
    });
    app.addHook('onClose', async () => {
      closing = true;
      clearTimeout(retryTimer);
      cache.setActive(false);
      await warming;
      const last = client;
      client = undefined;
      last?.removeAllListeners();
      last?.on('error', () => {});
      await last?.end().catch(() => {});
    });
  },
  { name: 'public-reads' },
);
