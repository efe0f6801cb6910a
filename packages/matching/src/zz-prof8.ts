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
const { Session } = await import('node:inspector/promises');
const s = new Session();
s.connect();
await s.post('Profiler.enable');
await s.post('Profiler.setSamplingInterval', { interval: 100 });
await s.post('Profiler.start');
const t = performance.now();
for (let r = 0; r < 5; r++) for (const m of missions) index.rank(m, { now: SYNTHETIC_NOW });
console.log('mean ms', (performance.now() - t) / 1000);
const { profile } = await s.post('Profiler.stop');
const fs = await import('node:fs');
fs.writeFileSync('/tmp/eight.cpuprofile', JSON.stringify(profile));
