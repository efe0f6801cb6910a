export { MatchingIndex } from './matching-index';
export { compareRanked, type PreparedMission, prepareMission, rankByScan, scoreCandidate } from './scan';
export {
  GEO_HYBRID_REMOTE,
  GEO_REMOTE_MISSION,
  GEO_SAME_DEPARTEMENT,
  haversineKm,
  LEVEL_CREDITS,
  OPTIONAL_SKILL_WEIGHT,
  REQUIRED_SKILL_WEIGHT,
  SCORE_WEIGHTS,
  SIBLING_CREDIT,
} from './scoring';
export type * from './types';
