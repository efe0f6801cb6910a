/**
 * Associations of the demo: networks and local structures of the social and solidarity economy
 * (ESS) of the kind the Alliance Dynamique partners with, spread over the thirteen metropolitan
 * régions. Communes are given by name and département and resolved against the real geography, so a
 * renamed or merged commune falls back to its département's largest one instead of breaking the seed.
 */
export interface CatalogAssociation {
  name: string;
  commune: string;
  departement: string;
  /** Codes of the Alliance Dynamique domains of action, the first being the main one. */
  domains: readonly string[];
  /** Serves people in difficulty: keeps the 60 % tax reduction above 2 M€ of donations. */
  helpsPeopleInDifficulty: boolean;
}

const a = (
  name: string,
  commune: string,
  departement: string,
  domains: readonly string[],
  helpsPeopleInDifficulty = true,
): CatalogAssociation => ({ name, commune, departement, domains, helpsPeopleInDifficulty });

/**
 * The first entry is the demo association account's (it must stay first, in Paris, with published
 * missions). The order of the others only decides which are created when fewer are asked for, so
 * it alternates régions to keep every région covered in small runs.
 */
export const LABELLED_ASSOCIATIONS: readonly CatalogAssociation[] = [
  a('Emmaüs Connect Paris', 'Paris', '75', [
    'inclusion-numerique',
    'economie-circulaire',
    'mediation-sociale',
  ]),
  a('Restos du Cœur de la Gironde', 'Bordeaux', '33', [
    'mediation-sociale',
    'inclusion-bancaire',
    'logistique-urbaine',
  ]),
  a(
    'Tiers-lieu La Fabrique de Saint-Affrique',
    'Saint-Affrique',
    '12',
    ['lieux-partages', 'revitalisation-rurale'],
    false,
  ),
  a('ADMR du Cantal', 'Aurillac', '15', ['services-domicile', 'revitalisation-rurale']),
  a('PIMMS Médiation Lille Métropole', 'Lille', '59', ['mediation-sociale', 'inclusion-numerique']),
  a('Envie Anjou', 'Angers', '49', ['economie-circulaire', 'insertion-emploi']),
  a('Croix-Rouge française – Délégation de Seine-Saint-Denis', 'Saint-Denis', '93', [
    'mediation-sociale',
    'services-domicile',
  ]),
  a('Banque Alimentaire du Bas-Rhin', 'Strasbourg', '67', ['logistique-urbaine', 'economie-circulaire']),
  a('Secours Catholique – Délégation du Rhône', 'Lyon', '69', ['inclusion-bancaire', 'mediation-sociale']),
  a('Crésus Bretagne', 'Rennes', '35', ['inclusion-bancaire']),
  a(
    'Comptoirs de Campagne – Haute-Loire',
    'Le Puy-en-Velay',
    '43',
    ['lieux-partages', 'revitalisation-rurale', 'achats-responsables'],
    false,
  ),
  a('Les Jardins de la Montagne Verte', 'Strasbourg', '67', ['insertion-emploi', 'economie-circulaire']),
  a('La Recyclerie du Pays de Caen', 'Caen', '14', ['economie-circulaire', 'insertion-emploi'], false),
  a('Habitat et Humanisme Provence', 'Marseille', '13', ['transition-energetique', 'mediation-sociale']),
  a('Compagnons Bâtisseurs Occitanie', 'Montpellier', '34', ['transition-energetique', 'insertion-emploi']),
  a('SOLIHA Normandie Seine', 'Rouen', '76', ['transition-energetique', 'services-domicile']),
  a('Petits Frères des Pauvres – Toulouse', 'Toulouse', '31', ['services-domicile', 'inclusion-numerique']),
  a('Compagnons Bâtisseurs Centre-Val de Loire', 'Orléans', '45', [
    'transition-energetique',
    'insertion-emploi',
  ]),
  a('ADIE Bourgogne-Franche-Comté', 'Dijon', '21', ['inclusion-bancaire', 'insertion-emploi']),
  a('Restos du Cœur de la Corse-du-Sud', 'Ajaccio', '2A', ['mediation-sociale', 'logistique-urbaine']),
  a('APF France handicap – Délégation de la Loire', 'Saint-Étienne', '42', [
    'handicap',
    'inclusion-numerique',
  ]),
  a('Adapei de la Somme – ESAT d’Amiens', 'Amiens', '80', ['handicap', 'achats-responsables']),
  a('Jaccede Nouvelle-Aquitaine', 'Poitiers', '86', ['handicap', 'inclusion-numerique'], false),
  a('FACE Var', 'Toulon', '83', ['mediation-sociale', 'insertion-emploi']),
  a('La Cravate Solidaire Nantes', 'Nantes', '44', ['insertion-emploi']),
  a('Les Ateliers du Bocage', 'Bressuire', '79', [
    'economie-circulaire',
    'insertion-emploi',
    'achats-responsables',
  ]),
  a('Un P’tit Vélo dans la Tête', 'Grenoble', '38', ['logistique-urbaine', 'economie-circulaire'], false),
  a('Familles Rurales de la Creuse', 'Guéret', '23', ['revitalisation-rurale', 'services-domicile']),
  a('Foyers Ruraux de Lozère', 'Mende', '48', ['revitalisation-rurale', 'lieux-partages'], false),
  a('Point Conseil Budget – UDAF du Doubs', 'Besançon', '25', ['inclusion-bancaire']),
  a('Régie de Quartiers de Chalon-sur-Saône', 'Chalon-sur-Saône', '71', [
    'insertion-emploi',
    'revitalisation-rurale',
  ]),
  a('Emmaüs Connect Marseille', 'Marseille', '13', ['inclusion-numerique', 'mediation-sociale']),
  a('Secours populaire – Fédération de Haute-Corse', 'Bastia', '2B', [
    'inclusion-bancaire',
    'mediation-sociale',
  ]),
  a('Ressourcerie du Centre Corse', 'Corte', '2B', ['economie-circulaire', 'revitalisation-rurale'], false),
  a('PIMMS de Lyon Villeurbanne', 'Villeurbanne', '69', ['mediation-sociale', 'inclusion-numerique']),
  a('Ateliers Sans Frontières', 'Bonneuil-sur-Marne', '94', [
    'economie-circulaire',
    'insertion-emploi',
    'inclusion-numerique',
  ]),
  a('Envie 2E Lorraine', 'Metz', '57', ['economie-circulaire', 'insertion-emploi']),
  a('Banque Alimentaire de l’Orne', 'Alençon', '61', ['logistique-urbaine', 'mediation-sociale']),
  a('ADMR du Finistère', 'Quimper', '29', ['services-domicile', 'inclusion-numerique']),
  a(
    'Tiers-lieu Le Moulin Solidaire de Chinon',
    'Chinon',
    '37',
    ['lieux-partages', 'revitalisation-rurale'],
    false,
  ),
  a('Réseau Éco Habitat', 'Saint-Just-en-Chaussée', '60', ['transition-energetique', 'services-domicile']),
  a(
    'Agence Locale de l’Énergie et du Climat du Puy-de-Dôme',
    'Clermont-Ferrand',
    '63',
    ['transition-energetique'],
    false,
  ),
  a('Jardins de Cocagne du Cher', 'Bourges', '18', [
    'insertion-emploi',
    'economie-circulaire',
    'logistique-urbaine',
  ]),
  a('Épicerie solidaire L’Escale de Reims', 'Reims', '51', ['mediation-sociale', 'inclusion-bancaire']),
  a('Restos du Cœur du Haut-Rhin', 'Mulhouse', '68', ['mediation-sociale', 'logistique-urbaine']),
  a(
    'Alpes Solidaires – Pôle ESS des Hautes-Alpes',
    'Gap',
    '05',
    ['achats-responsables', 'revitalisation-rurale'],
    false,
  ),
  a('Adapei des Alpes-Maritimes', 'Nice', '06', ['handicap', 'achats-responsables']),
  a('Croix-Rouge française – Unité locale d’Avignon', 'Avignon', '84', [
    'services-domicile',
    'mediation-sociale',
  ]),
  a('Emmaüs Connect Lille', 'Lille', '59', ['inclusion-numerique', 'inclusion-bancaire']),
  a('Secours populaire de la Sarthe', 'Le Mans', '72', ['inclusion-bancaire', 'mediation-sociale']),
  a('Ressourcerie Le Grenier de Laval', 'Laval', '53', ['economie-circulaire'], false),
  a('Banque Alimentaire du Morbihan', 'Vannes', '56', ['logistique-urbaine', 'economie-circulaire']),
  a('ADMR des Côtes-d’Armor', 'Saint-Brieuc', '22', ['services-domicile', 'revitalisation-rurale']),
  a(
    'Les Petits Débrouillards Bretagne',
    'Brest',
    '29',
    ['inclusion-numerique', 'transition-energetique'],
    false,
  ),
  a('Wimoov Occitanie', 'Toulouse', '31', ['insertion-emploi', 'logistique-urbaine']),
  a('PIMMS de Perpignan', 'Perpignan', '66', ['mediation-sociale', 'inclusion-bancaire']),
  a('Repair Café de Limoges', 'Limoges', '87', ['economie-circulaire'], false),
  a('Familles Rurales de l’Indre', 'Châteauroux', '36', ['revitalisation-rurale', 'services-domicile']),
  a('SOLIHA Hauts-de-France', 'Arras', '62', ['transition-energetique', 'services-domicile']),
  a('Ressourcerie La Trocante de Troyes', 'Troyes', '10', ['economie-circulaire', 'insertion-emploi'], false),
];

