import { type Database, schema } from '@passerelle/db';
import { inArray } from 'drizzle-orm';

const NBSP = '\u00a0';

/** A reason as the matcher stores it in `matches.reasons` (see @passerelle/matching `Reason`). */
interface StoredReason {
  kind: string;
  skillCode?: unknown;
  viaSkillCode?: unknown;
  km?: unknown;
  domainCode?: unknown;
}

function asReasons(value: unknown): (StoredReason | string)[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is StoredReason | string =>
      typeof item === 'string' ||
      (typeof item === 'object' && item !== null && typeof (item as { kind?: unknown }).kind === 'string'),
  );
}

export interface ReasonLabels {
  skills: Map<string, string>;
  domains: Map<string, string>;
}

/** Labels of every skill and domain the reasons mention, in two queries whatever their number. */
export async function loadReasonLabels(db: Database, reasonLists: unknown[]): Promise<ReasonLabels> {
  const skillCodes = new Set<string>();
  const domainCodes = new Set<string>();
  for (const list of reasonLists) {
    for (const reason of asReasons(list)) {
      if (typeof reason === 'string') continue;
      if (typeof reason.skillCode === 'string') skillCodes.add(reason.skillCode);
      if (typeof reason.viaSkillCode === 'string') skillCodes.add(reason.viaSkillCode);
      if (typeof reason.domainCode === 'string') domainCodes.add(reason.domainCode);
    }
  }
  const [skills, domains] = await Promise.all([
    skillCodes.size
      ? db
          .select({ code: schema.skills.code, label: schema.skills.label })
          .from(schema.skills)
          .where(inArray(schema.skills.code, [...skillCodes]))
      : [],
    domainCodes.size
      ? db
          .select({ code: schema.domains.code, label: schema.domains.label })
          .from(schema.domains)
          .where(inArray(schema.domains.code, [...domainCodes]))
      : [],
  ]);
  return {
    skills: new Map(skills.map((s) => [s.code, s.label])),
    domains: new Map(domains.map((d) => [d.code, d.label])),
  };
}

/**
 * Why a mission is recommended, in French, for the email. Only what speaks to the postier: the
 * matcher's bookkeeping (solicitation counts, missing skills, quota) stays out.
 */
export function reasonTexts(value: unknown, labels: ReasonLabels, max = 4): string[] {
  const skill = (code: unknown) => (typeof code === 'string' ? (labels.skills.get(code) ?? code) : '');
  const texts: string[] = [];
  for (const reason of asReasons(value)) {
    if (typeof reason === 'string') {
      texts.push(reason);
      continue;
    }
    switch (reason.kind) {
      case 'skill_match':
        texts.push(`Compétence${NBSP}: ${skill(reason.skillCode)}`);
        break;
      case 'skill_partial':
        texts.push(`Compétence proche de votre niveau${NBSP}: ${skill(reason.skillCode)}`);
        break;
      case 'skill_sibling':
        texts.push(
          `Compétence voisine${NBSP}: ${skill(reason.viaSkillCode)} (pour ${skill(reason.skillCode)})`,
        );
        break;
      case 'distance':
        if (typeof reason.km === 'number') {
          texts.push(`À ${Math.round(reason.km)}${NBSP}km de votre commune de travail`);
        }
        break;
      case 'same_departement':
        texts.push('Dans votre département');
        break;
      case 'remote':
        texts.push('Mission réalisable à distance');
        break;
      case 'domain_interest':
        if (typeof reason.domainCode === 'string') {
          texts.push(
            `Domaine qui vous intéresse${NBSP}: ${labels.domains.get(reason.domainCode) ?? reason.domainCode}`,
          );
        }
        break;
      default:
        break;
    }
  }
  return texts.slice(0, max);
}
