export { createMatcher, MATCHING_JOB_NAMES, type Matcher, type MatcherDeps, TOP_K } from './matcher';
