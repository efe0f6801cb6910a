/**
 * Demo data for Passerelle: business units, postiers with profiles and skills, labelled and pending
 * associations with their members, published and draft missions, HR users with their scopes.
 *
 * Pure and deterministic: no I/O, no clock, no Math.random. The same inputs give the same rows, ids
 * included, so a demo or a benchmark can be replayed exactly. Each section draws from its own
 * random stream, so asking for more postiers leaves the associations and missions of a seed as they
 * were. Rows are plain objects shaped for drizzle inserts; the big tables (postiers and their skills)
 * share strings and dates between rows to stay small at 230,000 postiers.
 */
import { DEMO_ACCOUNTS } from './accounts';
import {
  type CatalogAssociation,
  deCommune,
  GENERATED_NAME_PATTERNS,
  LABELLED_ASSOCIATIONS,
  PENDING_ASSOCIATIONS,
} from './associations-catalog';
import {
  ASSOCIATION_DESCRIPTIONS,
  MISSION_CONTEXTS,
  MISSION_PRACTICALITIES,
  MISSION_TEMPLATES,
  type MissionTemplate,
} from './mission-templates';
import { FIRST_NAMES, LAST_NAMES, slugify } from './names';
import { Random, WeightedIndex } from './prng';

export { DEMO_ACCOUNTS, DEMO_ADMIN_PASSWORD, DEMO_PASSWORD, type DemoAccount } from './accounts';

/** The thirteen régions of metropolitan France (INSEE codes), where the demo takes place. */
export const METROPOLITAN_REGION_CODES: readonly string[] = [
  '11',
  '24',
  '27',
  '28',
  '32',
  '44',
  '52',
  '53',
  '75',
  '76',
  '84',
  '93',
  '94',
];

// ---------------------------------------------------------------------------------------------
// Inputs: the reference data, structurally typed so tests can pass trimmed-down fixtures.

export interface DemoCommune {
  code: string;
  name: string;
  departementCode: string;
  regionCode: string;
  population: number | null;
  latitude: number;
  longitude: number;
}

export interface DemoGeography {
  regions: readonly { code: string; name: string }[];
  departements: readonly { code: string; name: string; regionCode: string }[];
  communes: readonly DemoCommune[];
}

export interface DemoSkill {
  code: string;
  label: string;
  categoryCode: string;
}

export interface GenerateDemoOptions {
  seed: number;
  /** ISO date (YYYY-MM-DD) the data is built around: mission dates, publication dates, activity. */
  today: string;
  /** Postiers besides the demo postier account. */
  postiers?: number;
  /** Labelled associations. */
  associations?: number;
  /** Associations waiting for the label (besides the labelled ones). */
  pendingAssociations?: number;
  /** Missions in all: about 5 % drafts, the rest published. */
  missions?: number;
  geography: DemoGeography;
  skills: readonly DemoSkill[];
  categories: readonly { code: string; label: string }[];
  domains: readonly { code: string; label: string }[];
}

// ---------------------------------------------------------------------------------------------
// Outputs: one interface per table, assignable to the drizzle insert types.

export type DemoRole = 'postier' | 'association' | 'hr' | 'admin';
export type NotificationFrequency = 'immediate' | 'daily' | 'weekly' | 'never';
export type MissionMode = 'onsite' | 'hybrid' | 'remote';

export interface DemoBusinessUnit {
  id: string;
  code: string;
  name: string;
  legalEntity: string;
  yearlyQuotaHours: number | null;
  createdAt: Date;
}

export interface DemoHourlyCost {
  id: string;
  businessUnitId: string;
  effectiveFrom: string;
  /** numeric(10, 2), as a string: the column's value type. */
  costPerHour: string;
}

/** No password hash here: hashing is slow and impure, the seeder adds it (one hash for all). */
export interface DemoUser {
  id: string;
  email: string;
  role: DemoRole;
  status: 'active';
  firstName: string;
  lastName: string;
  emailVerifiedAt: Date;
  lastActiveAt: Date;
  createdAt: Date;
}

export interface DemoPostierProfile {
  userId: string;
  businessUnitId: string;
  communeCode: string;
  mobilityRadiusKm: number;
  remoteOk: boolean;
  availableFrom: string | null;
  availableTo: string | null;
  matchingOptIn: boolean;
  yearlyQuotaHours: number | null;
  lastSolicitedAt: Date | null;
}

export interface DemoPostierSkill {
  userId: string;
  skillCode: string;
  level: number;
}

export interface DemoUserDomain {
  userId: string;
  domainCode: string;
}

export interface DemoAssociation {
  id: string;
  name: string;
  rna: string | null;
  siret: string | null;
  description: string;
  communeCode: string;
  labelStatus: 'labelled' | 'pending';
  labelDecidedAt: Date | null;
  labelDecidedBy: string | null;
  helpsPeopleInDifficulty: boolean;
  createdBy: string;
  createdAt: Date;
}

export interface DemoAssociationDomain {
  associationId: string;
  domainCode: string;
}

export interface DemoAssociationMember {
  associationId: string;
  userId: string;
  createdAt: Date;
}

