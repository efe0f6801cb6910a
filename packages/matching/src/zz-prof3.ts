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
const rows = missions.map((m) => {
  index.rank(m, { now: SYNTHETIC_NOW });
  const ev = index.lastRankStats.evaluated;
  const t = performance.now();
  for (let i = 0; i < 10; i++) index.rank(m, { now: SYNTHETIC_NOW });
  return { m, dt: (performance.now() - t) / 10, ev, st: index.lastRankStats.strategy };
});
rows.sort((a, b) => b.dt - a.dt);
for (const r of rows.slice(0, 8))
  console.log(r.dt.toFixed(2), r.m.mode, r.st, r.ev, ((r.dt * 1e6) / Math.max(1, r.ev)).toFixed(0) + 'ns/ev');
const small = rows.filter((r) => r.ev < 200).slice(0, 5);
for (const r of small) console.log('small', r.dt.toFixed(3), r.m.mode, r.st, r.ev);
const worst = rows[0];
if (worst) {
  const m = worst.m;
  console.log(m.mode, m.latitude, m.longitude, m.departementCode, m.skills, m.startDate, m.endDate);
  const idx = index as unknown as {
    grid: { listsNear: (a: number, b: number, c: number) => { length: number }[] };
  };
  let t = performance.now();
  const lists = idx.grid.listsNear(m.latitude ?? 0, m.longitude ?? 0, 1);
  console.log(
    'listsNear ms',
    performance.now() - t,
    lists.length,
    lists.reduce((a, l) => a + l.length, 0),
  );
  t = performance.now();
  const r = index.rank(m, { now: SYNTHETIC_NOW, topK: 50 });
  console.log('rank ms', performance.now() - t, r.length);
  t = performance.now();
  index.rank({ ...m, skills: [] }, { now: SYNTHETIC_NOW });
  console.log('noskill', performance.now() - t);
}
