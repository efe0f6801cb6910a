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
  modes: ['remote'],
});
const index = new MatchingIndex(taxonomy, profiles);
type Priv = {
  prepareQuery: (pm: unknown, now: number) => unknown;
  evaluate: (s: number, q: unknown, h: unknown) => void;
  nextEpoch: () => void;
};
const priv = index as unknown as Priv;
const { prepareMission } = await import('./scan');
const { TopK } = await import('./top-k');
const m = missions[0];
if (!m) throw new Error();
const q = priv.prepareQuery(prepareMission(m), SYNTHETIC_NOW);
for (const [label, order] of [
  ['seq', Int32Array.from({ length: 230000 }, (_, i) => i)],
  ['rand', Int32Array.from({ length: 230000 }, (_, i) => (i * 7919) % 230000)],
] as const) {
  for (let rep = 0; rep < 3; rep++) {
    const heap = new TopK(50, (a, b) => a - b);
    const t = performance.now();
    for (let i = 0; i < order.length; i++) priv.evaluate(order[i] ?? 0, q, heap);
    console.log(label, (((performance.now() - t) * 1e6) / order.length).toFixed(1), 'ns/eval');
  }
}
