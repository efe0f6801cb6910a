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
const m = missions.find((x) => x.latitude === 43.61126008434221);
if (!m) throw new Error('x');
const { Session } = await import('node:inspector/promises');
const s = new Session();
s.connect();
await s.post('Profiler.enable');
await s.post('Profiler.start');
const t = performance.now();
for (let i = 0; i < 100; i++) index.rank(m, { now: SYNTHETIC_NOW });
console.log((performance.now() - t) / 100, m.mode, index.lastRankStats);
const { profile } = await s.post('Profiler.stop');
const fs = await import('node:fs');
fs.writeFileSync('/tmp/one.cpuprofile', JSON.stringify(profile));
