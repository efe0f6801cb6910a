import { NOTIFICATION_FREQUENCIES, ROLES, TOKEN_PURPOSES, USER_STATUSES } from '@passerelle/domain';
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, id, inList, updatedAt } from './helpers';
import { regions } from './reference';

export const businessUnits = pgTable('business_units', {
  id: id(),
  code: text('code').notNull().unique(),
  name: text('name').notNull(),
  /** Legal entity the valuation is reported under (La Poste SA, La Banque Postale, …). */
  legalEntity: text('legal_entity').notNull(),
  /** Overrides the default yearly quota of mécénat hours when set. */
  yearlyQuotaHours: integer('yearly_quota_hours'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: id(),
    email: text('email').notNull(),
    passwordHash: text('password_hash'),
    role: text('role').notNull(),
    status: text('status').notNull().default('active'),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    lastActiveAt: timestamp('last_active_at', { withTimezone: true }).notNull().defaultNow(),
    inactivityRemindersSent: integer('inactivity_reminders_sent').notNull().default(0),
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // Emails compare case-insensitively; erased accounts keep a placeholder unique address.
    uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`),
    check('users_role_check', sql`${t.role} in (${inList(ROLES)})`),
    check('users_status_check', sql`${t.status} in (${inList(USER_STATUSES)})`),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** All tokens rotated from one login share a family; reuse of a rotated one revokes it whole. */
    familyId: uuid('family_id').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    rotatedAt: timestamp('rotated_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('refresh_tokens_family_idx').on(t.familyId), index('refresh_tokens_user_idx').on(t.userId)],
);

/** Single-use tokens sent by email (verification, password reset, HR invitation, unsubscribe). */
export const emailTokens = pgTable(
  'email_tokens',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_tokens_user_idx').on(t.userId),
    check('email_tokens_purpose_check', sql`${t.purpose} in (${inList(TOKEN_PURPOSES)})`),
  ],
);

export const hrScopes = pgTable(
  'hr_scopes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    businessUnitId: uuid('business_unit_id').references(() => businessUnits.id),
    regionCode: text('region_code').references(() => regions.code),
    createdAt: createdAt(),
  },
  (t) => [
    index('hr_scopes_user_idx').on(t.userId),
    check('hr_scopes_not_empty_check', sql`${t.businessUnitId} is not null or ${t.regionCode} is not null`),
  ],
);

export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    userId: uuid('user_id')
      .primaryKey()
      .references(() => users.id, { onDelete: 'cascade' }),
    recommendations: text('recommendations').notNull().default('weekly'),
    /** Everything else (applications, decisions, hours): transactional, but can be batched. */
    activity: text('activity').notNull().default('immediate'),
    lastDigestAt: timestamp('last_digest_at', { withTimezone: true }),
    updatedAt: updatedAt(),
  },
  (t) => [
    check(
      'notification_preferences_recommendations_check',
      sql`${t.recommendations} in (${inList(NOTIFICATION_FREQUENCIES)})`,
    ),
    check(
      'notification_preferences_activity_check',
      sql`${t.activity} in (${inList(NOTIFICATION_FREQUENCIES)})`,
    ),
  ],
);

/** Settings set by admins, one row per key (default yearly quota, solicitation cap, …). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: updatedAt(),
});

/** Hourly cost (gross pay + employer charges), effective-dated, per business unit. */
export const hourlyCosts = pgTable(
  'hourly_costs',
  {
    id: id(),
    businessUnitId: uuid('business_unit_id')
      .notNull()
      .references(() => businessUnits.id),
    effectiveFrom: date('effective_from', { mode: 'string' }).notNull(),
    costPerHour: numeric('cost_per_hour', { precision: 10, scale: 2 }).notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('hourly_costs_unit_from_idx').on(t.businessUnitId, t.effectiveFrom),
    check('hourly_costs_positive_check', sql`${t.costPerHour} > 0`),
  ],
);
