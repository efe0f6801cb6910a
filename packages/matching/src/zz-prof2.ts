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
const missions = generateMissions(200, 3, {
  communes,
  taxonomy,
  candidateIds: profiles.map((p) => p.id),
  modes: ['remote', 'onsite'],
});
const index = new MatchingIndex(taxonomy, profiles);
const t = performance.now();
for (let i = 0; i < 10; i++) for (const m of missions) index.rank(m, { now: SYNTHETIC_NOW });
console.log((performance.now() - t) / 2000);
