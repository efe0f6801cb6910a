import { sql } from 'drizzle-orm';
import { check, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { inList } from './helpers';

export const regions = pgTable('regions', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
});

export const departements = pgTable(
  'departements',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
  },
  (t) => [index('departements_region_idx').on(t.regionCode)],
);

export const communes = pgTable(
  'communes',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    departementCode: text('departement_code')
      .notNull()
      .references(() => departements.code),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    epciCode: text('epci_code'),
    population: integer('population'),
    postalCodes: text('postal_codes').array().notNull().default(sql`'{}'::text[]`),
    latitude: doublePrecision('latitude').notNull(),
    longitude: doublePrecision('longitude').notNull(),
    /** Where the coordinates come from: GeoNames directly, or borrowed from a neighbour. */
    coordinatesSource: text('coordinates_source').notNull(),
  },
  (t) => [
    index('communes_departement_idx').on(t.departementCode),
    check(
      'communes_coordinates_source_check',
      sql`${t.coordinatesSource} in (${inList(['geonames', 'epci', 'arrondissement', 'departement'])})`,
    ),
  ],
);

export const skillCategories = pgTable('skill_categories', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
});

export const skills = pgTable(
  'skills',
  {
    code: text('code').primaryKey(),
    label: text('label').notNull(),
    categoryCode: text('category_code')
      .notNull()
      .references(() => skillCategories.code),
    /** ROME4 (macro-compétence) or ESCO (skill URI). */
    source: text('source').notNull(),
    sourceRef: text('source_ref').notNull(),
  },
  (t) => [
    index('skills_category_idx').on(t.categoryCode),
    check('skills_source_check', sql`${t.source} in ('ROME4', 'ESCO')`),
  ],
);

export const domains = pgTable('domains', {
  code: text('code').primaryKey(),
  label: text('label').notNull(),
  description: text('description').notNull(),
});
