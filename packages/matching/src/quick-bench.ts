/**
 * Throwaway measurement (the real benchmark belongs in bench/matching.ts):
 *   node --expose-gc --import tsx packages/matching/src/quick-bench.ts [postiers] [missions]
 * Prints JSON: build time, memoryBytes, heap growth, rank p50/p99 overall and per mode, and a
 * cross-check of a few missions against the reference scan.
 */

import { performance } from 'node:perf_hooks';
import { MatchingIndex, rankByScan } from './index';
import {
  generateCandidates,
  generateMissions,
  SYNTHETIC_NOW,
  syntheticCommunes,
  syntheticTaxonomy,
} from './synthetic';
import type { MissionMode } from './types';

const n = Number(process.argv[2] ?? 230_000);
const missionCount = Number(process.argv[3] ?? 200);
const gc = (globalThis as { gc?: () => void }).gc;

const taxonomy = syntheticTaxonomy(180, 14);
const communes = syntheticCommunes(3000, 1);
let profiles = generateCandidates(n, 2, { communes, taxonomy });
const missions = generateMissions(missionCount, 3, {
  communes,
  taxonomy,
  candidateIds: profiles.map((p) => p.id),
});

gc?.();
const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
const t0 = performance.now();
const index = new MatchingIndex(taxonomy, profiles);
const buildMs = performance.now() - t0;
const checkMissions = missions.slice(0, 6);
const scanRef = checkMissions.map((m) => rankByScan(taxonomy, profiles, m, { topK: 50, now: SYNTHETIC_NOW }));
profiles = [];
gc?.();
const heapAfter = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;

const identical = checkMissions.every(
  (m, i) => JSON.stringify(index.rank(m, { topK: 50, now: SYNTHETIC_NOW })) === JSON.stringify(scanRef[i]),
);

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return Number((s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] ?? 0).toFixed(3));
}

for (const m of missions) index.rank(m, { topK: 50, now: SYNTHETIC_NOW }); // warm-up
const times: number[] = [];
const byMode = new Map<MissionMode, number[]>();
let results = 0;
for (let pass = 0; pass < 5; pass++) {
  for (const m of missions) {
    const t = performance.now();
    const r = index.rank(m, { topK: 50, now: SYNTHETIC_NOW });
    const dt = performance.now() - t;
    times.push(dt);
    results += r.length;
    const list = byMode.get(m.mode) ?? [];
    list.push(dt);
    byMode.set(m.mode, list);
  }
}

// Upsert cost: move 1,000 postiers (same ids, new data).
const movers = generateCandidates(1000, 77, { communes, taxonomy });
const ids = missions.flatMap((m) => [...m.excludedCandidateIds]).slice(0, 1000);
const tu = performance.now();
movers.forEach((p, i) => {
  index.upsert({ ...p, id: ids[i] ?? p.id });
});
const upsertUs = ((performance.now() - tu) / movers.length) * 1000;

console.log(
  JSON.stringify(
    {
      postiers: index.size,
      missions: missionCount,
      build_ms: Math.round(buildMs),
      index_mb: Number((index.memoryBytes() / 1_048_576).toFixed(1)),
      heap_growth_mb: Number(((heapAfter - heapBefore) / 1_048_576).toFixed(1)),
      rank_p50_ms: pct(times, 50),
      rank_p99_ms: pct(times, 99),
      rank_max_ms: pct(times, 100),
      by_mode: Object.fromEntries(
        [...byMode].map(([mode, xs]) => [mode, { n: xs.length / 5, p50: pct(xs, 50), p99: pct(xs, 99) }]),
      ),
      mean_results: Math.round(results / times.length),
      upsert_us: Number(upsertUs.toFixed(1)),
      identical_to_scan_on_first_6: identical,
    },
    null,
    2,
  ),
);
