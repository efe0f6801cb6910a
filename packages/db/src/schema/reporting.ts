import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users';

/**
 * Rollup of validated hours for the HR reports, maintained by database triggers in the same
 * transaction as every change that moves a figure (a time entry validated or un-validated, an
 * hourly cost set, a postier's business unit or commune changed, an association's "people in
 * difficulty" flag): see `refresh_validated_hours(uuid[])` in migration 0003. One row per postier,
 * year and month (month 0 = the whole year), attributed to the postier's current business unit and
 * région; `raw` is hours × the business unit's rate in force each day, before the 3 × PASS cap
 * (applied when reading, from the month-0 rows). Rebuild everything with
 * `select refresh_validated_hours(null)` (after a bulk load made with triggers disabled).
 */
export const validatedHoursPostiers = pgTable(
  'validated_hours_postiers',
  {
    postierId: uuid('postier_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    year: integer('year').notNull(),
    month: smallint('month').notNull(),
    hasProfile: boolean('has_profile').notNull(),
    businessUnitId: uuid('business_unit_id'),
    regionCode: text('region_code'),
    hours: numeric('hours').notNull(),
    raw: numeric('raw').notNull(),
    rawDifficulty: numeric('raw_difficulty').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.postierId, t.year, t.month] }),
    index('validated_hours_postiers_year_raw_idx').on(t.year, t.raw).where(sql`${t.month} = 0`),
  ],
);

/**
 * The same figures summed per (year, month, business unit, région): a postier is in exactly one
 * cell, so the postier counts add up across cells, and HR scopes (business unit and/or région) are
 * a filter on the cell keys. Kept by adding and subtracting each postier's rows.
 */
export const validatedHoursCells = pgTable(
  'validated_hours_cells',
  {
    year: integer('year').notNull(),
    month: smallint('month').notNull(),
    hasProfile: boolean('has_profile').notNull(),
    businessUnitId: uuid('business_unit_id'),
    regionCode: text('region_code'),
    hours: numeric('hours').notNull(),
    postiers: integer('postiers').notNull(),
    raw: numeric('raw').notNull(),
    rawDifficulty: numeric('raw_difficulty').notNull(),
  },
  (t) => [
    unique('validated_hours_cells_key')
      .on(t.year, t.month, t.hasProfile, t.businessUnitId, t.regionCode)
      .nullsNotDistinct(),
  ],
);