export interface DemoMission {
  id: string;
  associationId: string;
  title: string;
  description: string;
  domainCode: string;
  communeCode: string | null;
  mode: MissionMode;
  startDate: string;
  endDate: string;
  hoursTotal: number;
  seats: number;
  status: 'published' | 'draft';
  publishedAt: Date | null;
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface DemoMissionSkill {
  missionId: string;
  skillCode: string;
  level: number;
  required: boolean;
}

export interface DemoHrScope {
  id: string;
  userId: string;
  businessUnitId: string | null;
  regionCode: string | null;
}

export interface DemoNotificationPreference {
  userId: string;
  recommendations: NotificationFrequency;
  activity: NotificationFrequency;
}

export interface DemoSetting {
  key: string;
  value: string;
}

export interface DemoData {
  /** Created only if absent: the api may already have created it from ADMIN_EMAIL. */
  admin: DemoUser;
  businessUnits: DemoBusinessUnit[];
  hourlyCosts: DemoHourlyCost[];
  /** Everyone but the admin: postiers first (the demo postier at index 0), then members, then HR. */
  users: DemoUser[];
  postierProfiles: DemoPostierProfile[];
  postierSkills: DemoPostierSkill[];
  postierDomains: DemoUserDomain[];
  associations: DemoAssociation[];
  associationDomains: DemoAssociationDomain[];
  associationMembers: DemoAssociationMember[];
  missions: DemoMission[];
  missionSkills: DemoMissionSkill[];
  hrScopes: DemoHrScope[];
  notificationPreferences: DemoNotificationPreference[];
  settings: DemoSetting[];
  /** Ids of the well-known demo accounts (see DEMO_ACCOUNTS). */
  accounts: {
    adminId: string;
    postierId: string;
    associationUserId: string;
    associationId: string;
    hrId: string;
  };
}

// ---------------------------------------------------------------------------------------------
// Business units of the Groupe La Poste, with the legal entity their valuation is reported under.

interface BusinessUnitSpec {
  code: string;
  name: string;
  legalEntity: string;
  /** Share of the postiers (relative weight). */
  weight: number;
  /** Hourly cost (gross pay + employer charges) of the current year, in euros. */
  hourlyCost: number;
  yearlyQuotaHours: number | null;
  /** Skill categories its people tend to master, with relative weights. */
  categories: Readonly<Record<string, number>>;
}

const BUSINESS_UNITS: readonly BusinessUnitSpec[] = [
  {
    code: 'bscc',
    name: 'Branche Services-Courrier-Colis',
    legalEntity: 'La Poste SA',
    weight: 44,
    hourlyCost: 34.6,
    yearlyQuotaHours: null,
    categories: {
      'logistique-transport': 6,
      'relation-client': 2,
      'management-strategie': 1,
      'accompagnement-social': 1,
    },
  },
  {
    code: 'reseau',
    name: 'Réseau La Poste',
    legalEntity: 'La Poste SA',
    weight: 18,
    hourlyCost: 36.2,
    yearlyQuotaHours: null,
    categories: {
      'relation-client': 5,
      'inclusion-numerique': 2,
      'accompagnement-social': 2,
      'comptabilite-finance': 1,
    },
  },
  {
    code: 'banque-postale',
    name: 'La Banque Postale',
    legalEntity: 'La Banque Postale SA',
    weight: 12,
    hourlyCost: 52.8,
    yearlyQuotaHours: null,
    categories: { 'comptabilite-finance': 5, 'relation-client': 3, juridique: 1, 'accompagnement-social': 1 },
  },
  {
    code: 'geopost-dpd',
    name: 'Geopost – DPD France',
    legalEntity: 'DPD France SAS',
    weight: 6,
    hourlyCost: 38.9,
    yearlyQuotaHours: 35,
    categories: { 'logistique-transport': 6, 'relation-client': 1, 'management-strategie': 1 },
  },
  {
    code: 'numerique',
    name: 'Branche Grand Public et Numérique – Direction du Numérique',
    legalEntity: 'La Poste SA',
    weight: 3,
    hourlyCost: 55.4,
    yearlyQuotaHours: null,
    categories: { 'informatique-donnees': 6, 'gestion-projet': 2, 'communication-marketing': 1 },
  },
  {
    code: 'support',
    name: 'Direction Support et Services du Groupe',
    legalEntity: 'La Poste SA',
    weight: 6,
    hourlyCost: 47.1,
    yearlyQuotaHours: null,
    categories: {
      'rh-recrutement': 2,
      'comptabilite-finance': 2,
      juridique: 2,
      achats: 2,
      'communication-marketing': 2,
      'gestion-projet': 2,
      'formation-pedagogie': 1,
    },
  },
  {
    code: 'docaposte',
    name: 'Docaposte',
    legalEntity: 'Docaposte SAS',
    weight: 4,
    hourlyCost: 50.3,
    yearlyQuotaHours: null,
    categories: { 'informatique-donnees': 5, 'gestion-projet': 2, 'relation-client': 1 },
  },
  {
    code: 'poste-immo',
    name: 'Poste Immo',
    legalEntity: 'Poste Immo SA',
    weight: 1,
    hourlyCost: 49.7,
    yearlyQuotaHours: null,
    categories: {
      'immobilier-services-generaux': 5,
      'energie-environnement': 2,
      'gestion-projet': 1,
      juridique: 1,
    },
  },
  {
    code: 'viapost',
    name: 'Viapost',
    legalEntity: 'Viapost SAS',
    weight: 3,
    hourlyCost: 33.8,
    yearlyQuotaHours: null,
    categories: { 'logistique-transport': 5, 'management-strategie': 1, achats: 1 },
  },
  {
    code: 'siege',
    name: 'Siège du Groupe La Poste',
    legalEntity: 'La Poste SA',
    weight: 3,
    hourlyCost: 61.5,
    yearlyQuotaHours: null,
    categories: {
      'management-strategie': 3,
      'communication-marketing': 2,
      'gestion-projet': 2,
      'rh-recrutement': 1,
      juridique: 1,
    },
  },
];

/** Business units that get an HR user of their own, besides the regional HR users. */
const HR_BUSINESS_UNITS: readonly string[] = ['banque-postale', 'geopost-dpd', 'numerique'];

/** The demo postier's skills, chosen to match the demo association's missions. */
const DEMO_POSTIER_SKILLS: readonly [string, number][] = [
  ['accompagnement-numerique', 3],
  ['animation-ateliers-numeriques', 3],
  ['demarches-en-ligne', 2],
  ['accueil-public', 4],
  ['tableur', 3],
  ['education-budgetaire', 2],
];
const DEMO_POSTIER_DOMAINS: readonly string[] = [
  'inclusion-numerique',
  'mediation-sociale',
  'inclusion-bancaire',
];

const SKILL_COUNT = { values: [3, 4, 5, 6, 7, 8], weights: [15, 22, 22, 18, 13, 10] } as const;
const LEVEL = { values: [1, 2, 3, 4], weights: [12, 38, 36, 14] } as const;
const RADIUS = { values: [5, 10, 15, 20, 30, 40, 50, 80], weights: [8, 20, 14, 20, 14, 10, 8, 6] } as const;
const MODE = { values: ['onsite', 'hybrid', 'remote'] as const, weights: [55, 25, 20] } as const;
const SEATS = { values: [1, 2, 3, 4], weights: [50, 25, 15, 10] } as const;
const FREQUENCIES = ['immediate', 'daily', 'weekly', 'never'] as const;

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

// ---------------------------------------------------------------------------------------------
// Small helpers.

function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`index ${index} out of range (${items.length})`);
  return item;
}

