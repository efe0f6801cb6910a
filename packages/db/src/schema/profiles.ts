import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { updatedAt } from './helpers';
import { communes, domains, skills } from './reference';
import { businessUnits, users } from './users';

export const postierProfiles = pgTable(
  'postier_profiles',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    businessUnitId: uuid('business_unit_id').references(() => businessUnits.id),
    communeCode: text('commune_code').references(() => communes.code),
    mobilityRadiusKm: integer('mobility_radius_km').notNull().default(20),
    remoteOk: boolean('remote_ok').notNull().default(true),
    availableFrom: date('available_from', { mode: 'string' }),
    availableTo: date('available_to', { mode: 'string' }),
    matchingOptIn: boolean('matching_opt_in').notNull().default(false),
    /** Overrides the business unit's or the default yearly quota when set by HR. */
    yearlyQuotaHours: integer('yearly_quota_hours'),
    lastSolicitedAt: timestamp('last_solicited_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('postier_profiles_commune_idx').on(t.communeCode),
    index('postier_profiles_business_unit_idx').on(t.businessUnitId),
    check('postier_profiles_radius_check', sql`${t.mobilityRadiusKm} between 0 and 500`),
    check(
      'postier_profiles_availability_check',
      sql`${t.availableFrom} is null or ${t.availableTo} is null or ${t.availableFrom} <= ${t.availableTo}`,
    ),
  ],
);

export const postierSkills = pgTable(
  'postier_skills',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    level: integer('level').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.skillCode] }),
    index('postier_skills_skill_idx').on(t.skillCode),
    check('postier_skills_level_check', sql`${t.level} between 1 and 4`),
  ],
);

export const postierDomains = pgTable(
  'postier_domains',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    domainCode: text('domain_code')
      .notNull()
      .references(() => domains.code),
  },
  (t) => [primaryKey({ columns: [t.userId, t.domainCode] })],
);
