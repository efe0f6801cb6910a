/**
 * The twelve domains of action of the Alliance Dynamique, the programme through which Le Groupe
 * La Poste partners with the social and solidarity economy (ESS). Named after the programme's own
 * material (charter, conventions of 2018 and 2022, interviews of its director); a mission is filed
 * under one of them and a postier can follow some of them.
 */
// Type aliases, not interfaces: rows are handed to code typed `Record<string, unknown>`, which only
// type aliases satisfy (an interface has no implicit index signature).
export type DomainOfAction = {
  /** Stable kebab-case identifier, stored in the database: never rename. */
  code: string;
  label: string;
  description: string;
};

export const DOMAINS_OF_ACTION: readonly DomainOfAction[] = Object.freeze([
  {
    code: 'lieux-partages',
    label: 'Lieux partagés et tiers-lieux',
    description:
      'Relais Poste ESS, commerces multiservices, tiers-lieux numériques ou culturels : mutualiser des lieux ' +
      'occupés par La Poste, accueillir des services postaux dans des lieux animés par l’ESS et créer des ' +
      'lieux adaptés aux besoins des collectivités locales.',
  },
  {
    code: 'services-domicile',
    label: 'Services au domicile et maintien à domicile',
    description:
      'Renforcer l’autonomie des seniors et des personnes fragiles : détection des besoins, portage de ' +
      'repas, veille au domicile, services à la personne et lutte contre l’isolement.',
  },
  {
    code: 'inclusion-bancaire',
    label: 'Inclusion bancaire et fragilités financières',
    description:
      'Accompagner les personnes en fragilité financière avec La Banque Postale et ses partenaires : ' +
      'prévention et traitement du surendettement, microcrédit personnel, éducation budgétaire.',
  },
  {
    code: 'achats-responsables',
    label: 'Achats responsables et inclusifs',
    description:
      'Développer les achats du Groupe auprès des structures de l’ESS (insertion, secteur adapté et ' +
      'protégé) et aider ces structures à répondre aux marchés, notamment ceux à clauses sociales.',
  },
  {
    code: 'inclusion-numerique',
    label: 'Inclusion numérique',
    description:
      'Détecter, accompagner et former les personnes éloignées du numérique jusqu’à l’autonomie : ' +
      'ateliers, conseillers numériques, démarches administratives en ligne, équipement accessible.',
  },
  {
    code: 'mediation-sociale',
    label: 'Médiation sociale',
    description:
      'Faciliter l’accès aux droits et aux services des personnes fragiles, notamment dans les bureaux ' +
      'de poste des quartiers prioritaires, avec des médiateurs sociaux (PIMMS, Fondation FACE…).',
  },
  {
    code: 'economie-circulaire',
    label: 'Économie circulaire',
    description:
      'Collecter pour réemployer ou recycler (papier, carton, déchets de bureau, cartouches, téléphones ' +
      'mobiles…), logistique inversée, réemploi et réparation avec les acteurs de l’ESS.',
  },
  {
    code: 'logistique-urbaine',
    label: 'Logistique urbaine durable',
    description:
      'Réduire les impacts du transport de marchandises en ville (CO2, qualité de l’air, congestion, ' +
      'bruit) : livraison en mobilités douces, logistique de proximité, circuits courts.',
  },
  {
    code: 'transition-energetique',
    label: 'Transition énergétique',
    description:
      'Lutter contre la précarité énergétique : repérage des ménages, rénovation énergétique des ' +
      'logements, sensibilisation aux économies d’énergie et transition écologique pour tous.',
  },
  {
    code: 'insertion-emploi',
    label: 'Insertion par l’activité économique',
    description:
      'Accompagner vers l’emploi les personnes qui en sont éloignées avec les structures d’insertion ' +
      '(ateliers et chantiers d’insertion, entreprises d’insertion, associations intermédiaires…).',
  },
  {
    code: 'handicap',
    label: 'Handicap, secteur adapté et protégé',
    description:
      'Favoriser l’inclusion des personnes en situation de handicap : coopération avec les ESAT et les ' +
      'entreprises adaptées, accessibilité des services et des lieux, emploi et vie sociale.',
  },
  {
    code: 'revitalisation-rurale',
    label: 'Cohésion et revitalisation des territoires',
    description:
      'Contribuer au développement et à la cohésion des territoires ruraux et des quartiers : maintien ' +
      'des services de proximité, commerces solidaires, lien social et dynamiques locales.',
  },
]);