/** Luhn check digit that makes `digits + check` valid (SIREN, SIRET). */
function luhnCheckDigit(digits: string): number {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    // Positions counted from the right once the check digit is appended: even ones are doubled.
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

function randomDigits(random: Random, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(random.int(0, 9));
  return out;
}

/** A SIRET whose SIREN and whole 14 digits both pass Luhn, as INSEE's do. */
function makeSiret(random: Random): string {
  // Associations' SIREN mostly start with 3, 4, 5, 7 or 8; 356000000 (La Poste) has its own rule.
  let body = String(random.pick([3, 4, 5, 7, 8])) + randomDigits(random, 7);
  if (body.startsWith('35600000')) body = `34${body.slice(2)}`;
  const siren = body + String(luhnCheckDigit(body));
  // Establishment number: 000 + a small sequence, then the digit that makes the SIRET valid.
  const nic = `000${random.int(1, 4)}`;
  return siren + nic + String(luhnCheckDigit(siren + nic));
}

/** RNA: W + the prefecture's 2-digit code (Corsica files under 20) + 7 digits. */
function makeRna(random: Random, departement: string): string {
  const prefix = /^\d\d$/.test(departement) ? departement : '20';
  return `W${prefix}${randomDigits(random, 7)}`;
}

function normalizeName(name: string): string {
  return slugify(name);
}

/** Distances between communes, good enough to pick "near the association". */
function distanceKm(a: DemoCommune, b: DemoCommune): number {
  const toRad = Math.PI / 180;
  const x = (b.longitude - a.longitude) * toRad * Math.cos(((a.latitude + b.latitude) / 2) * toRad);
  const y = (b.latitude - a.latitude) * toRad;
  return Math.sqrt(x * x + y * y) * 6371;
}

/** Shares Date and date-string objects between rows: 230,000 profiles reuse a few thousand. */
class Clock {
  private readonly midnight: number;
  private readonly hours = new Map<number, Date>();
  private readonly days = new Map<number, string>();

  constructor(today: string) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(today))
      throw new Error(`today must be an ISO date (YYYY-MM-DD), got ${today}`);
    const midnight = Date.parse(`${today}T00:00:00Z`);
    if (Number.isNaN(midnight)) throw new Error(`invalid date: ${today}`);
    this.midnight = midnight;
  }

  /** The instant `offset` hours from today's midnight UTC (negative: in the past). */
  hour(offset: number): Date {
    let date = this.hours.get(offset);
    if (!date) {
      date = new Date(this.midnight + offset * HOUR_MS);
      this.hours.set(offset, date);
    }
    return date;
  }

  /** The ISO date `offset` days from today. */
  day(offset: number): string {
    let day = this.days.get(offset);
    if (!day) {
      day = new Date(this.midnight + offset * DAY_MS).toISOString().slice(0, 10);
      this.days.set(offset, day);
    }
    return day;
  }

  get year(): number {
    return new Date(this.midnight).getUTCFullYear();
  }
}

// ---------------------------------------------------------------------------------------------

interface ResolvedAssociation {
  spec: CatalogAssociation;
  commune: DemoCommune;
  labelled: boolean;
}

