/**
 * The skills taxonomy: the skills associations ask postiers for, grouped in categories.
 *
 * The data lives in `packages/db/data/*.csv` so it can be reviewed and amended without touching
 * code. Every skill names where it comes from:
 * - `ESCO`: `sourceRef` is the URI of the matching ESCO skill concept
 *   (`http://data.europa.eu/esco/skill/<uuid>`);
 * - `ROME4`: `sourceRef` is the code of the ROME 4.0 fiche (France Travail) whose macro-compétences
 *   cover the skill, for example `M1203` (Comptabilité). The fiche code is used rather than a
 *   macro-compétence identifier because fiche codes are stable and public; a skill drawn from several
 *   fiches names the most representative one.
 *
 * Categories double as the "siblings" of the matching: a skill of the same category as a required
 * one earns partial credit, so a category groups skills that can stand in for one another.
 */
import { readFileSync } from 'node:fs';

// Type aliases, not interfaces: rows are handed to code typed `Record<string, unknown>`, which only
// type aliases satisfy (an interface has no implicit index signature).
export type SkillCategory = {
  /** Stable kebab-case identifier, stored in the database: never rename. */
  code: string;
  label: string;
};

export type SkillSource = 'ROME4' | 'ESCO';

export type Skill = {
  /** Stable kebab-case identifier, stored in the database: never rename. */
  code: string;
  label: string;
  categoryCode: string;
  source: SkillSource;
  sourceRef: string;
};

const CATEGORIES_FILE = new URL('../../data/skill-categories.csv', import.meta.url);
const SKILLS_FILE = new URL('../../data/skills.csv', import.meta.url);

const CATEGORIES_HEADER = ['code', 'label'];
const SKILLS_HEADER = ['code', 'label', 'category_code', 'source', 'source_ref'];

const KEBAB_CASE = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const SOURCE_REF: Record<SkillSource, RegExp> = {
  // A ROME fiche code: a letter of the 14 grands domaines, then four digits.
  ROME4: /^[A-N]\d{4}$/,
  ESCO: /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

/** A bad row of a reference file, with where it is so it can be fixed by hand. */
export class ReferenceDataError extends Error {
  constructor(file: string, line: number, reason: string) {
    super(`${file}, line ${line}: ${reason}`);
    this.name = 'ReferenceDataError';
  }
}

interface Row {
  line: number;
  fields: string[];
}

/**
 * Splits a `;`-separated file into rows, checking the header. The files are ours and never need
 * quoting (no label contains `;` or a line break), so a quote is refused rather than half-parsed.
 */
function readRows(text: string, file: string, header: string[]): Row[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const first = lines[0] ?? '';
  if (first.trim() !== header.join(';')) {
    throw new ReferenceDataError(file, 1, `expected the header "${header.join(';')}", got "${first}"`);
  }
  const rows: Row[] = [];
  lines.forEach((content, index) => {
    const line = index + 1;
    if (index === 0 || content.trim() === '') return;
    if (content.includes('"')) throw new ReferenceDataError(file, line, 'quotes are not supported');
    const fields = content.split(';').map((f) => f.trim());
    if (fields.length !== header.length) {
      throw new ReferenceDataError(file, line, `expected ${header.length} fields, got ${fields.length}`);
    }
    rows.push({ line, fields });
  });
  return rows;
}

function checkCode(code: string, seen: Set<string>, file: string, line: number): void {
  if (!KEBAB_CASE.test(code)) throw new ReferenceDataError(file, line, `code "${code}" is not kebab-case`);
  if (seen.has(code)) throw new ReferenceDataError(file, line, `duplicate code "${code}"`);
  seen.add(code);
}

function isSource(value: string): value is SkillSource {
  return value in SOURCE_REF;
}

/** Parses the categories file's text; `file` only names it in errors. */
export function parseSkillCategories(text: string, file = 'skill-categories.csv'): SkillCategory[] {
  const seen = new Set<string>();
  return readRows(text, file, CATEGORIES_HEADER).map(({ line, fields }) => {
    const [code = '', label = ''] = fields;
    checkCode(code, seen, file, line);
    if (label === '') throw new ReferenceDataError(file, line, `empty label for "${code}"`);
    return { code, label };
  });
}

/** Parses the skills file's text against the known categories; `file` only names it in errors. */
export function parseSkills(text: string, categories: SkillCategory[], file = 'skills.csv'): Skill[] {
  const categoryCodes = new Set(categories.map((c) => c.code));
  const seen = new Set<string>();
  return readRows(text, file, SKILLS_HEADER).map(({ line, fields }) => {
    const [code = '', label = '', categoryCode = '', source = '', sourceRef = ''] = fields;
    checkCode(code, seen, file, line);
    if (label === '') throw new ReferenceDataError(file, line, `empty label for "${code}"`);
    if (!categoryCodes.has(categoryCode)) {
      throw new ReferenceDataError(file, line, `unknown category "${categoryCode}" for "${code}"`);
    }
    if (!isSource(source)) {
      throw new ReferenceDataError(file, line, `unknown source "${source}" for "${code}" (ROME4 or ESCO)`);
    }
    if (!SOURCE_REF[source].test(sourceRef)) {
      throw new ReferenceDataError(
        file,
        line,
        `"${sourceRef}" is not a valid ${source} reference for "${code}"`,
      );
    }
    return { code, label, categoryCode, source, sourceRef };
  });
}

export function loadSkillCategories(): SkillCategory[] {
  return parseSkillCategories(readFileSync(CATEGORIES_FILE, 'utf8'));
}

export function loadSkills(): Skill[] {
  return parseSkills(readFileSync(SKILLS_FILE, 'utf8'), loadSkillCategories());
}
