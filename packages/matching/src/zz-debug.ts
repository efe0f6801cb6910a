import { MatchingIndex, rankByScan } from './index';
import { generateCandidates, generateMissions, SYNTHETIC_NOW, syntheticCommunes, syntheticTaxonomy } from './synthetic';
const tax = syntheticTaxonomy(180, 14);
const communes = syntheticCommunes(300, 7);
const profiles = generateCandidates(2000, 42, { communes, taxonomy: tax });
const missions = generateMissions(20, 43, { communes, taxonomy: tax, candidateIds: profiles.map((p) => p.id) });
const index = new MatchingIndex(tax, profiles);
for (const [mi, m] of missions.entries()) {
  for (const strategy of ['skills', 'local'] as const) {
    const a = index.rank(m, { topK: 20, now: SYNTHETIC_NOW, strategy });
    const b = rankByScan(tax, profiles, m, { topK: 20, now: SYNTHETIC_NOW });
    const ai = a.map((x) => `${x.candidateId.slice(0, 6)}:${x.score}`);
    const bi = b.map((x) => `${x.candidateId.slice(0, 6)}:${x.score}`);
    if (JSON.stringify(ai) !== JSON.stringify(bi)) {
      console.log(mi, strategy, m.mode, index.lastRankStats);
      const missing = b.filter((x) => !a.some((y) => y.candidateId === x.candidateId));
      console.log('missing', missing.map((x) => [x.candidateId.slice(0, 6), x.score, JSON.stringify(x.reasons.filter(r=>r.kind!=='skill_missing'))]));
      console.log('index', ai.join(' ')); console.log('scan ', bi.join(' '));
      const p = profiles.find((x) => x.id === missing[0]?.candidateId); console.log(JSON.stringify(p), JSON.stringify(m));
      process.exit(0);
    }
  }
}