/** Indexes over the reference data, built once per run. */
class Reference {
  readonly metroCommunes: DemoCommune[];
  readonly communeByCode = new Map<string, DemoCommune>();
  private readonly byName = new Map<string, DemoCommune>();
  private readonly byDepartement = new Map<string, DemoCommune[]>();
  readonly populationIndex: WeightedIndex;
  readonly skillCodes: Set<string>;
  readonly skillsByCategory = new Map<string, DemoSkill[]>();
  readonly domainCodes: string[];
  readonly regionName = new Map<string, string>();

  constructor(options: GenerateDemoOptions) {
    const metro = new Set(METROPOLITAN_REGION_CODES);
    this.metroCommunes = options.geography.communes.filter((c) => metro.has(c.regionCode));
    if (this.metroCommunes.length === 0)
      throw new Error('the geography has no commune in metropolitan France');
    for (const c of options.geography.communes) this.communeByCode.set(c.code, c);
    for (const c of this.metroCommunes) {
      this.byName.set(`${c.departementCode}|${normalizeName(c.name)}`, c);
      const list = this.byDepartement.get(c.departementCode);
      if (list) list.push(c);
      else this.byDepartement.set(c.departementCode, [c]);
    }
    this.populationIndex = new WeightedIndex(this.metroCommunes.map((c) => c.population ?? 0));
    this.skillCodes = new Set(options.skills.map((s) => s.code));
    if (options.skills.length === 0) throw new Error('the skills taxonomy is empty');
    for (const s of options.skills) {
      const list = this.skillsByCategory.get(s.categoryCode);
      if (list) list.push(s);
      else this.skillsByCategory.set(s.categoryCode, [s]);
    }
    this.domainCodes = options.domains.map((d) => d.code);
    if (this.domainCodes.length === 0) throw new Error('no domain of action');
    for (const r of options.geography.regions) this.regionName.set(r.code, r.name);
  }

  /** The commune of that name in that département, or the département's largest one. */
  commune(name: string, departement: string, random: Random): DemoCommune {
    const exact = this.byName.get(`${departement}|${normalizeName(name)}`);
    if (exact) return exact;
    const list = this.byDepartement.get(departement);
    if (list && list.length > 0) {
      return list.reduce((best, c) => ((c.population ?? 0) > (best.population ?? 0) ? c : best));
    }
    return this.randomCommune(random);
  }

  randomCommune(random: Random): DemoCommune {
    return at(this.metroCommunes, this.populationIndex.draw(random));
  }

  /** A commune within `radiusKm` of `origin` in the same département, weighted by population. */
  nearbyCommune(origin: DemoCommune, radiusKm: number, random: Random): DemoCommune {
    const candidates = (this.byDepartement.get(origin.departementCode) ?? []).filter(
      (c) => distanceKm(origin, c) <= radiusKm,
    );
    if (candidates.length === 0) return origin;
    // Square root: towns still win, but villages get their share of missions.
    const weights = candidates.map((c) => Math.sqrt(c.population ?? 1));
    return at(candidates, new WeightedIndex(weights).draw(random));
  }

  hasDomain(code: string): boolean {
    return this.domainCodes.includes(code);
  }
}

// ---------------------------------------------------------------------------------------------

