import { schema } from '@passerelle/db';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decideLabel } from '../src/features/admin/service';
import { createUser, randomRna, type TestUser } from './factories';
import { buildTestApp, type TestApp } from './helpers';

describe('admin: association labels and audit log', () => {
  let t: TestApp;
  let admin: TestUser;
  beforeAll(async () => {
    t = await buildTestApp();
    admin = await createUser(t.app, 'admin', { firstName: 'Alix', lastName: 'Correspondante' });
  });
  afterAll(() => t.close());

  async function pendingAssociation(name = 'Atelier Vélo Solidaire', communeCode = '42218') {
    const member = await createUser(t.app, 'association');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/associations',
      headers: member.auth,
      payload: {
        name,
        rna: randomRna(),
        description: 'Réparation de vélos',
        communeCode,
        domains: ['economie-circulaire'],
      },
    });
    expect(res.statusCode).toBe(201);
    return { member, id: res.json().id as string };
  }

  /** As the admin unless told otherwise; `null` for an anonymous call. */
  const label = (id: string, payload: Record<string, unknown>, user: TestUser | null = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/admin/associations/${id}/label`,
      headers: user?.auth ?? {},
      payload,
    });

  const events = (associationId: string) =>
    t.database.db
      .select({ eventType: schema.outbox.eventType, payload: schema.outbox.payload })
      .from(schema.outbox)
      .where(sql`${schema.outbox.payload}->>'associationId' = ${associationId}`)
      .orderBy(schema.outbox.id);

  const auditRows = (associationId: string) =>
    t.database.db
      .select()
      .from(schema.auditLog)
      .where(and(eq(schema.auditLog.entityType, 'association'), eq(schema.auditLog.entityId, associationId)));

  const statusOf = async (id: string) =>
    (await t.database.db.select().from(schema.associations).where(eq(schema.associations.id, id)))[0]
      ?.labelStatus;

  it('is for admins only', async () => {
    const { id, member } = await pendingAssociation();
    const postier = await createUser(t.app, 'postier');
    for (const user of [postier, member]) {
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/admin/associations', headers: user.auth }))
          .statusCode,
      ).toBe(403);
      expect((await label(id, { decision: 'labelled' }, user)).statusCode).toBe(403);
      expect(
        (await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit-log', headers: user.auth }))
          .statusCode,
      ).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/associations' })).statusCode).toBe(401);
    expect((await label(id, { decision: 'labelled' }, null)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/admin/audit-log' })).statusCode).toBe(401);
    expect(await statusOf(id)).toBe('pending');
  });

  it('labels a pending association: audit entry, outbox event, and the public can see it', async () => {
    const { id, member } = await pendingAssociation();
    const res = await label(id, { decision: 'labelled' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, labelStatus: 'labelled', labelReason: null, memberCount: 1 });
    expect(res.json().labelDecidedAt).toEqual(expect.any(String));

    expect(await events(id)).toEqual([
      { eventType: 'association.created', payload: { associationId: id } },
      { eventType: 'association.labelled', payload: { associationId: id } },
    ]);
    const audit = await auditRows(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorUserId: admin.id,
      action: 'association.label',
      details: { from: 'pending', to: 'labelled', reason: null },
    });
    const [row] = await t.database.db
      .select()
      .from(schema.associations)
      .where(eq(schema.associations.id, id));
    expect(row?.labelDecidedBy).toBe(admin.id);

    expect((await t.app.inject({ method: 'GET', url: `/api/v1/associations/${id}` })).statusCode).toBe(200);
    const own = await t.app.inject({
      method: 'GET',
      url: `/api/v1/associations/${id}`,
      headers: member.auth,
    });
    expect(own.json().labelStatus).toBe('labelled');
  });

  it('follows the label state machine: suspend with a reason, re-label, never undo a rejection (409)', async () => {
    const { id } = await pendingAssociation();
    // Only a pending association can be labelled or rejected for the first time.
    const suspendPending = await label(id, { decision: 'suspended', reason: 'Signalements' });
    expect(suspendPending.statusCode).toBe(409);
    expect(suspendPending.json().code).toBe('LABEL_TRANSITION_NOT_ALLOWED');

    expect((await label(id, { decision: 'labelled' })).statusCode).toBe(200);
    const twice = await label(id, { decision: 'labelled' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('LABEL_TRANSITION_NOT_ALLOWED');
    expect((await label(id, { decision: 'rejected', reason: 'Trop tard' })).statusCode).toBe(409);

    const noReason = await label(id, { decision: 'suspended' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json()).toMatchObject({ code: 'REASON_REQUIRED', errors: [{ field: 'body.reason' }] });
    expect((await label(id, { decision: 'suspended', reason: '   ' })).statusCode).toBe(422);
    expect(await statusOf(id)).toBe('labelled');

    const suspended = await label(id, { decision: 'suspended', reason: 'Statuts à mettre à jour' });
    expect(suspended.statusCode).toBe(200);
    expect(suspended.json()).toMatchObject({
      labelStatus: 'suspended',
      labelReason: 'Statuts à mettre à jour',
    });
    // Suspended: hidden from the public again.
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/associations/${id}` })).statusCode).toBe(404);

    const relabelled = await label(id, { decision: 'labelled' });
    expect(relabelled.json()).toMatchObject({ labelStatus: 'labelled', labelReason: null });

    expect((await events(id)).map((e) => e.eventType)).toEqual([
      'association.created',
      'association.labelled',
      'association.suspended',
      'association.labelled',
    ]);
    expect((await auditRows(id)).map((a) => a.details)).toEqual(
      expect.arrayContaining([
        { from: 'pending', to: 'labelled', reason: null },
        { from: 'labelled', to: 'suspended', reason: 'Statuts à mettre à jour' },
        { from: 'suspended', to: 'labelled', reason: null },
      ]),
    );

    const { id: rejectedId } = await pendingAssociation();
    expect((await label(rejectedId, { decision: 'rejected' })).json().errors[0].field).toBe('body.reason');
    const rejected = await label(rejectedId, { decision: 'rejected', reason: 'Hors du champ de l’ESS' });
    expect(rejected.json()).toMatchObject({ labelStatus: 'rejected', labelReason: 'Hors du champ de l’ESS' });
    expect((await events(rejectedId)).map((e) => e.eventType)).toContain('association.rejected');
    const undo = await label(rejectedId, { decision: 'labelled' });
    expect(undo.statusCode).toBe(409);
    expect(undo.json().code).toBe('LABEL_TRANSITION_NOT_ALLOWED');
  });

  it('answers 404 for an unknown association and 400 for an unknown decision', async () => {
    expect((await label('00000000-0000-4000-8000-000000000000', { decision: 'labelled' })).statusCode).toBe(
      404,
    );
    const { id } = await pendingAssociation();
    const bad = await label(id, { decision: 'approved' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('body.decision');
  });

  it('writes the decision, its audit entry and its event in one transaction', async () => {
    const { id } = await pendingAssociation();
    await expect(
      t.database.db.transaction(async (tx) => {
        await decideLabel(tx, admin.id, id, { decision: 'labelled' });
        expect(
          (await tx.select().from(schema.associations).where(eq(schema.associations.id, id)))[0]?.labelStatus,
        ).toBe('labelled');
        throw new Error('crash after the write');
      }),
    ).rejects.toThrow('crash after the write');
    expect(await statusOf(id)).toBe('pending');
    expect(await auditRows(id)).toEqual([]);
    expect((await events(id)).map((e) => e.eventType)).toEqual(['association.created']);

    // The outbox insert itself fails: the label is not granted either.
    await t.database.db.execute(sql`
      create or replace function refuse_label_event() returns trigger language plpgsql as $$
      begin
        if new.event_type = 'association.labelled' then raise exception 'outbox unavailable'; end if;
        return new;
      end $$`);
    await t.database.db.execute(
      sql`create trigger refuse_label_event before insert on outbox for each row execute function refuse_label_event()`,
    );
    try {
      expect((await label(id, { decision: 'labelled' })).statusCode).toBe(500);
    } finally {
      await t.database.db.execute(sql`drop trigger refuse_label_event on outbox`);
    }
    expect(await statusOf(id)).toBe('pending');
    expect(await auditRows(id)).toEqual([]);
    expect((await label(id, { decision: 'labelled' })).statusCode).toBe(200);
  });

  it('lists associations by status, oldest first, paginated, optionally by région', async () => {
    // A fresh database per file, but other tests of this file registered associations too.
    const created: string[] = [];
    for (const name of ['Première', 'Deuxième', 'Troisième'])
      created.push((await pendingAssociation(name, '69123')).id);
    const list = (query: string) =>
      t.app.inject({ method: 'GET', url: `/api/v1/admin/associations${query}`, headers: admin.auth });

    const all = await list('?status=pending&limit=100');
    expect(all.statusCode).toBe(200);
    const ids = all.json().items.map((a: { id: string }) => a.id);
    expect(ids.filter((id: string) => created.includes(id))).toEqual(created);
    expect(all.json().items.every((a: { labelStatus: string }) => a.labelStatus === 'pending')).toBe(true);
    expect(all.json().total).toBe(ids.length);

    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await list(`?status=pending&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.json().items.length).toBeLessThanOrEqual(2);
      seen.push(...page.json().items.map((a: { id: string }) => a.id));
      cursor = page.json().nextCursor;
    }
    expect(seen).toEqual(ids);

    // Lyon is in Auvergne-Rhône-Alpes (84), not in Île-de-France (11).
    const ara = await list('?region=84&limit=100');
    expect(ara.json().items.map((a: { id: string }) => a.id)).toEqual(expect.arrayContaining(created));
    expect((await list('?region=11')).json()).toEqual({ items: [], nextCursor: null, total: 0 });

    await label(created[0] ?? '', { decision: 'labelled' });
    const labelled = await list('?status=labelled&limit=100');
    expect(labelled.json().items.map((a: { id: string }) => a.id)).toContain(created[0]);
    expect(labelled.json().items[0]).toMatchObject({ labelStatus: 'labelled', memberCount: 1 });
    expect((await list('?status=archived')).statusCode).toBe(400);
  });

  it('shows the audit log, newest first, filtered by entity', async () => {
    const { id } = await pendingAssociation();
    await label(id, { decision: 'labelled' });
    await label(id, { decision: 'suspended', reason: 'Plainte' });
    const res = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/audit-log?entityType=association&entityId=${id}&limit=1`,
      headers: admin.auth,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 2,
      items: [
        {
          actorUserId: admin.id,
          actorName: 'Alix Correspondante',
          action: 'association.label',
          entityType: 'association',
          entityId: id,
          details: { from: 'labelled', to: 'suspended', reason: 'Plainte' },
        },
      ],
    });
    const next = await t.app.inject({
      method: 'GET',
      url: `/api/v1/admin/audit-log?entityType=association&entityId=${id}&limit=1&cursor=${res.json().nextCursor}`,
      headers: admin.auth,
    });
    expect(next.json().items[0].details).toEqual({ from: 'pending', to: 'labelled', reason: null });
    expect(next.json().nextCursor).toBeNull();

    const everything = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/audit-log',
      headers: admin.auth,
    });
    expect(everything.json().total).toBeGreaterThanOrEqual(2);
    const times = everything.json().items.map((i: { createdAt: string }) => i.createdAt);
    expect(times).toEqual([...times].sort().reverse());
  });
});
