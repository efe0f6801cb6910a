import { schema } from '@passerelle/db';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, randomRna, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const LYON = '69123';
const VILLEURBANNE = '69266';
const PARIS = '75056';
const MARSEILLE = '13055';
const LILLE = '59350';

interface Item {
  id: string;
  title: string;
  status: string;
  distanceKm: number | null;
  publishedAt: string;
  communeCode: string | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  total: number;
}

describe('mission search', () => {
  let t: TestApp;
  let owner: TestUser;
  let associationId: string;

  /** Writes and publishes a mission through the API; each test tags its missions with its own word in the title. */
  async function publish(fields: Record<string, unknown>): Promise<string> {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: owner.auth,
      payload: {
        title: 'Mission de bénévolat',
        description: 'Une mission proposée par une association partenaire de l’Alliance Dynamique.',
        domainCode: 'inclusion-numerique',
        skills: [{ code: 'accompagnement-numerique', level: 2, required: true }],
        communeCode: LYON,
        mode: 'onsite',
        startDate: inDays(10),
        endDate: inDays(60),
        hoursTotal: 20,
        seats: 1,
        ...fields,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id: string = created.json().id;
    const published = await t.app.inject({
      method: 'POST',
      url: `/api/v1/missions/${id}/publish`,
      headers: owner.auth,
    });
    expect(published.statusCode, published.body).toBe(200);
    return id;
  }

  async function search(query: Record<string, string | number>): Promise<Page> {
    const response = await t.app.inject({
      url: '/api/v1/missions',
      query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, String(v)])),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  }

  const ids = async (query: Record<string, string | number>) =>
    (await search(query)).items.map((m) => m.id).sort();

  /** Every page of a query; `between(page)` runs after each page, before the next is asked. */
  async function allPages(
    query: Record<string, string | number>,
    between: (page: number) => Promise<void> = async () => {},
  ) {
    const seen: string[] = [];
    let cursor: string | null = null;
    let page = 0;
    do {
      const result: Page = await search(cursor ? { ...query, cursor } : query);
      seen.push(...result.items.map((m) => m.id));
      cursor = result.nextCursor;
      page += 1;
      await between(page);
    } while (cursor && page < 50);
    return seen;
  }

  beforeAll(async () => {
    t = await buildTestApp();
    owner = await createUser(t.app, 'association');
    const [association] = await t.database.db
      .insert(schema.associations)
      .values({ name: 'Emmaüs Connect Rhône', rna: randomRna(), communeCode: LYON, labelStatus: 'labelled' })
      .returning({ id: schema.associations.id });
    if (!association) throw new Error('association insert failed');
    associationId = association.id;
    await t.database.db.insert(schema.associationMembers).values({ associationId, userId: owner.id });
  });
  afterAll(() => t.close());

  it('finds French words whatever their accents and plurals, and never drafts, filled or closed missions', async () => {
    const digital = await publish({
      title: 'Okapi : formation au numérique pour les seniors',
      description: 'Apprendre à utiliser une tablette, envoyer des courriels et sécuriser ses comptes.',
    });
    const plural = await publish({
      title: 'Okapi : soutien comptable',
      description: 'Aider des associations locales à tenir leurs comptes et leurs budgets prévisionnels.',
    });
    const unrelated = await publish({
      title: 'Okapi : collecte de vêtements',
      description: 'Trier les dons reçus au local, deux samedis par mois.',
    });

    expect(await ids({ q: 'numerique' })).toEqual([digital]);
    expect(await ids({ q: 'NUMÉRIQUES okapi' })).toEqual([digital]);
    expect(await ids({ q: 'association okapi' })).toEqual([plural]);
    expect(await ids({ q: 'okapi -numérique -comptable' })).toEqual([unrelated]);
    expect(await ids({ q: '"collecte de vêtements"' })).toEqual([unrelated]);

    // Drafts, filled and closed missions never show, even when the words match.
    const draft = await t.app.inject({
      method: 'POST',
      url: '/api/v1/missions',
      headers: owner.auth,
      payload: {
        title: 'Okapi : brouillon numérique',
        description: 'Un brouillon qui ne doit jamais apparaître dans la recherche publique.',
        domainCode: 'inclusion-numerique',
        skills: [{ code: 'tableur', level: 1, required: true }],
        mode: 'remote',
        startDate: inDays(10),
        endDate: inDays(20),
        hoursTotal: 4,
        seats: 1,
      },
    });
    expect(draft.statusCode).toBe(201);
    const closed = await publish({ title: 'Okapi : atelier numérique clôturé' });
    await t.app.inject({ method: 'POST', url: `/api/v1/missions/${closed}/close`, headers: owner.auth });
    const filled = await publish({ title: 'Okapi : atelier numérique complet' });
    await t.database.db
      .update(schema.missions)
      .set({ status: 'filled' })
      .where(eq(schema.missions.id, filled));
    const listed = await search({ q: 'okapi' });
    expect(listed.items.map((m) => m.id).sort()).toEqual([digital, plural, unrelated].sort());
    expect(listed.total).toBe(3);
    expect(listed.items.every((m) => m.status === 'published')).toBe(true);
  });

  describe('filters', () => {
    const m: Record<string, string> = {};
    beforeAll(async () => {
      m.lyon = await publish({
        title: 'Zephyrin : ateliers à Lyon',
        skills: [
          { code: 'accompagnement-numerique', level: 2, required: true },
          { code: 'tableur', level: 1, required: false },
        ],
        startDate: inDays(10),
        endDate: inDays(40),
      });
      m.villeurbanne = await publish({
        title: 'Zephyrin : recyclerie de Villeurbanne',
        communeCode: VILLEURBANNE,
        mode: 'hybrid',
        domainCode: 'economie-circulaire',
        skills: [{ code: 'tableur', level: 2, required: true }],
        startDate: inDays(50),
        endDate: inDays(90),
      });
      m.paris = await publish({
        title: 'Zephyrin : médiation numérique à Paris',
        communeCode: PARIS,
        startDate: inDays(100),
        endDate: inDays(120),
      });
      m.remote = await publish({
        title: 'Zephyrin : site web à distance',
        communeCode: null,
        mode: 'remote',
        domainCode: 'insertion-emploi',
        skills: [
          { code: 'developpement-web', level: 3, required: true },
          { code: 'tableur', level: 2, required: false },
        ],
        startDate: inDays(10),
        endDate: inDays(120),
      });
      m.marseille = await publish({
        title: 'Zephyrin : bénévoles à Marseille',
        communeCode: MARSEILLE,
        domainCode: 'economie-circulaire',
        skills: [{ code: 'gestion-benevoles', level: 2, required: true }],
        startDate: inDays(130),
        endDate: inDays(150),
      });
    });
    const of = (...names: string[]) => names.map((n) => m[n]).sort();

    it('keeps missions asking for all the listed skills', async () => {
      expect(await ids({ q: 'zephyrin', skills: 'tableur' })).toEqual(of('lyon', 'villeurbanne', 'remote'));
      expect(await ids({ q: 'zephyrin', skills: 'tableur,accompagnement-numerique' })).toEqual(of('lyon'));
      expect(await ids({ q: 'zephyrin', skills: 'tableur, developpement-web' })).toEqual(of('remote'));
      expect(await ids({ q: 'zephyrin', skills: 'paie' })).toEqual([]);
    });

    it('filters by région, département, mode and domain', async () => {
      expect(await ids({ q: 'zephyrin', region: '84' })).toEqual(of('lyon', 'villeurbanne'));
      expect(await ids({ q: 'zephyrin', region: '11' })).toEqual(of('paris'));
      expect(await ids({ q: 'zephyrin', departement: '69' })).toEqual(of('lyon', 'villeurbanne'));
      expect(await ids({ q: 'zephyrin', departement: '13' })).toEqual(of('marseille'));
      expect(await ids({ q: 'zephyrin', mode: 'remote' })).toEqual(of('remote'));
      expect(await ids({ q: 'zephyrin', mode: 'hybrid' })).toEqual(of('villeurbanne'));
      expect(await ids({ q: 'zephyrin', domain: 'economie-circulaire' })).toEqual(
        of('villeurbanne', 'marseille'),
      );
      const counted = await search({ q: 'zephyrin', domain: 'inclusion-numerique', limit: 1 });
      expect(counted.total).toBe(2);
      expect(counted.items).toHaveLength(1);
    });

    it('keeps missions whose dates overlap the period', async () => {
      expect(await ids({ q: 'zephyrin', from: inDays(45), to: inDays(95) })).toEqual(
        of('villeurbanne', 'remote'),
      );
      expect(await ids({ q: 'zephyrin', from: inDays(95) })).toEqual(of('paris', 'remote', 'marseille'));
      expect(await ids({ q: 'zephyrin', to: inDays(20) })).toEqual(of('lyon', 'remote'));
      // A one-day period on a mission's last day still overlaps it.
      expect(await ids({ q: 'zephyrin', from: inDays(40), to: inDays(40) })).toEqual(of('lyon', 'remote'));
    });

    it('measures the distance between commune centroids; a radius leaves out missions without a commune unless mode=remote', async () => {
      expect(await ids({ q: 'zephyrin', near: LYON, radiusKm: 20 })).toEqual(of('lyon', 'villeurbanne'));
      expect(await ids({ q: 'zephyrin', near: LYON, radiusKm: 20, mode: 'remote' })).toEqual(of('remote'));
      expect(await ids({ q: 'zephyrin', near: LYON, radiusKm: 350 })).toEqual(
        of('lyon', 'villeurbanne', 'marseille'),
      );

      const byDistance = await search({ q: 'zephyrin', near: LYON, sort: 'distance' });
      expect(byDistance.items.map((i) => i.id)).toEqual([
        m.lyon,
        m.villeurbanne,
        m.marseille,
        m.paris,
        m.remote,
      ]);
      const [lyon, villeurbanne, marseille, paris, remote] = byDistance.items.map((i) => i.distanceKm);
      expect(lyon).toBe(0);
      expect(villeurbanne).toBeGreaterThan(2);
      expect(villeurbanne).toBeLessThan(10);
      expect(marseille).toBeGreaterThan(250);
      expect(marseille).toBeLessThan(300);
      expect(paris).toBeGreaterThan(380);
      expect(paris).toBeLessThan(410);
      expect(remote).toBeNull();
      // Without `near`, no distance.
      expect((await search({ q: 'zephyrin' })).items.every((i) => i.distanceKm === null)).toBe(true);
    });
  });

  it('sorts by relevance (title first), by date (newest first) and by distance', async () => {
    const inDescription = await publish({
      title: 'Quetzal : un après-midi par semaine',
      description: 'Accueillir le public de la bibliothèque et prêter les liseuses aux lecteurs.',
    });
    const inTitle = await publish({
      title: 'Quetzal : prêter des liseuses numériques',
      description: 'Les liseuses de la médiathèque attendent des bénévoles pour les prêter et les expliquer.',
    });
    const relevance = await search({ q: 'quetzal liseuses' });
    expect(relevance.items.map((i) => i.id)).toEqual([inTitle, inDescription]);
    expect((await search({ q: 'quetzal liseuses', sort: 'relevance' })).items.map((i) => i.id)).toEqual([
      inTitle,
      inDescription,
    ]);

    const byDate = await search({ q: 'quetzal', sort: 'date' });
    expect(byDate.items.map((i) => i.id)).toEqual([inTitle, inDescription]);
    // Without q, newest first is the default.
    const newest = (await search({ limit: 1 })).items[0];
    expect(newest?.id).toBe(inTitle);
  });

  it('refuses what it cannot answer with a problem naming the parameter', async () => {
    const cases: [Record<string, string>, number, string][] = [
      [{ sort: 'distance' }, 400, 'query.sort'],
      [{ sort: 'relevance' }, 400, 'query.sort'],
      [{ radiusKm: '10' }, 400, 'query.radiusKm'],
      [{ near: LYON, radiusKm: '0' }, 400, 'query.radiusKm'],
      [{ near: '99999' }, 422, 'query.near'],
      [{ from: inDays(10), to: inDays(5) }, 400, 'query.to'],
      [{ from: 'hier' }, 400, 'query.from'],
      [{ mode: 'partout' }, 400, 'query.mode'],
      [{ limit: '0' }, 400, 'query.limit'],
      [{ limit: '51' }, 400, 'query.limit'],
      [{ skills: ',' }, 400, 'query.skills'],
      [{ page: '2' }, 400, 'query.page'],
      [{ cursor: 'pas-un-curseur' }, 400, 'query.cursor'],
    ];
    for (const [query, status, field] of cases) {
      const response = await t.app.inject({ url: '/api/v1/missions', query });
      expect(response.statusCode, `${JSON.stringify(query)} → ${response.body}`).toBe(status);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      // The validation errors say `querystring.` where ours say `query.` (see lib/errors.ts): either is the parameter.
      const fields = response
        .json()
        .errors.map((e: { field: string }) => e.field.replace(/^querystring\./, 'query.'));
      expect(fields).toContain(field);
    }
    // A cursor belongs to its query: reused under other filters, it is refused.
    await publish({ title: 'Tamanoir : premier' });
    await publish({ title: 'Tamanoir : second' });
    const first = await search({ q: 'tamanoir', limit: 1 });
    expect(first.nextCursor).not.toBeNull();
    const reused = await t.app.inject({
      url: '/api/v1/missions',
      query: { q: 'tamanoir', mode: 'remote', limit: '1', cursor: first.nextCursor ?? '' },
    });
    expect(reused.statusCode).toBe(400);
    expect(reused.json().code).toBe('INVALID_CURSOR');
  });

  describe('cursor pages stay exact while missions are published meanwhile', () => {
    it('date sort: no repeat, no gap; newer missions wait for the next first page', async () => {
      const originals: string[] = [];
      for (let i = 0; i < 7; i++) originals.push(await publish({ title: `Pangolin : mission ${i}` }));
      const added: string[] = [];
      const seen = await allPages({ q: 'pangolin', sort: 'date', limit: 3 }, async () => {
        added.push(await publish({ title: 'Pangolin : mission arrivée entre deux pages' }));
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect([...seen].sort()).toEqual([...originals].sort());
      // Published after page 1, they sort before the cursor: the next first page shows them.
      const fresh = await allPages({ q: 'pangolin', sort: 'date', limit: 3 });
      expect(fresh.sort()).toEqual([...originals, ...added].sort());
    });

    it('relevance sort: ties broken by id, no repeat, no gap', async () => {
      const originals: string[] = [];
      // Identical texts: every rank ties, only the id orders them.
      for (let i = 0; i < 8; i++) {
        originals.push(
          await publish({
            title: 'Axolotl : atelier',
            description: 'Animer un atelier axolotl pour les enfants du centre social.',
          }),
        );
      }
      for (let i = 0; i < 3; i++) {
        originals.push(
          await publish({
            title: 'Axolotl axolotl : atelier axolotl',
            description: 'Axolotl, encore axolotl.',
          }),
        );
      }
      const added: string[] = [];
      const seen = await allPages({ q: 'axolotl', limit: 4 }, async (page) => {
        // One ranks above everything (before the cursor), one ties the lowest rank.
        added.push(
          await publish({
            title: `Axolotl axolotl axolotl ${page}`,
            description: 'Axolotl axolotl axolotl axolotl.',
          }),
        );
        added.push(
          await publish({
            title: 'Axolotl : atelier',
            description: 'Animer un atelier axolotl pour les enfants du centre social.',
          }),
        );
      });
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => originals.includes(id)).sort()).toEqual([...originals].sort());
      const strongest = added.filter((_, i) => i % 2 === 0);
      expect(seen.filter((id) => strongest.includes(id))).toEqual([]);
    });

    it('distance sort: ties broken by id; nearer newcomers stay behind the cursor, farther ones show up', async () => {
      const originals: string[] = [];
      for (let i = 0; i < 4; i++)
        originals.push(await publish({ title: `Bandicoot : Lyon ${i}`, communeCode: LYON }));
      for (let i = 0; i < 3; i++) {
        originals.push(await publish({ title: `Bandicoot : Villeurbanne ${i}`, communeCode: VILLEURBANNE }));
      }
      originals.push(await publish({ title: 'Bandicoot : Paris', communeCode: PARIS }));
      const remote = await publish({ title: 'Bandicoot : à distance', communeCode: null, mode: 'remote' });
      originals.push(remote);
      const nearer: string[] = [];
      const farther: string[] = [];
      const seen = await allPages(
        { q: 'bandicoot', near: LYON, sort: 'distance', limit: 3 },
        async (page) => {
          // After page 2 the cursor is past every Lyon mission (0 km): a new one there sorts before it.
          if (page === 2) {
            nearer.push(await publish({ title: 'Bandicoot : Lyon, arrivée', communeCode: LYON }));
            farther.push(await publish({ title: 'Bandicoot : Lille, arrivée', communeCode: LILLE }));
          }
        },
      );
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => originals.includes(id)).sort()).toEqual([...originals].sort());
      expect(seen).not.toContain(nearer[0]);
      expect(seen).toContain(farther[0]);
      // Still ordered by distance across the pages, the remote one last.
      expect(seen[seen.length - 1]).toBe(remote);
    });
  });

  it('pages through a larger set with the right count', async () => {
    await t.database.db.insert(schema.missions).values(
      Array.from({ length: 300 }, (_, i) => ({
        associationId,
        title: `Wombat : mission ${i}`,
        description: 'Une mission écrite directement en base pour un volume plus grand.',
        domainCode: 'inclusion-numerique',
        communeCode: i % 2 === 0 ? LYON : PARIS,
        mode: 'onsite',
        startDate: inDays(10),
        endDate: inDays(60),
        hoursTotal: 10,
        status: 'published',
        // Many share a timestamp: only the id keeps them apart.
        publishedAt: new Date(Date.now() - (i % 7) * 1000),
      })),
    );
    const queries: Record<string, string | number>[] = [
      { q: 'wombat', region: '84', limit: 40 },
      { q: 'wombat', region: '84', sort: 'date', limit: 40 },
      { q: 'wombat', near: PARIS, radiusKm: 30, sort: 'distance', limit: 40 },
    ];
    for (const query of queries) {
      const first = await search(query);
      expect(first.total).toBe(150);
      const seen = await allPages(query);
      expect(seen).toHaveLength(150);
      expect(new Set(seen).size).toBe(150);
    }
  });
});
