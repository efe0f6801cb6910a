import { MatchingIndex, rankByScan } from './index';
import {
  generateCandidates,
  generateMissions,
  SYNTHETIC_NOW,
  syntheticCommunes,
  syntheticTaxonomy,
} from './synthetic';

const seed = 1;
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
for (const m of missions) {
  const b = rankByScan(tax, profiles, m, { topK: 50, now: SYNTHETIC_NOW });
  const a = index.rank(m, { topK: 50, now: SYNTHETIC_NOW, strategy: 'skills' });
  if (JSON.stringify(a) === JSON.stringify(b)) continue;
  const miss = b.filter((x) => !a.some((y) => y.candidateId === x.candidateId));
  console.log(
    m.mode,
    JSON.stringify(m.skills),
    index.lastRankStats,
    'last',
    a.at(-1)?.score,
    b.at(-1)?.score,
  );
  for (const x of miss) {
    const p = profiles.find((y) => y.id === x.candidateId);
    console.log(
      x.score,
      JSON.stringify(x.reasons.filter((r) => r.kind !== 'skill_missing').map((r) => r.kind + ':' + r.weight)),
      JSON.stringify(p?.skills),
      p?.remoteOk,
      p?.domains,
      p?.solicitationsLast30Days,
    );
  }
  break;
}
