import { SKILL_LEVEL_LABELS } from '@passerelle/domain';
import { formatNumber } from '../lib/format';
import { useDepartements, useDomains, useSkills } from '../lib/reference';
import type { MatchReason } from '../lib/types';

const level = (n: number) => SKILL_LEVEL_LABELS[n as 1 | 2 | 3 | 4] ?? `niveau ${n}`;

/** One reason of the matcher, in French. */
export function describeReason(
  reason: MatchReason,
  labels: {
    skill: (code: string) => string;
    domain: (code: string) => string;
    departement: (code: string) => string;
  },
): string | null {
  if (reason.label) return reason.label;
  const r = reason as MatchReason & Record<string, unknown>;
  switch (reason.kind) {
    case 'skill_match':
      return `Vous maîtrisez « ${labels.skill(String(r.skillCode))} » au niveau demandé (${level(Number(r.level))})${r.required ? ', une compétence indispensable' : ''}.`;
    case 'skill_partial':
      return `Vous avez « ${labels.skill(String(r.skillCode))} » au niveau ${level(Number(r.have))}, la mission demande ${level(Number(r.want))}.`;
    case 'skill_sibling':
      return `Votre compétence « ${labels.skill(String(r.viaSkillCode))} » est proche de « ${labels.skill(String(r.skillCode))} », demandée par la mission.`;
    case 'skill_missing':
      return r.required
        ? `La mission demande « ${labels.skill(String(r.skillCode))} », absente de votre profil.`
        : null;
    case 'distance':
      return `À ${formatNumber(Math.round(Number(r.km)))} km de votre commune de travail (votre rayon : ${formatNumber(Number(r.radiusKm))} km).`;
    case 'same_departement':
      return `Dans votre département (${labels.departement(String(r.departementCode))}).`;
    case 'remote':
      return 'Réalisable à distance, comme vous l’acceptez.';
    case 'domain_interest':
      return `Dans un domaine qui vous intéresse : ${labels.domain(String(r.domainCode))}.`;
    case 'rarely_solicited':
      return 'Vous avez reçu peu de propositions ces derniers temps.';
    case 'recently_solicited':
      return null;
    case 'quota_below_mission_hours':
      return `Attention : il vous reste ${formatNumber(Number(r.remainingHours))} h sur votre quota annuel, la mission en demande ${formatNumber(Number(r.missionHours))}.`;
    default:
      return null;
  }
}

export function ReasonList({ reasons }: { reasons: MatchReason[] }) {
  const skills = useSkills();
  const domains = useDomains();
  const departements = useDepartements();
  const labels = { skill: skills.label, domain: domains.label, departement: departements.label };
  const sentences = reasons.map((r) => describeReason(r, labels)).filter((s): s is string => Boolean(s));
  if (sentences.length === 0) return null;
  return (
    <ul className="reasons">
      {sentences.map((s) => (
        <li key={s}>{s}</li>
      ))}
    </ul>
  );
}

export function ScoreText({ score }: { score: number }) {
  const pct = Math.round(score * 100);
  return <span className="score">Correspondance : {pct} %</span>;
}