/** Associations still waiting for the label: they may only keep drafts. */
export const PENDING_ASSOCIATIONS: readonly CatalogAssociation[] = [
  a('Les Liens du Quartier', 'Évry-Courcouronnes', '91', ['mediation-sociale', 'inclusion-numerique']),
  a('Épicerie itinérante du Vexin', 'Cergy', '95', ['revitalisation-rurale', 'logistique-urbaine']),
  a('Tiers-lieu Le Hangar', 'Épinal', '88', ['lieux-partages', 'inclusion-numerique'], false),
  a('Répar’Vélo Toulonnais', 'Toulon', '83', ['logistique-urbaine', 'economie-circulaire'], false),
  a('Coup de Pouce Numérique du Jura', 'Lons-le-Saunier', '39', ['inclusion-numerique', 'services-domicile']),
  a('Café associatif Le Lien', 'Périgueux', '24', ['lieux-partages', 'revitalisation-rurale'], false),
];

/**
 * Name patterns for associations beyond the catalogue (large benchmark runs), per main domain.
 * `{de}` is replaced by the right form of "de" + the commune ("de Lyon", "d’Angers", "du Mans").
 */
export const GENERATED_NAME_PATTERNS: Readonly<Record<string, readonly string[]>> = {
  'lieux-partages': ['Tiers-lieu {de}', 'Maison des Initiatives {de}', 'Café associatif {de}'],
  'services-domicile': ['ADMR {de}', 'Aide à domicile solidaire {de}', 'Portage de repas {de}'],
  'inclusion-bancaire': ['Point Conseil Budget {de}', 'Microcrédit solidaire {de}'],
  'achats-responsables': ['Pôle ESS {de}', 'Groupement d’entreprises solidaires {de}'],
  'inclusion-numerique': ['Atelier numérique solidaire {de}', 'Espace public numérique {de}'],
  'mediation-sociale': ['PIMMS {de}', 'Médiation sociale {de}', 'Épicerie solidaire {de}'],
  'economie-circulaire': ['Ressourcerie {de}', 'Recyclerie {de}', 'Repair Café {de}'],
  'logistique-urbaine': ['Banque alimentaire {de}', 'Vélo-logistique solidaire {de}'],
  'transition-energetique': ['Maison de l’énergie {de}', 'Chantier d’auto-réhabilitation {de}'],
  'insertion-emploi': [
    'Chantier d’insertion {de}',
    'Régie de quartier {de}',
    'Association intermédiaire {de}',
  ],
  handicap: ['ESAT {de}', 'Association Handicap et Inclusion {de}'],
  'revitalisation-rurale': ['Foyer rural {de}', 'Comité de développement {de}', 'Commerce solidaire {de}'],
};

/** "de" before a commune name, with French elision and contraction. */
export function deCommune(commune: string): string {
  if (commune.startsWith('Le ')) return `du ${commune.slice(3)}`;
  if (commune.startsWith('Les ')) return `des ${commune.slice(4)}`;
  if (/^[AEIOUYÂÊÎÔÛÉÈÀH]/i.test(commune) && !commune.startsWith('La ')) return `d’${commune}`;
  return `de ${commune}`;
}
