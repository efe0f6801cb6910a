import { MatchingIndex } from './index';
import { prepareMission } from './scan';
import {
  generateCandidates,
  generateMissions,
  SYNTHETIC_NOW,
  syntheticCommunes,
  syntheticTaxonomy,
} from './synthetic';
import { TopK } from './top-k';

const taxonomy = syntheticTaxonomy(180, 14);
const communes = syntheticCommunes(3000, 1);
const profiles = generateCandidates(230000, 2, { communes, taxonomy });
const missions = generateMissions(200, 3, {
  communes,
  taxonomy,
  candidateIds: profiles.map((p) => p.id),
  modes: ['remote'],
});
const index = new MatchingIndex(taxonomy, profiles);
type P = {
  prepareQuery: (pm: unknown, now: number) => unknown;
  accumulate: (q: unknown, skip: number) => number;
  walkBuckets: (q: unknown, h: unknown, g: number, n: number) => void;
  nextEpoch: () => void;
  ids: { compare: (a: number, b: number) => number };
};
const pi = index as unknown as P;
for (const m of missions.slice(0, 8)) {
  const q = pi.prepareQuery(prepareMission(m), SYNTHETIC_NOW);
  let ta = 0,
    tb = 0,
    n = 0;
  for (let r = 0; r < 20; r++) {
    pi.nextEpoch();
    let t = performance.now();
    n = pi.accumulate(q, 0);
    ta += performance.now() - t;
    const heap = new TopK(50, (a, b) => pi.ids.compare(a, b));
    t = performance.now();
    pi.walkBuckets(q, heap, 1, n);
    tb += performance.now() - t;
  }
  const t0 = performance.now();
  for (let r = 0; r < 20; r++) index.rank(m, { now: SYNTHETIC_NOW });
  const tr = (performance.now() - t0) / 20;
  console.log(
    m.skills.length,
    'touched',
    n,
    'acc ms',
    (ta / 20).toFixed(3),
    'walk ms',
    (tb / 20).toFixed(3),
    'rank ms',
    tr.toFixed(3),
    JSON.stringify(index.lastRankStats),
  );
}
