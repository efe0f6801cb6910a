import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { type Commune, haversineKm, loadGeography } from './geo';

const nodeRequire = createRequire(import.meta.url);

/** Bounding boxes of each territory, generous by a few kilometres. */
const BOXES: Record<string, { minLat: number; maxLat: number; minLon: number; maxLon: number }> = {
  metro: { minLat: 41.3, maxLat: 51.15, minLon: -5.2, maxLon: 9.6 },
  '971': { minLat: 15.8, maxLat: 16.55, minLon: -61.85, maxLon: -60.95 },
  '972': { minLat: 14.35, maxLat: 14.9, minLon: -61.25, maxLon: -60.8 },
  '973': { minLat: 2.1, maxLat: 5.8, minLon: -54.65, maxLon: -51.6 },
  '974': { minLat: -21.4, maxLat: -20.85, minLon: 55.2, maxLon: 55.85 },
  '976': { minLat: -13.05, maxLat: -12.6, minLon: 44.95, maxLon: 45.35 },
};

function boxOf(c: Commune) {
  const box = BOXES[c.departementCode] ?? BOXES.metro;
  if (!box) throw new Error('missing box');
  return box;
}

describe('loadGeography', () => {
  const geo = loadGeography();
  const byCode = new Map(geo.communes.map((c) => [c.code, c]));

  it('has the 18 régions and 101 départements, without collectivités d’outre-mer', () => {
    expect(geo.regions).toHaveLength(18);
    expect(geo.departements).toHaveLength(101);
    const regionCodes = new Set(geo.regions.map((r) => r.code));
    for (const d of geo.departements) expect(regionCodes.has(d.regionCode)).toBe(true);
    expect(geo.departements.map((d) => d.code)).toEqual(
      expect.arrayContaining(['01', '2A', '2B', '75', '971', '976']),
    );
  });

  it('has every current commune outside the collectivités d’outre-mer, once', () => {
    const raw = nodeRequire('@etalab/decoupage-administratif/data/communes.json') as {
      type: string;
      zone: string;
    }[];
    const expected = raw.filter((c) => c.type === 'commune-actuelle' && c.zone !== 'com').length;
    expect(geo.communes).toHaveLength(expected);
    expect(byCode.size).toBe(expected);
    const departementCodes = new Set(geo.departements.map((d) => d.code));
    expect(geo.communes.filter((c) => !departementCodes.has(c.departementCode))).toEqual([]);
  });

  it('places Paris, Lyon and Marseille from GeoNames', () => {
    const paris = byCode.get('75056');
    const lyon = byCode.get('69123');
    const marseille = byCode.get('13055');
    if (!paris || !lyon || !marseille) throw new Error('missing city');
    for (const c of [paris, lyon, marseille]) expect(c.coordinatesSource).toBe('geonames');
    // Reference points: Notre-Dame de Paris, place Bellecour, Vieux-Port.
    expect(haversineKm(paris.latitude, paris.longitude, 48.853, 2.3499)).toBeLessThan(5);
    expect(haversineKm(lyon.latitude, lyon.longitude, 45.7578, 4.832)).toBeLessThan(5);
    expect(haversineKm(marseille.latitude, marseille.longitude, 43.2951, 5.3745)).toBeLessThan(5);
    expect(
      haversineKm(paris.latitude, paris.longitude, marseille.latitude, marseille.longitude),
    ).toBeGreaterThan(630);
    expect(
      haversineKm(paris.latitude, paris.longitude, marseille.latitude, marseille.longitude),
    ).toBeLessThan(690);
    expect(paris.postalCodes).toContain('75015');
    expect(paris.population).toBeGreaterThan(2_000_000);
  });

  it('fixes GeoNames entries filed under another commune’s code', () => {
    // GeoNames files Tassin-la-Demi-Lune under Lyon's INSEE code.
    const tassin = byCode.get('69244');
    expect(tassin?.coordinatesSource).toBe('geonames');
    const lyon = byCode.get('69123');
    if (!tassin || !lyon) throw new Error('missing commune');
    expect(haversineKm(tassin.latitude, tassin.longitude, lyon.latitude, lyon.longitude)).toBeLessThan(10);
  });

  it('gives every commune finite coordinates inside its territory', () => {
    // One assertion over the list of offenders: 35,000 expect() calls would take a second.
    const outside = geo.communes.filter((c) => {
      const box = boxOf(c);
      return !(
        Number.isFinite(c.latitude) &&
        Number.isFinite(c.longitude) &&
        c.latitude >= box.minLat &&
        c.latitude <= box.maxLat &&
        c.longitude >= box.minLon &&
        c.longitude <= box.maxLon
      );
    });
    expect(outside.map((c) => `${c.code} ${c.name} ${c.latitude},${c.longitude}`)).toEqual([]);
  });

  it('takes most coordinates from GeoNames and says where the others come from', () => {
    const counts = new Map<string, number>();
    for (const c of geo.communes) counts.set(c.coordinatesSource, (counts.get(c.coordinatesSource) ?? 0) + 1);
    expect(counts.get('geonames') ?? 0).toBeGreaterThanOrEqual(8_000);
    expect(
      [...counts.keys()].every((s) => ['geonames', 'epci', 'arrondissement', 'departement'].includes(s)),
    ).toBe(true);
    // A borrowed position comes from a commune of the same EPCI when there is one.
    const epciBorrowed = geo.communes.find((c) => c.coordinatesSource === 'epci');
    expect(epciBorrowed?.epciCode).toBeTruthy();
  });

  it('is fast once loaded and hands out copies of the arrays', () => {
    const start = performance.now();
    const again = loadGeography();
    expect(performance.now() - start).toBeLessThan(50);
    expect(again.communes).not.toBe(geo.communes);
    expect(again.communes[0]).toBe(geo.communes[0]);
  });
});

describe('haversineKm', () => {
  it('is zero for one point and symmetric', () => {
    expect(haversineKm(48.85, 2.35, 48.85, 2.35)).toBe(0);
    expect(haversineKm(48.85, 2.35, 43.3, 5.37)).toBeCloseTo(haversineKm(43.3, 5.37, 48.85, 2.35), 9);
  });

  it('matches a known distance', () => {
    // One degree of latitude is about 111.2 km.
    expect(haversineKm(45, 3, 46, 3)).toBeCloseTo(111.2, 0);
  });
});
