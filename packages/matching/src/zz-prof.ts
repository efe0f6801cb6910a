import { performance } from 'node:perf_hooks';
import { MatchingIndex } from './index';
import {
  generateCandidates,
  generateMissions,
  SYNTHETIC_NOW,
  syntheticCommunes,
  syntheticTaxonomy,
} from './synthetic';

const taxonomy = syntheticTaxonomy(180, 14);
const communes = syntheticCommunes(3000, 1);
const profiles = generateCandidates(230000, 2, { communes, taxonomy });
const missions = generateMissions(200, 3, { communes, taxonomy, candidateIds: profiles.map((p) => p.id) });
const index = new MatchingIndex(taxonomy, profiles);
const w = communes.map((c) => c.weight).sort((a, b) => b - a);
const tot = w.reduce((a, b) => a + b, 0);
console.log('top commune share', (w[0] ?? 0) / tot, 'top10', w.slice(0, 10).reduce((a, b) => a + b, 0) / tot);
const cnt = new Map<string, number>();
for (const p of profiles) for (const s of p.skills) cnt.set(s.code, (cnt.get(s.code) ?? 0) + 1);
const c = [...cnt.values()].sort((a, b) => b - a);
console.log('posting sizes top5', c.slice(0, 5), 'median', c[90]);
for (const m of missions) index.rank(m, { now: SYNTHETIC_NOW });
const rows = missions.map((m) => {
  const t = performance.now();
  for (let i = 0; i < 3; i++) index.rank(m, { now: SYNTHETIC_NOW });
  const dt = (performance.now() - t) / 3;
  return { dt, mode: m.mode, k: m.skills.length, stats: (index as unknown as { stats: unknown }).stats };
});
rows.sort((a, b) => b.dt - a.dt);
for (const r of rows.slice(0, 15)) console.log(r.dt.toFixed(2), r.mode, r.k, JSON.stringify(r.stats));
