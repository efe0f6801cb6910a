import { schema } from '@passerelle/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssociation } from '../src/features/associations/service';
import { createUser, randomRna, type TestUser, validSiret } from './factories';
import { buildTestApp, type TestApp } from './helpers';

let siretSeed = 4_200_000;
const nextSiret = () => validSiret(siretSeed++);

describe('associations', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUser(t.app, 'admin');
  });
  afterAll(() => t.close());

  const body = (overrides: Record<string, unknown> = {}) => ({
    name: 'Épicerie Solidaire du Soleil',
    rna: randomRna(),
    description: 'Une épicerie solidaire tenue par des bénévoles.',
    communeCode: '42218',
    domains: ['inclusion-bancaire', 'economie-circulaire'],
    ...overrides,
  });

  const register = (user: TestUser | undefined, payload: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/associations', headers: user?.auth ?? {}, payload });

  /** An association account with its own freshly registered association. */
  async function memberWithAssociation(overrides: Record<string, unknown> = {}) {
    const member = await createUser(t.app, 'association');
    const res = await register(member, body(overrides));
    expect(res.statusCode).toBe(201);
    return { member, id: res.json().id as string };
  }

  const setLabel = (id: string, labelStatus: 'pending' | 'labelled' | 'rejected' | 'suspended') =>
    t.database.db.update(schema.associations).set({ labelStatus }).where(eq(schema.associations.id, id));

  const outboxFor = (eventType: string, associationId: string) =>
    t.database.db
      .select()
      .from(schema.outbox)
      .where(
        and(
          eq(schema.outbox.eventType, eventType),
          sql`${schema.outbox.payload}->>'associationId' = ${associationId}`,
        ),
      );

  describe('POST /associations', () => {
    it('registers a pending association, makes the caller its member and tells the admins', async () => {
      const member = await createUser(t.app, 'association');
      const siret = nextSiret();
      const res = await register(
        member,
        body({ rna: 'w123456789', siret: `${siret.slice(0, 3)} ${siret.slice(3, 6)} ${siret.slice(6)}` }),
      );
      expect(res.statusCode).toBe(201);
      const created = res.json();
      expect(created).toMatchObject({
        name: 'Épicerie Solidaire du Soleil',
        // Normalised as people copy them: upper case W, SIRET without spaces.
        rna: 'W123456789',
        siret,
        communeCode: '42218',
        communeName: 'Saint-Étienne',
        departementCode: '42',
        regionCode: '84',
        domains: ['economie-circulaire', 'inclusion-bancaire'],
        labelStatus: 'pending',
        labelReason: null,
        labelDecidedAt: null,
      });
      const members = await t.database.db
        .select()
        .from(schema.associationMembers)
        .where(eq(schema.associationMembers.associationId, created.id));
      expect(members.map((m) => m.userId)).toEqual([member.id]);
      const events = await outboxFor('association.created', created.id);
      expect(events.map((e) => e.payload)).toEqual([{ associationId: created.id }]);

      // One association per member.
      const second = await register(member, body());
      expect(second.statusCode).toBe(409);
      expect(second.json().code).toBe('ALREADY_MEMBER');
    });

    it('needs a token and the association role', async () => {
      expect((await register(undefined, body())).statusCode).toBe(401);
      const postier = await createUser(t.app, 'postier');
      expect((await register(postier, body())).statusCode).toBe(403);
      expect((await register(admin, body())).statusCode).toBe(403);
    });

    it('checks the RNA and SIRET, naming the field (422)', async () => {
      const member = await createUser(t.app, 'association');
      const badRna = await register(member, body({ rna: 'W12345' }));
      expect(badRna.statusCode).toBe(422);
      expect(badRna.json()).toMatchObject({ code: 'INVALID_RNA', errors: [{ field: 'body.rna' }] });

      const siret = nextSiret();
      const wrongCheckDigit = `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`;
      const badSiret = await register(member, body({ rna: undefined, siret: wrongCheckDigit }));
      expect(badSiret.statusCode).toBe(422);
      expect(badSiret.json()).toMatchObject({ code: 'INVALID_SIRET', errors: [{ field: 'body.siret' }] });

      const none = await register(member, body({ rna: undefined }));
      expect(none.statusCode).toBe(422);
      expect(none.json()).toMatchObject({ code: 'IDENTIFIER_REQUIRED', errors: [{ field: 'body.rna' }] });
      const blank = await register(member, body({ rna: '', siret: null }));
      expect(blank.json().code).toBe('IDENTIFIER_REQUIRED');

      const siretOnly = await register(member, body({ rna: undefined, siret: nextSiret() }));
      expect(siretOnly.statusCode).toBe(201);
      expect(siretOnly.json().rna).toBeNull();
    });

    it('refuses an RNA or SIRET already registered (409 naming the field)', async () => {
      const rna = randomRna();
      const siret = nextSiret();
      await memberWithAssociation({ rna, siret });
      const other = await createUser(t.app, 'association');
      const sameRna = await register(other, body({ rna }));
      expect(sameRna.statusCode).toBe(409);
      expect(sameRna.json()).toMatchObject({
        code: 'ASSOCIATION_ALREADY_REGISTERED',
        errors: [{ field: 'body.rna' }],
      });
      const sameSiret = await register(other, body({ rna: undefined, siret }));
      expect(sameSiret.statusCode).toBe(409);
      expect(sameSiret.json().errors[0].field).toBe('body.siret');
    });

    it('checks the commune and the domains (422) and refuses unknown fields (400)', async () => {
      const member = await createUser(t.app, 'association');
      const commune = await register(member, body({ communeCode: '99999' }));
      expect(commune.statusCode).toBe(422);
      expect(commune.json().errors[0].field).toBe('body.communeCode');
      const domain = await register(member, body({ domains: ['handicap', 'astrologie'] }));
      expect(domain.statusCode).toBe(422);
      expect(domain.json().errors[0].field).toBe('body.domains.1');
      const noDomain = await register(member, body({ domains: [] }));
      expect(noDomain.statusCode).toBe(400);
      const extra = await register(member, body({ labelStatus: 'labelled' }));
      expect(extra.statusCode).toBe(400);
      expect(extra.json().errors[0].field).toContain('labelStatus');
      // Nothing was created along the way.
      expect(
        await t.database.db
          .select()
          .from(schema.associationMembers)
          .where(eq(schema.associationMembers.userId, member.id)),
      ).toEqual([]);
    });

    it('writes the association and its outbox row in one transaction', async () => {
      const member = await createUser(t.app, 'association');
      const rna = randomRna();
      // The verb inside a transaction that then fails: neither the association nor its event survive.
      await expect(
        t.database.db.transaction(async (tx) => {
          await createAssociation(tx, member.id, body({ rna }) as Parameters<typeof createAssociation>[2]);
          throw new Error('crash after the write');
        }),
      ).rejects.toThrow('crash after the write');
      expect(
        await t.database.db.select().from(schema.associations).where(eq(schema.associations.rna, rna)),
      ).toEqual([]);

      // And the other way round: the outbox insert fails, the association is not created either.
      await t.database.db.execute(sql`
        create or replace function refuse_association_created() returns trigger language plpgsql as $$
        begin
          if new.event_type = 'association.created' then raise exception 'outbox unavailable'; end if;
          return new;
        end $$`);
      await t.database.db.execute(
        sql`create trigger refuse_association_created before insert on outbox for each row execute function refuse_association_created()`,
      );
      try {
        const res = await register(member, body({ rna }));
        expect(res.statusCode).toBe(500);
        expect(res.json().detail).not.toContain('outbox unavailable');
      } finally {
        await t.database.db.execute(sql`drop trigger refuse_association_created on outbox`);
      }
      expect(
        await t.database.db.select().from(schema.associations).where(eq(schema.associations.rna, rna)),
      ).toEqual([]);
      expect(
        await t.database.db
          .select()
          .from(schema.associationMembers)
          .where(eq(schema.associationMembers.userId, member.id)),
      ).toEqual([]);
      expect((await register(member, body({ rna }))).statusCode).toBe(201);
    });
  });

  describe('GET /associations/:id', () => {
    it('hides a pending association from everyone but its members and admins', async () => {
      const { member, id } = await memberWithAssociation();
      const get = (user?: TestUser) =>
        t.app.inject({ method: 'GET', url: `/api/v1/associations/${id}`, headers: user?.auth ?? {} });

      expect((await get()).statusCode).toBe(404);
      expect((await get(await createUser(t.app, 'postier'))).statusCode).toBe(404);
      const { member: otherMember } = await memberWithAssociation();
      expect((await get(otherMember)).statusCode).toBe(404);

      const own = await get(member);
      expect(own.statusCode).toBe(200);
      expect(own.json()).toMatchObject({ id, labelStatus: 'pending' });
      const asAdmin = await get(admin);
      expect(asAdmin.json()).toMatchObject({ id, labelStatus: 'pending' });

      await setLabel(id, 'labelled');
      const labelled = await get();
      expect(labelled.statusCode).toBe(200);
      expect(labelled.json()).toMatchObject({
        id,
        name: 'Épicerie Solidaire du Soleil',
        communeName: 'Saint-Étienne',
      });
      expect(labelled.json()).not.toHaveProperty('labelStatus');
      expect(labelled.json()).not.toHaveProperty('labelReason');

      await setLabel(id, 'suspended');
      expect((await get()).statusCode).toBe(404);
      expect((await get(member)).json().labelStatus).toBe('suspended');
    });

    it('answers 404 for an unknown id, 400 for a malformed one, 401 for a bad token', async () => {
      const unknown = await t.app.inject({
        method: 'GET',
        url: '/api/v1/associations/00000000-0000-4000-8000-000000000000',
      });
      expect(unknown.statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url: '/api/v1/associations/42' })).statusCode).toBe(400);
      const { id } = await memberWithAssociation();
      const badToken = await t.app.inject({
        method: 'GET',
        url: `/api/v1/associations/${id}`,
        headers: { authorization: 'Bearer not-a-token' },
      });
      expect(badToken.statusCode).toBe(401);
    });
  });

  describe('PATCH /associations/:id', () => {
    it('lets a member edit; others get 404, a postier 403, nobody 401', async () => {
      const { member, id } = await memberWithAssociation();
      const patch = (user: TestUser | undefined, payload: Record<string, unknown>) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/associations/${id}`,
          headers: user?.auth ?? {},
          payload,
        });

      const ok = await patch(member, {
        name: 'Épicerie du Soleil',
        communeCode: '69123',
        domains: ['handicap'],
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        name: 'Épicerie du Soleil',
        communeCode: '69123',
        communeName: 'Lyon',
        domains: ['handicap'],
      });

      const { member: otherMember } = await memberWithAssociation();
      expect((await patch(otherMember, { name: 'Piratée' })).statusCode).toBe(404);
      expect((await patch(await createUser(t.app, 'postier'), { name: 'Piratée' })).statusCode).toBe(403);
      expect((await patch(undefined, { name: 'Piratée' })).statusCode).toBe(401);
      expect((await patch(member, { communeCode: '99999' })).json().errors[0].field).toBe('body.communeCode');

      const [row] = await t.database.db
        .select()
        .from(schema.associations)
        .where(eq(schema.associations.id, id));
      expect(row?.name).toBe('Épicerie du Soleil');
    });

    it('changes the RNA or SIRET while pending only', async () => {
      const { member, id } = await memberWithAssociation();
      const patch = (payload: Record<string, unknown>) =>
        t.app.inject({ method: 'PATCH', url: `/api/v1/associations/${id}`, headers: member.auth, payload });

      const siret = nextSiret();
      const pending = await patch({ siret });
      expect(pending.statusCode).toBe(200);
      expect(pending.json().siret).toBe(siret);
      expect((await patch({ siret: '12345678901234' })).json().code).toBe('INVALID_SIRET');
      const dropBoth = await patch({ rna: null, siret: null });
      expect(dropBoth.statusCode).toBe(422);
      expect(dropBoth.json().code).toBe('IDENTIFIER_REQUIRED');
      const { id: otherId } = await memberWithAssociation();
      const [other] = await t.database.db
        .select()
        .from(schema.associations)
        .where(eq(schema.associations.id, otherId));
      const taken = await patch({ rna: other?.rna });
      expect(taken.statusCode).toBe(409);
      expect(taken.json().errors[0].field).toBe('body.rna');

      await setLabel(id, 'labelled');
      const locked = await patch({ rna: randomRna() });
      expect(locked.statusCode).toBe(409);
      expect(locked.json()).toMatchObject({ code: 'IDENTIFIERS_LOCKED', errors: [{ field: 'body.rna' }] });
      // Sending the same value back (a form resubmitted whole) is not a change.
      expect((await patch({ siret, description: 'Nouvelle description' })).statusCode).toBe(200);
    });
  });

  describe('GET /associations/:id/missions', () => {
    it('shows published and filled missions to all, every mission to members, paginated', async () => {
      const { member, id } = await memberWithAssociation();
      await setLabel(id, 'labelled');
      const mission = (title: string, status: string, createdAt: string) => ({
        associationId: id,
        title,
        description: 'Aider à trier les dons.',
        domainCode: 'economie-circulaire',
        communeCode: '42218',
        mode: 'onsite',
        startDate: '2026-03-01',
        endDate: '2026-06-30',
        hoursTotal: 20,
        status,
        publishedAt: status === 'draft' ? null : new Date('2026-01-02T00:00:00Z'),
        createdAt: sql`${createdAt}::timestamptz`,
      });
      // Three created in the same millisecond: the cursor must keep PostgreSQL's microseconds.
      await t.database.db
        .insert(schema.missions)
        .values([
          mission('Brouillon', 'draft', '2026-01-01T10:00:00.123456Z'),
          mission('Publiée A', 'published', '2026-01-01T10:00:00.123457Z'),
          mission('Publiée B', 'published', '2026-01-01T10:00:00.123458Z'),
          mission('Complète', 'filled', '2026-01-01T09:00:00Z'),
          mission('Clôturée', 'closed', '2026-01-01T08:00:00Z'),
        ]);
      const list = (query: string, user?: TestUser) =>
        t.app.inject({
          method: 'GET',
          url: `/api/v1/associations/${id}/missions${query}`,
          headers: user?.auth ?? {},
        });

      const publicList = await list('');
      expect(publicList.statusCode).toBe(200);
      expect(publicList.json().total).toBe(3);
      expect(publicList.json().items.map((m: { title: string }) => m.title)).toEqual([
        'Publiée B',
        'Publiée A',
        'Complète',
      ]);
      expect(publicList.json().items[0]).toMatchObject({
        status: 'published',
        mode: 'onsite',
        communeName: 'Saint-Étienne',
      });
      expect((await list('?status=draft')).json()).toEqual({ items: [], nextCursor: null, total: 0 });

      const titles: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const page = await list(`?limit=1${cursor ? `&cursor=${cursor}` : ''}`, member);
        expect(page.statusCode).toBe(200);
        expect(page.json().total).toBe(5);
        titles.push(...page.json().items.map((m: { title: string }) => m.title));
        cursor = page.json().nextCursor;
      }
      expect(titles).toEqual(['Publiée B', 'Publiée A', 'Brouillon', 'Complète', 'Clôturée']);

      const drafts = await list('?status=draft', member);
      expect(drafts.json().items.map((m: { title: string }) => m.title)).toEqual(['Brouillon']);
      expect((await list('?status=closed', admin)).json().total).toBe(1);

      const badCursor = await list('?cursor=bm90LWEtY3Vyc29y');
      expect(badCursor.statusCode).toBe(400);
      expect(badCursor.json().errors[0].field).toBe('query.cursor');
      expect((await list('?limit=101')).statusCode).toBe(400);
    });

    it("hides a pending association's missions from the public", async () => {
      const { member, id } = await memberWithAssociation();
      const url = `/api/v1/associations/${id}/missions`;
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
      expect((await t.app.inject({ method: 'GET', url, headers: member.auth })).statusCode).toBe(200);
      // A suspended association's missions stay readable.
      await setLabel(id, 'suspended');
      expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    });
  });

  describe('members', () => {
    it('lets a member add a colleague with an association account, who hears about it', async () => {
      const { member, id } = await memberWithAssociation();
      const colleague = await createUser(t.app, 'association', { firstName: 'Yasmine', lastName: 'Benali' });
      const add = (user: TestUser, email: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/associations/${id}/members`,
          headers: user.auth,
          payload: { email },
        });

      const res = await add(member, colleague.email.toUpperCase());
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        id: colleague.id,
        firstName: 'Yasmine',
        lastName: 'Benali',
        email: colleague.email,
      });
      const events = await outboxFor('association.member_added', id);
      expect(events.map((e) => e.payload)).toEqual([
        { associationId: id, userId: colleague.id, addedBy: member.id },
      ]);

      // The new member acts as one.
      const members = await t.app.inject({
        method: 'GET',
        url: `/api/v1/associations/${id}/members`,
        headers: colleague.auth,
      });
      expect(members.statusCode).toBe(200);
      expect(members.json().items.map((m: { id: string }) => m.id)).toEqual([member.id, colleague.id]);
      expect(members.json().items[0]).toEqual({
        id: member.id,
        firstName: 'Camille',
        lastName: expect.any(String),
        email: member.email,
        memberSince: expect.any(String),
      });

      const again = await add(member, colleague.email);
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'ALREADY_MEMBER', errors: [{ field: 'body.email' }] });
    });

    it('explains why someone cannot be added', async () => {
      const { member, id } = await memberWithAssociation();
      const add = (user: TestUser, email: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/associations/${id}/members`,
          headers: user.auth,
          payload: { email },
        });

      const unknown = await add(member, 'personne@example.org');
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ code: 'USER_NOT_FOUND', errors: [{ field: 'body.email' }] });
      const postier = await createUser(t.app, 'postier');
      const wrongRole = await add(member, postier.email);
      expect(wrongRole.statusCode).toBe(422);
      expect(wrongRole.json().code).toBe('NOT_AN_ASSOCIATION_ACCOUNT');
      const { member: busy } = await memberWithAssociation();
      const elsewhere = await add(member, busy.email);
      expect(elsewhere.statusCode).toBe(409);
      expect(elsewhere.json().code).toBe('MEMBER_OF_ANOTHER_ASSOCIATION');

      // Only the association's own members add or list members.
      const newcomer = await createUser(t.app, 'association');
      expect((await add(busy, newcomer.email)).statusCode).toBe(404);
      expect((await add(postier, newcomer.email)).statusCode).toBe(403);
      const list = (user?: TestUser) =>
        t.app.inject({ method: 'GET', url: `/api/v1/associations/${id}/members`, headers: user?.auth ?? {} });
      expect((await list(busy)).statusCode).toBe(404);
      expect((await list(postier)).statusCode).toBe(403);
      expect((await list()).statusCode).toBe(401);
      expect((await list(admin)).statusCode).toBe(200);
    });
  });
});
