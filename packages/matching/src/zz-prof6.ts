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
    const t = performance.now();
    for (let i = 0; i < 5; i++) index.rank(m, { now: SYNTHETIC_NOW });
    return { m, dt: (performance.now() - t) / 5, st: { ...index.lastRankStats } };
  })
  .sort((a, b) => b.dt - a.dt);
const pick = rows.filter((r) => r.st.evaluated < 3000).slice(0, 3);
const { Session } = await import('node:inspector/promises');
const s = new Session();
s.connect();
await s.post('Profiler.enable');
await s.post('Profiler.setSamplingInterval', { interval: 50 });
await s.post('Profiler.start');
for (const r of pick) {
  const t = performance.now();
  for (let i = 0; i < 50; i++) index.rank(r.m, { now: SYNTHETIC_NOW });
  console.log(
    ((performance.now() - t) / 50).toFixed(2),
    r.m.mode,
    r.st,
    r.m.skills.map((x) => x.code + '/' + x.level).join(','),
    r.m.latitude,
  );
}
const { profile } = await s.post('Profiler.stop');
const fs = await import('node:fs');
fs.writeFileSync('/tmp/six.cpuprofile', JSON.stringify(profile));
