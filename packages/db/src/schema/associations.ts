import { LABEL_STATUSES } from '@passerelle/domain';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, inList, updatedAt } from './helpers';
import { communes, domains } from './reference';
import { users } from './users';

export const associations = pgTable(
  'associations',
  {
    id: id(),
    name: text('name').notNull(),
    rna: text('rna'),
    siret: text('siret'),
    description: text('description').notNull().default(''),
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    labelStatus: text('label_status').notNull().default('pending'),
    labelReason: text('label_reason'),
    labelDecidedAt: timestamp('label_decided_at', { withTimezone: true }),
    labelDecidedBy: uuid('label_decided_by').references(() => users.id),
    /** Associations helping people in difficulty keep the 60 % tax reduction above 2 M€. */
    helpsPeopleInDifficulty: boolean('helps_people_in_difficulty').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('associations_rna_idx').on(t.rna),
    uniqueIndex('associations_siret_idx').on(t.siret),
    index('associations_label_status_idx').on(t.labelStatus),
    check('associations_identifier_check', sql`${t.rna} is not null or ${t.siret} is not null`),
    check('associations_rna_format_check', sql`${t.rna} is null or ${t.rna} ~ '^W[0-9]{9}$'`),
    check('associations_siret_format_check', sql`${t.siret} is null or ${t.siret} ~ '^[0-9]{14}$'`),
    check('associations_label_status_check', sql`${t.labelStatus} in (${inList(LABEL_STATUSES)})`),
  ],
);

export const associationDomains = pgTable(
  'association_domains',
  {
    associationId: uuid('association_id')
      .notNull()
      .references(() => associations.id, { onDelete: 'cascade' }),
    domainCode: text('domain_code')
      .notNull()
      .references(() => domains.code),
  },
  (t) => [primaryKey({ columns: [t.associationId, t.domainCode] })],
);

/** A member belongs to exactly one association. */
export const associationMembers = pgTable(
  'association_members',
  {
    associationId: uuid('association_id')
      .notNull()
      .references(() => associations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.associationId, t.userId] }),
    uniqueIndex('association_members_user_idx').on(t.userId),
  ],
);
