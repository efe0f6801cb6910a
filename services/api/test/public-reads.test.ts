import { randomUUID } from 'node:crypto';
import { parseConfig } from '@passerelle/config';
import { schema } from '@passerelle/db';
import { testEnv } from '@passerelle/testkit';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app';
import { PublicReadCache } from '../src/lib/public-read-cache';
import { createUser, randomRna, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** Polls until `read` satisfies `done`, or fails with the last value after `ms`. */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 3_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('public reads stay fresh across writers', () => {
  let t: TestApp;
  /** A second api instance over the same database, as in production behind a load balancer. */
  let other: FastifyInstance;
  let member: TestUser;

  async function publishedMission(app: FastifyInstance, title: string, seats = 2): Promise<string> {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: member.auth,
      payload: {
        title,
        description: 'Animer des ateliers pour apprendre à utiliser une tablette et les services en ligne.',
        domainCode: 'inclusion-numerique',
        skills: [{ code: 'demarches-en-ligne', level: 2, required: true }],
        communeCode: '33063',
        mode: 'onsite',
        startDate: inDays(5),
        endDate: inDays(40),
        hoursTotal: 10,
        seats,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().id;
    const published = await app.inject({
      method: 'POST',
      url: `/api/v1/missions/${id}/publish`,
      headers: member.auth,
    });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  }

  const read = (app: FastifyInstance, id: string) =>
    app.inject({ method: 'GET', url: `/api/v1/missions/${id}` }).then((r) => r.json());
  const search = (app: FastifyInstance, q: string) =>
    app
      .inject({ method: 'GET', url: `/api/v1/missions?q=${encodeURIComponent(q)}` })
      .then((r) => r.json() as { total: number; items: { id: string; title: string }[] });

  beforeAll(async () => {
    t = await buildTestApp();
    other = await buildApp(parseConfig(testEnv({ DATABASE_URL: t.database.url })), { logger: false });
    await other.ready();
    member = await createUser(t.app, 'association');
    const [association] = await t.database.db
      .insert(schema.associations)
      .values({ name: 'Bordeaux Tablettes', rna: randomRna(), communeCode: '33063', labelStatus: 'labelled' })
      .returning({ id: schema.associations.id });
    if (!association) throw new Error('association insert failed');
    await t.database.db
      .insert(schema.associationMembers)
      .values({ associationId: association.id, userId: member.id });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it("the writer's own next read shows the change at once, every time", async () => {
    const id = await publishedMission(t.app, 'Ateliers tablette à Bordeaux');
    for (let round = 0; round < 15; round++) {
      expect((await read(t.app, id)).title).toBe(
        round === 0 ? 'Ateliers tablette à Bordeaux' : `Ateliers ${round - 1}`,
      );
      const edited = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/missions/${id}`,
        headers: member.auth,
        payload: { title: `Ateliers ${round}` },
      });
      expect(edited.statusCode, edited.body).toBe(200);
      expect((await read(t.app, id)).title).toBe(`Ateliers ${round}`);
    }
  });

  it('another api instance stops answering the old mission and search page once the change is committed', async () => {
    const id = await publishedMission(t.app, 'Permanence numérique au centre social');
    // Both instances have read the mission and the search page.
    expect((await read(other, id)).title).toBe('Permanence numérique au centre social');
    const before = await search(other, 'permanence');
    expect(before.items.map((m) => m.id)).toContain(id);

    const second = await publishedMission(t.app, 'Permanence administrative en mairie');
    const after = await eventually(
      () => search(other, 'permanence'),
      (page) => page.items.some((m) => m.id === second),
    );
    expect(after.items.map((m) => m.id)).toEqual(expect.arrayContaining([id, second]));
    expect(after.total).toBe(before.total + 1);

    await t.app.inject({ method: 'POST', url: `/api/v1/missions/${id}/close`, headers: member.auth });
    const closed = await eventually(
      () => read(other, id),
      (mission) => mission.status === 'closed',
    );
    expect(closed.status).toBe('closed');
    const withoutClosed = await eventually(
      () => search(other, 'permanence'),
      (page) => !page.items.some((m) => m.id === id),
    );
    expect(withoutClosed.items.map((m) => m.id)).toEqual([second]);
  });

  it('a change written by another process straight to the database reaches the readers', async () => {
    const id = await publishedMission(t.app, 'Collecte solidaire');
    expect((await read(t.app, id)).title).toBe('Collecte solidaire');
    await t.database.db
      .update(schema.missions)
      .set({ title: 'Collecte solidaire de jouets' })
      .where(eq(schema.missions.id, id));
    const fresh = await eventually(
      () => read(t.app, id),
      (mission) => mission.title === 'Collecte solidaire de jouets',
    );
    expect(fresh.title).toBe('Collecte solidaire de jouets');
  });

  it('when the change feed connection is cut, reads go to PostgreSQL until it is back, then the cache resumes', async () => {
    const id = await publishedMission(t.app, 'Tri des dons au vestiaire');
    expect((await read(t.app, id)).title).toBe('Tri des dons au vestiaire');
    expect(t.app.publicReads.active).toBe(true);
    await t.database.db.execute(
      sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'passerelle-api-cache-feed' and datname = current_database()`,
    );
    await eventually(
      async () => t.app.publicReads.active,
      (active) => !active,
    );
    // Written while nobody listens: only reading through can show it.
    await t.database.db
      .update(schema.missions)
      .set({ title: 'Tri des dons au vestiaire solidaire' })
      .where(eq(schema.missions.id, id));
    expect((await read(t.app, id)).title).toBe('Tri des dons au vestiaire solidaire');
    expect(
      await eventually(
        async () => t.app.publicReads.active,
        (active) => active,
        5_000,
      ),
    ).toBe(true);
    expect((await read(t.app, id)).title).toBe('Tri des dons au vestiaire solidaire');
    // Listening again: a later change still reaches the readers.
    await t.database.db
      .update(schema.missions)
      .set({ title: 'Tri des dons' })
      .where(eq(schema.missions.id, id));
    expect(
      (
        await eventually(
          () => read(t.app, id),
          (m) => m.title === 'Tri des dons',
        )
      ).title,
    ).toBe('Tri des dons');
  });

  it('an accepted application shows in the seats taken of the public page', async () => {
    const id = await publishedMission(t.app, 'Soutien scolaire en ligne', 3);
    expect((await read(other, id)).seatsTaken).toBe(0);
    const postier = await createUser(t.app, 'postier');
    const applied = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${id}/applications`,
      headers: postier.auth,
      payload: { motivation: 'Je donne déjà des cours de mathématiques à des collégiens le mercredi.' },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const accepted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/applications/${applied.json().id}/accept`,
      headers: member.auth,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await read(t.app, id)).seatsTaken).toBe(1);
    expect(
      (
        await eventually(
          () => read(other, id),
          (m) => m.seatsTaken === 1,
        )
      ).seatsTaken,
    ).toBe(1);
  });

  it('drafts are never shared with other readers', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: member.auth,
      payload: {
        title: `Brouillon ${randomUUID().slice(0, 6)}`,
        description: 'Une mission encore en préparation, que personne d’autre ne doit voir.',
        domainCode: 'inclusion-numerique',
        skills: [{ code: 'demarches-en-ligne', level: 1, required: false }],
        mode: 'remote',
        startDate: inDays(5),
        endDate: inDays(40),
        hoursTotal: 4,
        seats: 1,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id;
    const own = await t.app.inject({ method: 'GET', url: `/api/v1/missions/${id}`, headers: member.auth });
    expect(own.statusCode).toBe(200);
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/v1/missions/${id}` });
    expect(anonymous.statusCode).toBe(404);
  });
});

describe('PublicReadCache', () => {
  it('drops an answer read before a change that was announced while it was being read', () => {
    const cache = new PublicReadCache({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    cache.setActive(true);
    const generation = cache.generation;
    cache.apply('mission-1');
    cache.rememberMission('mission-1', Buffer.from('{"title":"old"}'), generation);
    expect(cache.mission('mission-1')).toBeUndefined();
    cache.rememberMission('mission-1', Buffer.from('{"title":"new"}'), cache.generation);
    expect(cache.mission('mission-1')?.toString()).toBe('{"title":"new"}');
  });

  it('keeps nothing while the change feed is down, and starts empty when it is back', () => {
    const cache = new PublicReadCache({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    cache.rememberSearch('q', Buffer.from('[]'), cache.generation);
    expect(cache.search('q')).toBeUndefined();
    cache.setActive(true);
    cache.rememberSearch('q', Buffer.from('[]'), cache.generation);
    expect(cache.search('q')?.toString()).toBe('[]');
    cache.setActive(false);
    cache.setActive(true);
    expect(cache.search('q')).toBeUndefined();
  });

  it('a change to one mission does not drop what was read of another meanwhile', () => {
    const cache = new PublicReadCache({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    cache.setActive(true);
    const generation = cache.generation;
    cache.apply('a');
    cache.rememberMission('b', Buffer.from('B'), generation);
    cache.rememberSearch('q', Buffer.from('[]'), generation);
    expect([cache.mission('b')?.toString(), cache.search('q')]).toEqual(['B', undefined]);
  });

  it('a mission change forgets every search page but keeps the other missions', () => {
    const cache = new PublicReadCache({ maxBytes: 1024 * 1024, ttlMs: 60_000 });
    cache.setActive(true);
    cache.rememberMission('a', Buffer.from('A'), cache.generation);
    cache.rememberMission('b', Buffer.from('B'), cache.generation);
    cache.rememberSearch('q', Buffer.from('[]'), cache.generation);
    cache.apply('a');
    expect([cache.mission('a'), cache.mission('b')?.toString(), cache.search('q')]).toEqual([
      undefined,
      'B',
      undefined,
    ]);
    cache.apply('*');
    expect(cache.mission('b')).toBeUndefined();
  });
});
