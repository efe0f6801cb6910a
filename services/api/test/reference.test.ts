import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers';

interface CommuneItem {
  code: string;
  name: string;
  departementCode: string;
  postalCodes: string[];
  population: number | null;
}

describe('reference data', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp();
  });
  afterAll(() => t.close());

  const get = (url: string) => t.app.inject({ method: 'GET', url: `/api/v1${url}` });
  const communes = async (query: string): Promise<CommuneItem[]> => {
    const res = await get(`/geo/communes?${query}`);
    expect(res.statusCode).toBe(200);
    return res.json().items;
  };

  it('lists skills with their category and source, filtered by unaccented label and category', async () => {
    const all = await get('/skills');
    expect(all.statusCode).toBe(200);
    expect(all.headers['cache-control']).toBe('public, max-age=3600');
    const items = all.json().items;
    expect(items.length).toBeGreaterThan(100);
    expect(items).toContainEqual({
      code: 'gestion-entrepot',
      label: "Gestion d'entrepôt et exploitation logistique",
      categoryCode: 'logistique-transport',
      categoryLabel: 'Logistique et transport',
      source: 'ROME4',
      sourceRef: 'N1303',
    });

    // "entrepot" without its accent, upper case: still found.
    const byLabel = (await get('/skills?q=ENTREPOT')).json().items;
    expect(byLabel.map((s: { code: string }) => s.code)).toContain('gestion-entrepot');
    expect(byLabel.every((s: { label: string }) => /entrep[oô]t/i.test(s.label))).toBe(true);

    const byCategory = (await get('/skills?category=logistique-transport')).json().items;
    expect(byCategory.length).toBeGreaterThan(0);
    expect(byCategory.every((s: { categoryCode: string }) => s.categoryCode === 'logistique-transport')).toBe(
      true,
    );

    // LIKE's wildcards are literal characters, not "anything".
    expect((await get('/skills?q=%25')).json().items).toEqual([]);
  });

  it('lists skill categories with counts, domains and business units', async () => {
    const categories = (await get('/skill-categories')).json().items;
    expect(categories).toContainEqual(
      expect.objectContaining({ code: 'logistique-transport', label: 'Logistique et transport' }),
    );
    expect(categories.every((c: { skillCount: number }) => c.skillCount > 0)).toBe(true);

    const domains = await get('/domains');
    expect(domains.statusCode).toBe(200);
    expect(domains.headers['cache-control']).toBe('public, max-age=3600');
    expect(domains.json().items).toHaveLength(12);
    expect(domains.json().items).toContainEqual(expect.objectContaining({ code: 'inclusion-numerique' }));

    expect((await get('/business-units')).statusCode).toBe(200);
  });

  it('lists régions and the départements of one région', async () => {
    const regions = (await get('/geo/regions')).json().items;
    expect(regions).toContainEqual({ code: '84', name: 'Auvergne-Rhône-Alpes' });
    expect(regions).toContainEqual({ code: '11', name: 'Île-de-France' });

    const ara = (await get('/geo/departements?region=84')).json().items;
    expect(ara.map((d: { code: string }) => d.code)).toEqual(expect.arrayContaining(['01', '42', '69']));
    expect(ara.every((d: { regionCode: string }) => d.regionCode === '84')).toBe(true);
    expect((await get('/geo/departements')).json().items.length).toBeGreaterThanOrEqual(101);

    const bad = await get('/geo/departements?region=abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toMatch(/^query(string)?\.region$/);
    // A refusal is not cached.
    expect(bad.headers['cache-control']).toBeUndefined();
  });

  it('autocompletes communes by name, accent-, case- and hyphen-insensitively, most populous first', async () => {
    const saintEtienne = await communes('q=saint%20etienne');
    expect(saintEtienne[0]).toMatchObject({ code: '42218', name: 'Saint-Étienne', departementCode: '42' });
    expect(saintEtienne.length).toBe(10);
    expect(saintEtienne.every((c) => c.name.startsWith('Saint-Étienne'))).toBe(true);

    // "St" stands for Saint, as on road signs; accents and case are ignored.
    expect((await communes('q=ST-ETIENNE'))[0]?.code).toBe('42218');
    expect((await communes('q=Saint-%C3%89tienne'))[0]?.code).toBe('42218');

    // Parentheses in INSEE names do not get in the way.
    expect((await communes('q=chateau%20chinon%20v'))[0]?.name).toBe('Château-Chinon (Ville)');

    const lyon = await communes('q=lyon&limit=3');
    expect(lyon[0]).toMatchObject({ code: '69123', name: 'Lyon' });

    const populations = saintEtienne.slice(1).map((c) => c.population ?? 0);
    expect(populations).toEqual([...populations].sort((a, b) => b - a));
  });

  it('autocompletes communes by postal code or INSEE code prefix when the query is digits', async () => {
    const found = await communes('q=690&limit=50');
    // Lyon's arrondissements have the postal codes 69001 to 69009; 690xx are INSEE codes of the Rhône.
    expect(found[0]).toMatchObject({ code: '69123', name: 'Lyon' });
    expect(found[0]?.postalCodes).toEqual(expect.arrayContaining(['69001', '69009']));
    expect(
      found.slice(1).every((c) => c.code.startsWith('690') || c.postalCodes.some((p) => p.startsWith('690'))),
    ).toBe(true);
    expect(found.length).toBeGreaterThan(10);

    const byPostalCode = await communes('q=42000');
    expect(byPostalCode.map((c) => c.code)).toContain('42218');

    const corsica = await communes('q=2a004');
    expect(corsica[0]?.code).toBe('2A004');
  });

  it('filters communes by département, bounds the limit and needs a filter', async () => {
    const loire = await communes('departement=42&limit=50');
    expect(loire).toHaveLength(50);
    expect(loire.every((c) => c.departementCode === '42')).toBe(true);
    expect(loire[0]?.code).toBe('42218');

    expect((await communes('q=saint&departement=69')).every((c) => c.departementCode === '69')).toBe(true);

    const tooMany = await get('/geo/communes?q=a&limit=51');
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors[0].field).toMatch(/^query(string)?\.limit$/);
    const noFilter = await get('/geo/communes');
    expect(noFilter.statusCode).toBe(400);
    expect(noFilter.json().errors[0].field).toMatch(/^query(string)?\.q$/);
    const unknownField = await get('/geo/communes?q=lyon&sort=name');
    expect(unknownField.statusCode).toBe(400);
  });

  it('documents the routes in the OpenAPI document', async () => {
    const res = await get('/openapi.json');
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const path of [
      '/api/v1/skills',
      '/api/v1/geo/communes',
      '/api/v1/geo/communes/{code}',
      '/api/v1/me',
      '/api/v1/associations/{id}/missions',
      '/api/v1/admin/associations/{id}/label',
      '/api/v1/admin/audit-log',
    ]) {
      expect(paths).toContain(path);
    }
  });

  it('returns one commune by INSEE code, 404 for an unknown one', async () => {
    const res = await get('/geo/communes/42218');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.json()).toMatchObject({
      code: '42218',
      name: 'Saint-Étienne',
      departementCode: '42',
      departementName: 'Loire',
      regionCode: '84',
      regionName: 'Auvergne-Rhône-Alpes',
      coordinatesSource: 'geonames',
    });
    expect(res.json().latitude).toBeCloseTo(45.43, 1);

    const missing = await get('/geo/communes/99999');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.headers['cache-control']).toBeUndefined();
    expect((await get('/geo/communes/lyon')).statusCode).toBe(400);
  });
});
