import {
  APPLICATION_STATUSES,
  HR_STATUSES,
  MISSION_MODES,
  MISSION_STATUSES,
  TIME_ENTRY_STATUSES,
} from '@passerelle/domain';
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { associations } from './associations';
import { createdAt, id, inList, updatedAt } from './helpers';
import { communes, domains, skills } from './reference';
import { users } from './users';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

export const missions = pgTable(
  'missions',
  {
    id: id(),
    associationId: uuid('association_id')
      .notNull()
      .references(() => associations.id),
    title: text('title').notNull(),
    description: text('description').notNull(),
    domainCode: text('domain_code')
      .notNull()
      .references(() => domains.code),
    communeCode: text('commune_code').references(() => communes.code),
    mode: text('mode').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    /** Hours asked of each participant over the whole mission. */
    hoursTotal: integer('hours_total').notNull(),
    seats: integer('seats').notNull().default(1),
    status: text('status').notNull().default('draft'),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    /** Maintained by a trigger (French configuration with unaccent): see the search migration. */
    searchVector: tsvector('search_vector'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('missions_association_idx').on(t.associationId),
    index('missions_status_published_idx').on(t.status, t.publishedAt, t.id),
    index('missions_commune_idx').on(t.communeCode),
    index('missions_search_idx').using('gin', t.searchVector),
    check('missions_mode_check', sql`${t.mode} in (${inList(MISSION_MODES)})`),
    check('missions_status_check', sql`${t.status} in (${inList(MISSION_STATUSES)})`),
    check('missions_dates_check', sql`${t.startDate} <= ${t.endDate}`),
    check('missions_hours_check', sql`${t.hoursTotal} between 1 and 2000`),
    check('missions_seats_check', sql`${t.seats} between 1 and 500`),
    check('missions_location_check', sql`${t.mode} = 'remote' or ${t.communeCode} is not null`),
  ],
);

export const missionSkills = pgTable(
  'mission_skills',
  {
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id, { onDelete: 'cascade' }),
    skillCode: text('skill_code')
      .notNull()
      .references(() => skills.code),
    level: integer('level').notNull(),
    required: boolean('required').notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.missionId, t.skillCode] }),
    index('mission_skills_skill_idx').on(t.skillCode),
    check('mission_skills_level_check', sql`${t.level} between 1 and 4`),
  ],
);

export const applications = pgTable(
  'applications',
  {
    id: id(),
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id),
    postierId: uuid('postier_id')
      .notNull()
      .references(() => users.id),
    motivation: text('motivation').notNull(),
    status: text('status').notNull().default('submitted'),
    decisionReason: text('decision_reason'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    decidedBy: uuid('decided_by').references(() => users.id),
    /** Set to pending when the association accepts: work time needs HR's approval. */
    hrStatus: text('hr_status'),
    hrComment: text('hr_comment'),
    hrDecidedAt: timestamp('hr_decided_at', { withTimezone: true }),
    hrDecidedBy: uuid('hr_decided_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('applications_mission_postier_idx').on(t.missionId, t.postierId),
    index('applications_postier_idx').on(t.postierId),
    index('applications_hr_status_idx').on(t.hrStatus),
    check('applications_status_check', sql`${t.status} in (${inList(APPLICATION_STATUSES)})`),
    check(
      'applications_hr_status_check',
      sql`${t.hrStatus} is null or ${t.hrStatus} in (${inList(HR_STATUSES)})`,
    ),
  ],
);

export const timeEntries = pgTable(
  'time_entries',
  {
    id: id(),
    applicationId: uuid('application_id')
      .notNull()
      .references(() => applications.id),
    date: date('date', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 4, scale: 2 }).notNull(),
    note: text('note').notNull().default(''),
    status: text('status').notNull().default('submitted'),
    rejectionReason: text('rejection_reason'),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    validatedAt: timestamp('validated_at', { withTimezone: true }),
    validatedBy: uuid('validated_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('time_entries_application_idx').on(t.applicationId),
    index('time_entries_status_date_idx').on(t.status, t.date),
    check('time_entries_status_check', sql`${t.status} in (${inList(TIME_ENTRY_STATUSES)})`),
    check('time_entries_hours_check', sql`${t.hours} > 0 and ${t.hours} <= 10`),
  ],
);

/** Top candidates per mission, as ranked by the matcher. */
export const matches = pgTable(
  'matches',
  {
    missionId: uuid('mission_id')
      .notNull()
      .references(() => missions.id, { onDelete: 'cascade' }),
    postierId: uuid('postier_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    score: numeric('score', { precision: 5, scale: 4, mode: 'number' }).notNull(),
    reasons: jsonb('reasons').notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
    invitedAt: timestamp('invited_at', { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.missionId, t.postierId] }),
    index('matches_postier_idx').on(t.postierId, t.score),
    check('matches_score_check', sql`${t.score} between 0 and 1`),
  ],
);

/** Every email-worthy contact with a postier about a mission, to cap solicitations per month. */
export const solicitations = pgTable(
  'solicitations',
  {
    id: id(),
    postierId: uuid('postier_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    missionId: uuid('mission_id').references(() => missions.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('solicitations_postier_idx').on(t.postierId, t.createdAt),
    uniqueIndex('solicitations_unique_idx').on(t.postierId, t.missionId, t.kind),
  ],
);