export function generateDemoData(options: GenerateDemoOptions): DemoData {
  const postierCount = Math.max(0, Math.floor(options.postiers ?? 5000));
  const labelledCount = Math.max(1, Math.floor(options.associations ?? 48));
  const pendingCount = Math.max(0, Math.floor(options.pendingAssociations ?? 4));
  const missionCount = Math.max(1, Math.floor(options.missions ?? 320));
  const clock = new Clock(options.today);
  const ref = new Reference(options);
  const seed = options.seed;

  // --- Admin, business units, hourly costs, settings ------------------------------------------
  const core = new Random(seed, 'core');
  const admin: DemoUser = {
    id: core.uuid(),
    email: DEMO_ACCOUNTS.admin.email,
    role: 'admin',
    status: 'active',
    firstName: 'Équipe',
    lastName: 'Alliance Dynamique',
    emailVerifiedAt: clock.hour(-24 * 400),
    lastActiveAt: clock.hour(-2),
    createdAt: clock.hour(-24 * 400),
  };
  const businessUnits: DemoBusinessUnit[] = BUSINESS_UNITS.map((bu) => ({
    id: core.uuid(),
    code: bu.code,
    name: bu.name,
    legalEntity: bu.legalEntity,
    yearlyQuotaHours: bu.yearlyQuotaHours,
    createdAt: clock.hour(-24 * 400),
  }));
  const hourlyCosts: DemoHourlyCost[] = [];
  businessUnits.forEach((bu, i) => {
    const cost = at(BUSINESS_UNITS, i).hourlyCost;
    // Last year's rate and this year's (after the yearly pay rise), so reports over both years work.
    hourlyCosts.push(
      {
        id: core.uuid(),
        businessUnitId: bu.id,
        effectiveFrom: `${clock.year - 1}-01-01`,
        costPerHour: (cost / 1.025).toFixed(2),
      },
      {
        id: core.uuid(),
        businessUnitId: bu.id,
        effectiveFrom: `${clock.year}-01-01`,
        costPerHour: cost.toFixed(2),
      },
    );
  });
  const settings: DemoSetting[] = [
    { key: 'default_yearly_quota_hours', value: '70' },
    { key: 'monthly_solicitation_cap', value: '4' },
  ];

  const users: DemoUser[] = [];
  const notificationPreferences: DemoNotificationPreference[] = [];

  // --- Postiers --------------------------------------------------------------------------------
  const postierProfiles: DemoPostierProfile[] = [];
  const postierSkills: DemoPostierSkill[] = [];
  const postierDomains: DemoUserDomain[] = [];
  const people = new Random(seed, 'postiers');
  const firstSlugs = FIRST_NAMES.map(slugify);
  const lastSlugs = LAST_NAMES.map(slugify);
  const buIndex = new WeightedIndex(BUSINESS_UNITS.map((b) => b.weight));
  const categoryCodes = [...ref.skillsByCategory.keys()];
  // Per business unit: its favourite categories, with a little weight on every other one
  // (a facteur can be a fine accountant, or speak Arabic).
  const buCategoryIndex = BUSINESS_UNITS.map(
    (bu) => new WeightedIndex(categoryCodes.map((c) => bu.categories[c] ?? 0.25)),
  );
  const allSkills = options.skills;

  const demoCommune = ref.communeByCode.get('75056') ?? ref.commune('Paris', '75', people);
  const demoPostierId = people.uuid();
  const reseau = businessUnits.find((b) => b.code === 'reseau') ?? at(businessUnits, 0);
  users.push({
    id: demoPostierId,
    email: DEMO_ACCOUNTS.postier.email,
    role: 'postier',
    status: 'active',
    firstName: 'Camille',
    lastName: 'Martin',
    emailVerifiedAt: clock.hour(-24 * 200),
    lastActiveAt: clock.hour(-3),
    createdAt: clock.hour(-24 * 200),
  });
  postierProfiles.push({
    userId: demoPostierId,
    businessUnitId: reseau.id,
    communeCode: demoCommune.code,
    mobilityRadiusKm: 20,
    remoteOk: true,
    availableFrom: clock.day(0),
    availableTo: clock.day(365),
    matchingOptIn: true,
    yearlyQuotaHours: null,
    lastSolicitedAt: null,
  });
  for (const [code, level] of DEMO_POSTIER_SKILLS) {
    if (ref.skillCodes.has(code)) postierSkills.push({ userId: demoPostierId, skillCode: code, level });
  }
  for (const code of DEMO_POSTIER_DOMAINS) {
    if (ref.hasDomain(code)) postierDomains.push({ userId: demoPostierId, domainCode: code });
  }
  notificationPreferences.push({ userId: demoPostierId, recommendations: 'weekly', activity: 'immediate' });

  // Reused scratch arrays: the loop runs 230,000 times in benchmarks.
  const chosenSkills: string[] = [];
  const chosenDomains: string[] = [];
  for (let n = 1; n <= postierCount; n++) {
    const id = people.uuid();
    const first = people.int(0, FIRST_NAMES.length - 1);
    const last = people.int(0, LAST_NAMES.length - 1);
    const createdHour = -people.int(24, 24 * 720);
    users.push({
      id,
      email: `${firstSlugs[first]}.${lastSlugs[last]}${n}@laposte.fr`,
      role: 'postier',
      status: 'active',
      firstName: at(FIRST_NAMES, first),
      lastName: at(LAST_NAMES, last),
      emailVerifiedAt: clock.hour(createdHour),
      // Active within the last month, so no inactivity reminder fires on a fresh demo.
      lastActiveAt: clock.hour(-people.int(1, 24 * 30)),
      createdAt: clock.hour(createdHour),
    });

    const bu = buIndex.draw(people);
    const commune = ref.randomCommune(people);
    let availableFrom: string | null = null;
    let availableTo: string | null = null;
    const window = people.float();
    if (window < 0.45) {
      // Available now, for a while.
      availableFrom = clock.day(-people.int(0, 60));
      availableTo = clock.day(people.int(60, 365));
    } else if (window < 0.75) {
      // Available later (after a busy season), for a few months.
      const from = people.int(0, 90);
      availableFrom = clock.day(from);
      availableTo = clock.day(from + people.int(30, 180));
    } // else: no window given, available whenever.
    postierProfiles.push({
      userId: id,
      businessUnitId: at(businessUnits, bu).id,
      communeCode: commune.code,
      mobilityRadiusKm: people.weighted(RADIUS.values, RADIUS.weights),
      remoteOk: people.chance(0.6),
      availableFrom,
      availableTo,
      matchingOptIn: people.chance(0.75),
      yearlyQuotaHours: people.chance(0.02) ? people.pick([35, 100]) : null,
      lastSolicitedAt: people.chance(0.3) ? clock.hour(-people.int(1, 24 * 60)) : null,
    });

    // Skills: one or two categories (the first from the business unit's trades), mostly skills
    // of those, sometimes one from anywhere.
    const primary = at(categoryCodes, at(buCategoryIndex, bu).draw(people));
    const secondary = people.chance(0.5) ? people.pick(categoryCodes) : primary;
    const count = people.weighted(SKILL_COUNT.values, SKILL_COUNT.weights);
    chosenSkills.length = 0;
    for (let attempt = 0; chosenSkills.length < count && attempt < count * 4; attempt++) {
      const roll = people.float();
      const pool =
        roll < 0.8 ? (ref.skillsByCategory.get(roll < 0.55 ? primary : secondary) ?? allSkills) : allSkills;
      const code = people.pick(pool).code;
      if (!chosenSkills.includes(code)) chosenSkills.push(code);
    }
    for (const code of chosenSkills) {
      postierSkills.push({
        userId: id,
        skillCode: code,
        level: people.weighted(LEVEL.values, LEVEL.weights),
      });
    }

    const domainCount = Math.min(ref.domainCodes.length, people.weighted([1, 2, 3], [35, 40, 25]));
    chosenDomains.length = 0;
    while (chosenDomains.length < domainCount) {
      const code = people.pick(ref.domainCodes);
      if (!chosenDomains.includes(code)) chosenDomains.push(code);
    }
    for (const domainCode of chosenDomains) postierDomains.push({ userId: id, domainCode });

    notificationPreferences.push({
      userId: id,
      recommendations: people.weighted(FREQUENCIES, [10, 15, 55, 20]),
      activity: people.weighted(FREQUENCIES, [80, 15, 5, 0]),
    });
  }

  // --- Associations and their members ---------------------------------------------------------
  const assoc = new Random(seed, 'associations');
  const resolved: ResolvedAssociation[] = [];
  const specs: { spec: CatalogAssociation; labelled: boolean }[] = [];
  for (let i = 0; i < labelledCount; i++) {
    const spec = LABELLED_ASSOCIATIONS[i];
    specs.push({ spec: spec ?? generatedAssociation(assoc, ref, i), labelled: true });
  }
  for (let i = 0; i < pendingCount; i++) {
    const spec = PENDING_ASSOCIATIONS[i];
    specs.push({ spec: spec ?? generatedAssociation(assoc, ref, labelledCount + i), labelled: false });
  }
  for (const { spec, labelled } of specs) {
    resolved.push({ spec, commune: ref.commune(spec.commune, spec.departement, assoc), labelled });
  }

  const associations: DemoAssociation[] = [];
  const associationDomains: DemoAssociationDomain[] = [];
  const associationMembers: DemoAssociationMember[] = [];
  /** First member of each association: the one who writes its missions. */
  const authors: string[] = [];
  const slugs = new Set<string>();
  const rnas = new Set<string>();
  const sirets = new Set<string>();
  for (const { spec, commune, labelled } of resolved) {
    const id = assoc.uuid();
    let slug = slugify(spec.name);
    for (let k = 2; slugs.has(slug); k++) slug = `${slugify(spec.name)}-${k}`;
    slugs.add(slug);

    // Most associations have both identifiers; some only their RNA (no SIRET without paid staff
    // or subsidies), a few only a SIRET (older associations of Alsace-Moselle, or not yet looked up).
    const kind = assoc.float();
    let rna: string | null = null;
    let siret: string | null = null;
    if (kind < 0.85) {
      do rna = makeRna(assoc, commune.departementCode);
      while (rnas.has(rna));
      rnas.add(rna);
    }
    if (kind >= 0.6) {
      do siret = makeSiret(assoc);
      while (sirets.has(siret));
      sirets.add(siret);
    }

    const domains = spec.domains.filter((d) => ref.hasDomain(d));
    if (domains.length === 0) domains.push(assoc.pick(ref.domainCodes));
    const main = at(domains, 0);
    const secondary = domains[1];
    let description = (ASSOCIATION_DESCRIPTIONS[main] ?? '{name} agit à {commune} pour l’intérêt général.')
      .replace('{name}', spec.name)
      .replace('{commune}', commune.name);
    if (secondary) {
      const label = options.domains.find((d) => d.code === secondary)?.label;
      if (label) description += ` Elle agit aussi dans le domaine « ${label} » de l’Alliance Dynamique.`;
    }
    description += labelled
      ? ' Association labellisée Alliance Dynamique, elle accueille des postiers en mécénat de compétences.'
      : ' Elle a demandé le label Alliance Dynamique pour accueillir des postiers en mécénat de compétences.';

    const createdHour = labelled ? -assoc.int(24 * 60, 24 * 720) : -assoc.int(24, 24 * 14);
    const decidedHour = labelled ? Math.min(-24, createdHour + assoc.int(24 * 3, 24 * 45)) : 0;

    const contact: DemoUser = memberUser(assoc, clock, `contact@${slug}.asso.fr`, createdHour);
    const memberIds = [contact.id];
    users.push(contact);
    if (assoc.chance(0.35)) {
      const first = assoc.int(0, FIRST_NAMES.length - 1);
      const last = assoc.int(0, LAST_NAMES.length - 1);
      const second = memberUser(
        assoc,
        clock,
        `${firstSlugs[first]}.${lastSlugs[last]}@${slug}.asso.fr`,
        createdHour + assoc.int(24, 24 * 30),
        at(FIRST_NAMES, first),
        at(LAST_NAMES, last),
      );
      users.push(second);
      memberIds.push(second.id);
    }
    for (const userId of memberIds) {
      associationMembers.push({ associationId: id, userId, createdAt: clock.hour(createdHour) });
      notificationPreferences.push({
        userId,
        recommendations: 'never',
        activity: assoc.pick(['immediate', 'immediate', 'daily'] as const),
      });
    }
    authors.push(contact.id);

    associations.push({
      id,
      name: spec.name,
      rna,
      siret,
      description,
      communeCode: commune.code,
      labelStatus: labelled ? 'labelled' : 'pending',
      labelDecidedAt: labelled ? clock.hour(decidedHour) : null,
      labelDecidedBy: labelled ? admin.id : null,
      helpsPeopleInDifficulty: spec.helpsPeopleInDifficulty,
      createdBy: contact.id,
      createdAt: clock.hour(createdHour),
    });
    for (const domainCode of domains) associationDomains.push({ associationId: id, domainCode });
  }

  // --- Missions --------------------------------------------------------------------------------
  const mis = new Random(seed, 'missions');
  const draftCount = Math.min(missionCount - 1, Math.max(1, Math.round(missionCount / 20)));
  const publishedCount = missionCount - draftCount;
  const labelledIdx = resolved.flatMap((r, i) => (r.labelled ? [i] : []));
  const pendingIdx = resolved.flatMap((r, i) => (r.labelled ? [] : [i]));

  // Published missions: two per labelled association when there are enough (so every région
  // is covered), the rest spread by a random "activity" weight, the demo association among the busiest.
  const publishedOwners: number[] = [];
  const base = Math.min(2, Math.floor(publishedCount / labelledIdx.length));
  for (const i of labelledIdx) for (let k = 0; k < base; k++) publishedOwners.push(i);
  const activity = new WeightedIndex(labelledIdx.map((i) => (i === 0 ? 6 : 0.5 + mis.float() * 2)));
  while (publishedOwners.length < publishedCount) {
    publishedOwners.push(
      publishedOwners.length < labelledIdx.length
        ? at(labelledIdx, publishedOwners.length)
        : at(labelledIdx, activity.draw(mis)),
    );
  }
  // Drafts: one per pending association, one for the demo association (to publish in a demo), the rest random.
  const draftOwners: number[] = [];
  for (const i of pendingIdx) if (draftOwners.length < draftCount) draftOwners.push(i);
  if (draftOwners.length < draftCount) draftOwners.push(0);
  while (draftOwners.length < draftCount) draftOwners.push(at(labelledIdx, activity.draw(mis)));

  const missions: DemoMission[] = [];
  const missionSkills: DemoMissionSkill[] = [];
  const perAssociation = new Map<number, number>();
  const owners = [
    ...publishedOwners.map((o) => ({ owner: o, published: true })),
    ...draftOwners.map((o) => ({ owner: o, published: false })),
  ];
  for (const { owner, published } of owners) {
    const nth = perAssociation.get(owner) ?? 0;
    perAssociation.set(owner, nth + 1);
    const { spec, commune: home } = at(resolved, owner);
    const association = at(associations, owner);
    const domains = associationDomains
      .filter((d) => d.associationId === association.id)
      .map((d) => d.domainCode);
    // The demo association's first missions are its flagship ones: on site in Paris, in its main
    // domain, starting soon, so the demo postier finds them at the top of the recommendations.
    const flagship = owner === 0 && published && nth < 2;
    const domainCode = flagship || mis.chance(0.55) ? at(domains, 0) : mis.pick(domains);
    const templates = MISSION_TEMPLATES[domainCode] ?? at(Object.values(MISSION_TEMPLATES), 0);
    const template: MissionTemplate = flagship ? at(templates, nth % templates.length) : mis.pick(templates);
    const mode: MissionMode = flagship ? 'onsite' : mis.weighted(MODE.values, MODE.weights);
    const commune =
      mode === 'remote' ? null : flagship || mis.chance(0.55) ? home : ref.nearbyCommune(home, 25, mis);

    const title =
      commune && commune !== home && mis.chance(0.3) ? `${template.title} à ${commune.name}` : template.title;
    const lieu = commune ? ` à ${commune.name}` : '';
    const sentences = [
      mis
        .pick(MISSION_CONTEXTS[domainCode] ?? ['{asso} recherche l’appui d’un postier{lieu}.'])
        .replace('{asso}', spec.name)
        .replace('{lieu}', lieu),
      template.task,
      template.profile,
    ];
    if (mis.chance(0.7)) sentences.push(mis.pick(MISSION_PRACTICALITIES[mode]));
    // Two to four sentences: the context sometimes goes, the task and the profile always stay.
    if (sentences.length === 4 && mis.chance(0.2)) sentences.shift();

    let start: number;
    let weeks = mis.int(2, 26);
    if (flagship) start = mis.int(3, 21);
    else if (published) start = mis.int(-30, 90);
    else start = mis.int(14, 120);
    // A published mission past its end would be closed by the scheduled job: keep it running.
    if (published && start + weeks * 7 - 1 < 0) weeks = Math.ceil((1 - start) / 7) + mis.int(1, 4);
    const end = start + weeks * 7 - 1;
    const hoursTotal = Math.max(8, Math.min(mis.int(8, 120), weeks * 10));

    const publishedHour = published ? -mis.int(1, 24 * 30) : null;
    const createdHour = (publishedHour ?? -mis.int(1, 24 * 20)) - mis.int(0, 24 * 5);
    const author = at(authors, owner);
    const id = mis.uuid();
    missions.push({
      id,
      associationId: association.id,
      title,
      description: sentences.join(' '),
      domainCode,
      communeCode: commune?.code ?? null,
      mode,
      startDate: clock.day(start),
      endDate: clock.day(end),
      hoursTotal,
      seats: mis.weighted(SEATS.values, SEATS.weights),
      status: published ? 'published' : 'draft',
      publishedAt: publishedHour === null ? null : clock.hour(publishedHour),
      createdBy: author,
      createdAt: clock.hour(createdHour),
      updatedAt: clock.hour(publishedHour ?? createdHour),
    });

    for (const skill of missionSkillsFor(template, ref, mis, options.skills)) {
      missionSkills.push({ missionId: id, ...skill });
    }
  }

  // --- HR users --------------------------------------------------------------------------------
  const hr = new Random(seed, 'hr');
  const hrScopes: DemoHrScope[] = [];
  let demoHrId = '';
  for (const regionCode of METROPOLITAN_REGION_CODES) {
    const name = ref.regionName.get(regionCode);
    if (!name) continue;
    const user = hrUser(hr, clock, `rh.${slugify(name)}@laposte.fr`);
    users.push(user);
    hrScopes.push({ id: hr.uuid(), userId: user.id, businessUnitId: null, regionCode });
    notificationPreferences.push({ userId: user.id, recommendations: 'never', activity: 'daily' });
    if (user.email === DEMO_ACCOUNTS.hr.email) demoHrId = user.id;
  }
  for (const code of HR_BUSINESS_UNITS) {
    const bu = businessUnits.find((b) => b.code === code);
    if (!bu) continue;
    const user = hrUser(hr, clock, `rh.${code}@laposte.fr`);
    users.push(user);
    hrScopes.push({ id: hr.uuid(), userId: user.id, businessUnitId: bu.id, regionCode: null });
    notificationPreferences.push({ userId: user.id, recommendations: 'never', activity: 'daily' });
  }
  if (!demoHrId)
    throw new Error('the geography has no Île-de-France région (code 11) for the demo HR account');

  return {
    admin,
    businessUnits,
    hourlyCosts,
    users,
    postierProfiles,
    postierSkills,
    postierDomains,
    associations,
    associationDomains,
    associationMembers,
    missions,
    missionSkills,
    hrScopes,
    notificationPreferences,
    settings,
    accounts: {
      adminId: admin.id,
      postierId: demoPostierId,
      associationUserId: at(authors, 0),
      associationId: at(associations, 0).id,
      hrId: demoHrId,
    },
  };
}

