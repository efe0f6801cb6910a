import { MatchingIndex, rankByScan } from './index';
import {
  generateCandidates,
  generateMissions,
  SYNTHETIC_NOW,
  syntheticCommunes,
  syntheticTaxonomy,
} from './synthetic';

let checks = 0;
for (let seed = 1; seed <= 6; seed++) {
  const tax = syntheticTaxonomy(60 + seed * 20, 5 + seed);
  const communes = syntheticCommunes(20 + seed * 40, seed);
  const profiles = generateCandidates(3000, seed * 11, { communes, taxonomy: tax });
  const missions = generateMissions(40, seed * 13, {
    communes,
    taxonomy: tax,
    candidateIds: profiles.map((p) => p.id),
    modes: ['onsite', 'hybrid', 'remote'],
  });
  const index = new MatchingIndex(tax, profiles);
  for (const m of missions)
    for (const topK of [1, 7, 50, 400]) {
      const b = JSON.stringify(rankByScan(tax, profiles, m, { topK, now: SYNTHETIC_NOW }));
      for (const strategy of ['skills', 'local', 'auto'] as const) {
        checks++;
        if (JSON.stringify(index.rank(m, { topK, now: SYNTHETIC_NOW, strategy })) !== b) {
          console.log('MISMATCH', seed, m.mode, topK, strategy);
          process.exit(1);
        }
      }
    }
}
console.log('ok', checks);
