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
for (const m of missions) index.rank(m, { now: SYNTHETIC_NOW });
const rows = missions
  .map((m) => {
    let best = 1e9;
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      index.rank(m, { now: SYNTHETIC_NOW });
      best = Math.min(best, performance.now() - t);
    }
    return { m, dt: best, st: { ...index.lastRankStats } };
  })
  .sort((a, b) => b.dt - a.dt);
const q = (p: number) => rows[Math.floor((1 - p) * rows.length)]?.dt.toFixed(2);
console.log('min-of-7 p50', q(0.5), 'p90', q(0.9), 'p99', q(0.99));
for (const r of rows.slice(0, 14))
  console.log(r.dt.toFixed(2), r.m.mode, r.m.skills.length, JSON.stringify(r.st));