// ---------------------------------------------------------------------------------------------

function memberUser(
  random: Random,
  clock: Clock,
  email: string,
  createdHour: number,
  firstName = random.pick(FIRST_NAMES),
  lastName = random.pick(LAST_NAMES),
): DemoUser {
  return {
    id: random.uuid(),
    email,
    role: 'association',
    status: 'active',
    firstName,
    lastName,
    emailVerifiedAt: clock.hour(createdHour),
    lastActiveAt: clock.hour(-random.int(1, 24 * 14)),
    createdAt: clock.hour(createdHour),
  };
}

function hrUser(random: Random, clock: Clock, email: string): DemoUser {
  const createdHour = -random.int(24 * 90, 24 * 400);
  return {
    id: random.uuid(),
    email,
    role: 'hr',
    status: 'active',
    firstName: random.pick(FIRST_NAMES),
    lastName: random.pick(LAST_NAMES),
    emailVerifiedAt: clock.hour(createdHour),
    lastActiveAt: clock.hour(-random.int(1, 24 * 7)),
    createdAt: clock.hour(createdHour),
  };
}

/** An association beyond the catalogue: a pattern of its main domain in a populous commune. */
function generatedAssociation(random: Random, ref: Reference, index: number): CatalogAssociation {
  // Régions in turn, so coverage stays even however many are asked for.
  const regionCode = at(METROPOLITAN_REGION_CODES, index % METROPOLITAN_REGION_CODES.length);
  let commune = ref.randomCommune(random);
  for (let attempt = 0; attempt < 50 && commune.regionCode !== regionCode; attempt++)
    commune = ref.randomCommune(random);
  const known = ref.domainCodes.filter((d) => GENERATED_NAME_PATTERNS[d]);
  const main = random.pick(known.length > 0 ? known : ref.domainCodes);
  const other = random.pick(ref.domainCodes);
  const pattern = random.pick(GENERATED_NAME_PATTERNS[main] ?? ['Association solidaire {de}']);
  return {
    name: pattern.replace('{de}', deCommune(commune.name)),
    commune: commune.name,
    departement: commune.departementCode,
    domains: other === main ? [main] : [main, other],
    helpsPeopleInDifficulty: random.chance(0.6),
  };
}

/** Two to five skills from the template (first one required, the second often), with levels. */
function missionSkillsFor(
  template: MissionTemplate,
  ref: Reference,
  random: Random,
  taxonomy: readonly DemoSkill[],
): { skillCode: string; level: number; required: boolean }[] {
  const codes: string[] = [];
  for (const entry of template.skills) {
    const code = entry.includes('|') ? random.pick(entry.split('|')) : entry;
    if (ref.skillCodes.has(code) && !codes.includes(code)) codes.push(code);
  }
  // A taxonomy that lost the template's skills still gets a mission with skills.
  while (codes.length < 2) {
    const code = random.pick(taxonomy).code;
    if (!codes.includes(code)) codes.push(code);
  }
  const count = Math.min(codes.length, random.int(2, 5));
  const requiredCount = random.chance(0.5) ? 2 : 1;
  return codes.slice(0, count).map((skillCode, i) => ({
    skillCode,
    level: random.weighted(LEVEL.values, LEVEL.weights),
    required: i < requiredCount,
  }));
}
