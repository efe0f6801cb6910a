/**
 * Mission templates per Alliance Dynamique domain of action: what associations of the programme
 * typically ask postiers for in mécénat de compétences, with the skills of the curated taxonomy
 * (`packages/db/data/skills.csv`) each one calls for. A test checks every code against the taxonomy,
 * so editing the list of skills cannot silently empty a mission.
 */
export interface MissionTemplate {
  title: string;
  /** What the postier will do: one sentence. */
  task: string;
  /** Who the association is looking for: one sentence. */
  profile: string;
  /**
   * Skill codes, most important first: the first is always required, the second often. An entry
   * like `arabe|anglais` stands for one of them, drawn per mission.
   */
  skills: readonly string[];
}

export const MISSION_TEMPLATES: Readonly<Record<string, readonly MissionTemplate[]>> = {
  'lieux-partages': [
    {
      title: 'Structurer le planning d’animation d’un tiers-lieu rural',
      task: 'Vous aiderez l’équipe à bâtir un programme d’animations mensuel (ateliers, permanences de services publics, soirées) et à en suivre la fréquentation.',
      profile:
        'Une expérience de la gestion de projet et le goût du contact avec les habitants sont les bienvenus.',
      skills: [
        'gestion-projet',
        'organisation-evenements',
        'developpement-local',
        'animation-socioculturelle',
      ],
    },
    {
      title: 'Construire le modèle économique d’un Relais Poste ESS',
      task: 'Vous accompagnerez le bureau de l’association dans l’analyse des recettes du commerce multiservices et la construction d’un budget prévisionnel sur trois ans.',
      profile:
        'Nous cherchons un profil à l’aise avec les chiffres, idéalement issu du contrôle de gestion ou du réseau.',
      skills: ['modele-economique', 'gestion-budgetaire', 'controle-gestion', 'tenue-caisse'],
    },
    {
      title: 'Aménager et mettre en sécurité un espace partagé',
      task: 'Vous participerez à l’état des lieux du bâtiment, à la rédaction du cahier des charges des petits travaux et au suivi des devis.',
      profile:
        'Une connaissance des services généraux, de la maintenance ou de la sécurité des bâtiments recevant du public sera précieuse.',
      skills: ['amenagement-tiers-lieux', 'securite-locaux', 'cahier-des-charges', 'maintenance-batiment'],
    },
    {
      title: 'Lancer la communication d’ouverture d’un café associatif',
      task: 'Vous concevrez avec les bénévoles les supports d’ouverture (affiches, page de réseau social, communiqué pour la presse locale) et le calendrier de diffusion.',
      profile: 'Vous aimez écrire et avez déjà animé une page ou une lettre d’information.',
      skills: ['strategie-communication', 'reseaux-sociaux', 'graphisme-pao', 'relations-presse'],
    },
  ],
  'services-domicile': [
    {
      title: 'Organiser les tournées de portage de repas à domicile',
      task: 'Vous optimiserez les tournées de livraison des repas aux personnes âgées en tenant compte des horaires, des régimes et des distances.',
      profile:
        'Une expérience de l’organisation de tournées, de la distribution ou de la logistique est idéale.',
      skills: [
        'planification-tournees',
        'aide-personnes-agees',
        'livraison-tournees',
        'hygiene-chaine-froid',
      ],
    },
    {
      title: 'Rendre visite à des seniors isolés',
      task: 'Vous assurerez des visites de convivialité et repérerez les besoins (aide aux courses, démarches, équipement) à remonter aux coordinatrices.',
      profile:
        'Qualités d’écoute, patience et discrétion sont indispensables ; une expérience de facteur ou de conseiller en bureau de poste est un atout.',
      skills: ['aide-personnes-agees', 'ecoute-empathie', 'orientation-dispositifs'],
    },
    {
      title: 'Former les aides à domicile à la tablette Ardoiz',
      task: 'Vous préparerez et animerez des sessions courtes pour que les intervenantes puissent à leur tour accompagner les bénéficiaires dans l’usage de la tablette.',
      profile:
        'Vous avez une première expérience de formation et êtes à l’aise avec les tablettes et smartphones.',
      skills: [
        'animation-formation',
        'prise-en-main-smartphone',
        'supports-pedagogiques',
        'accompagnement-numerique',
      ],
    },
    {
      title: 'Mettre à jour le suivi des bénéficiaires du service d’aide à domicile',
      task: 'Vous aiderez à fiabiliser le fichier des bénéficiaires et à mettre en place des tableaux de bord simples (heures réalisées, taux de couverture, délais).',
      profile:
        'Rigueur et maîtrise d’un tableur sont attendues ; une sensibilité à la protection des données personnelles est nécessaire.',
      skills: ['tableur', 'visualisation-donnees', 'conformite-rgpd', 'analyse-donnees'],
    },
  ],
  'inclusion-bancaire': [
    {
      title: 'Animer des ateliers d’éducation budgétaire',
      task: 'Vous animerez des ateliers collectifs sur la gestion du budget, les frais bancaires et la prévention du surendettement auprès des familles accompagnées.',
      profile:
        'Une expérience de conseiller bancaire, notamment à La Banque Postale, et le goût de la pédagogie sont recherchés.',
      skills: ['education-budgetaire', 'animation-formation', 'gestion-budgetaire', 'prise-de-parole'],
    },
    {
      title: 'Accompagner des porteurs de projet vers le microcrédit personnel',
      task: 'Vous aiderez les bénévoles à instruire les demandes : analyse du budget du ménage, montage du dossier et suivi des remboursements.',
      profile: 'La connaissance des produits bancaires et de l’analyse de risque est indispensable.',
      skills: [
        'analyse-financiere',
        'accompagnement-social-individuel',
        'education-budgetaire',
        'identification-besoins-clients',
      ],
    },
    {
      title: 'Constituer des dossiers de surendettement avec les familles',
      task: 'Vous accompagnerez, aux côtés d’un travailleur social, la préparation des dossiers à déposer auprès de la Banque de France et l’ouverture des droits.',
      profile: 'Rigueur, discrétion et connaissance des procédures administratives sont nécessaires.',
      skills: [
        'droit-consommation',
        'education-budgetaire',
        'acces-droits-sociaux',
        'accompagnement-social-individuel',
      ],
    },
    {
      title: 'Concevoir un module de formation à la banque en ligne',
      task: 'Vous adapterez un parcours de formation pour apprendre aux bénéficiaires à consulter leurs comptes, faire un virement et se protéger des arnaques.',
      profile:
        'Vous connaissez bien les services de banque en ligne et savez rendre simple ce qui ne l’est pas.',
      skills: [
        'ingenierie-formation',
        'securite-equipements',
        'supports-pedagogiques',
        'accompagnement-numerique',
      ],
    },
  ],
  'achats-responsables': [
    {
      title: 'Aider une entreprise adaptée à répondre aux marchés publics',
      task: 'Vous accompagnerez l’équipe commerciale dans la veille, l’analyse des dossiers de consultation et la rédaction des mémoires techniques.',
      profile:
        'Une expérience des achats, des appels d’offres ou du juridique des marchés publics est recherchée.',
      skills: ['marches-publics', 'redaction-contenus', 'achats-responsables', 'veille-reglementaire'],
    },
    {
      title: 'Construire le catalogue de prestations d’un groupement ESS',
      task: 'Vous aiderez à formaliser l’offre commune des structures du groupement (prestations, prix, capacités) pour la présenter aux acheteurs.',
      profile: 'Profil commercial ou acheteur, à l’aise avec la rédaction de propositions.',
      skills: [
        'argumentation-commerciale',
        'achats-responsables',
        'prospection-commerciale',
        'graphisme-pao',
      ],
    },
    {
      title: 'Mettre en place un calcul de coût de revient',
      task: 'Vous aiderez la direction à calculer le coût de revient de chaque prestation pour fixer des prix justes et tenir les engagements de clauses sociales.',
      profile: 'Une expérience du contrôle de gestion ou de la comptabilité analytique est nécessaire.',
      skills: ['controle-gestion', 'analyse-financiere', 'modele-economique'],
    },
    {
      title: 'Négocier les achats d’un réseau d’épiceries solidaires',
      task: 'Vous aiderez le réseau à regrouper ses commandes, comparer les fournisseurs locaux et négocier des conditions adaptées aux petites structures.',
      profile: 'Une expérience d’acheteur ou d’approvisionneur est recherchée.',
      skills: [
        'negociation-fournisseurs',
        'gestion-approvisionnements',
        'evaluation-fournisseurs',
        'achats-sourcing',
      ],
    },
  ],
  'inclusion-numerique': [
    {
      title: 'Animer des ateliers d’inclusion numérique pour seniors',
      task: 'Vous animerez des ateliers en petits groupes : prendre un rendez-vous médical en ligne, échanger avec ses proches en visio, utiliser sa messagerie en sécurité.',
      profile:
        'Patience, pédagogie et aisance avec les outils numériques du quotidien suffisent ; une formation de médiateur numérique est un plus.',
      skills: [
        'animation-ateliers-numeriques',
        'accompagnement-numerique',
        'prise-en-main-smartphone',
        'ecoute-empathie',
        'securite-equipements',
      ],
    },
    {
      title: 'Accompagner les démarches administratives en ligne',
      task: 'Vous tiendrez des permanences d’aide aux démarches (CAF, impôts, France Travail, ANTS) et orienterez les personnes vers les bons interlocuteurs.',
      profile: 'Une bonne connaissance des services publics en ligne et de l’accueil du public est attendue.',
      skills: ['demarches-en-ligne', 'acces-droits-sociaux', 'accueil-public', 'orientation-dispositifs'],
    },
    {
      title: 'Reconditionner des ordinateurs pour des familles',
      task: 'Vous participerez au diagnostic, à l’effacement sécurisé et à la réinstallation d’ordinateurs donnés par des entreprises avant leur remise à prix solidaire.',
      profile:
        'Une expérience du support informatique ou de la maintenance de postes de travail est indispensable.',
      skills: [
        'reconditionnement-informatique',
        'installation-systemes',
        'maintenance-parc-informatique',
        'sauvegarde-donnees',
      ],
    },
    {
      title: 'Créer des tutoriels vidéo pour les usages numériques de base',
      task: 'Vous concevrez une série de courtes vidéos et de fiches pas à pas (créer une adresse électronique, scanner un document, utiliser FranceConnect).',
      profile: 'Vous savez vulgariser et avez déjà monté des vidéos ou conçu des supports pédagogiques.',
      skills: [
        'supports-pedagogiques',
        'realisation-video',
        'communication-accessible',
        'accompagnement-numerique',
      ],
    },
    {
      title: 'Refondre le site web de l’association',
      task: 'Vous aiderez l’équipe à choisir un outil simple, à réorganiser les contenus et à rendre le site accessible (RGAA) et lisible sur mobile.',
      profile: 'Une expérience de développement web ou de gestion de contenus est attendue.',
      skills: ['site-web-cms', 'developpement-web', 'redaction-contenus', 'communication-accessible'],
    },
  ],
  'mediation-sociale': [
    {
      title: 'Accueillir et orienter le public d’un point d’accès aux droits',
      task: 'Vous assurerez l’accueil, la première écoute et l’orientation des personnes vers les services adaptés (santé, logement, emploi, énergie).',
      profile:
        'Sens du service, écoute et calme sont essentiels ; une expérience du guichet en bureau de poste est un vrai atout.',
      skills: ['accueil-public', 'orientation-dispositifs', 'mediation-sociale', 'acces-droits-sociaux'],
    },
    {
      title: 'Traduire et accompagner des personnes non francophones',
      task: 'Vous accompagnerez des familles récemment arrivées dans leurs premières démarches et faciliterez les échanges avec les administrations.',
      profile: 'La maîtrise d’une langue étrangère (arabe, anglais, dari, ukrainien…) est indispensable.',
      skills: [
        'interpretariat',
        'arabe|anglais|ukrainien|persan|roumain|turc',
        'communication-interculturelle',
        'demarches-en-ligne',
      ],
    },
    {
      title: 'Organiser la logistique d’une épicerie solidaire',
      task: 'Vous réorganiserez la réception des dons, le stockage et la mise en rayon, et mettrez en place un suivi simple des stocks et des dates limites.',
      profile: 'Une expérience en plateforme, en entrepôt ou en gestion de stocks est recherchée.',
      skills: [
        'gestion-stocks-inventaires',
        'gestion-approvisionnements',
        'hygiene-chaine-froid',
        'vente-epicerie-solidaire',
        'tableur',
      ],
    },
    {
      title: 'Former les bénévoles à l’accueil des publics fragiles',
      task: 'Vous concevrez et animerez un module d’une demi-journée sur l’accueil, la gestion des situations tendues et la confidentialité.',
      profile: 'Une expérience de formateur ou de manager de proximité est souhaitée.',
      skills: ['animation-formation', 'gestion-conflits', 'ingenierie-formation', 'gestion-benevoles'],
    },
  ],
  'economie-circulaire': [
    {
      title: 'Tenir la comptabilité d’une ressourcerie',
      task: 'Vous accompagnerez la trésorière dans la saisie, le rapprochement bancaire et la préparation de la clôture annuelle avec l’expert-comptable.',
      profile:
        'Une formation ou une expérience en comptabilité est nécessaire ; la connaissance des associations est un plus.',
      skills: ['comptabilite-associative', 'comptabilite-generale', 'gestion-tresorerie', 'tableur'],
    },
    {
      title: 'Mettre en place une collecte de matériel informatique en entreprise',
      task: 'Vous concevrez le circuit de collecte des équipements réformés (enlèvement, traçabilité, effacement des données) avec les entreprises partenaires.',
      profile:
        'Une expérience de la logistique inversée, de la relation entreprise ou des achats est recherchée.',
      skills: ['logistique-inversee', 'tri-valorisation-dechets', 'partenariats', 'contrats-conventions'],
    },
    {
      title: 'Suivre les tonnages et l’impact environnemental d’une recyclerie',
      task: 'Vous construirez un tableau de bord des apports, des ventes et des tonnes détournées de l’enfouissement, utile aux financeurs et à la collectivité.',
      profile:
        'Vous aimez les données et les tableaux de bord ; une sensibilité environnementale est un plus.',
      skills: [
        'visualisation-donnees',
        'management-environnemental',
        'analyse-donnees',
        'evaluation-impact-social',
      ],
    },
    {
      title: 'Développer la boutique en ligne d’une ressourcerie',
      task: 'Vous aiderez l’équipe à photographier, décrire et mettre en ligne les objets de valeur, et à organiser le retrait ou l’expédition des commandes.',
      profile: 'Une expérience du commerce en ligne, du colis ou du marketing digital sera appréciée.',
      skills: ['site-web-cms', 'photographie', 'preparation-commandes', 'administration-ventes'],
    },
  ],
  'logistique-urbaine': [
    {
      title: 'Optimiser les collectes d’une banque alimentaire',
      task: 'Vous analyserez les tournées de ramasse en grandes surfaces et proposerez un plan de tournées qui réduit les kilomètres et le gaspillage.',
      profile: 'Une expérience de l’organisation des tournées (distribution, colis, transport) est idéale.',
      skills: [
        'planification-tournees',
        'logistique-collectes-dons',
        'gestion-flotte-vehicules',
        'analyse-donnees',
      ],
    },
    {
      title: 'Préparer la collecte nationale dans un entrepôt solidaire',
      task: 'Vous organiserez la réception, le tri et le stockage des denrées pendant la collecte, et encadrerez une équipe de bénévoles sur le quai.',
      profile:
        'Vous avez l’expérience d’une plateforme logistique ou d’un centre de tri et savez animer une équipe.',
      skills: [
        'gestion-entrepot',
        'management-equipe',
        'manutention',
        'gestion-benevoles',
        'hygiene-chaine-froid',
      ],
    },
    {
      title: 'Lancer une offre de livraison à vélo cargo',
      task: 'Vous aiderez l’association à dimensionner une offre de livraison du dernier kilomètre en mobilité douce : zones, tarifs, partenaires et indicateurs.',
      profile: 'Une expérience de la livraison urbaine, du colis ou de la gestion de projet est recherchée.',
      skills: [
        'livraison-velo-cargo',
        'modele-economique',
        'gestion-projet',
        'organisation-chaine-logistique',
      ],
    },
    {
      title: 'Réorganiser le stockage en froid d’une banque alimentaire',
      task: 'Vous proposerez une nouvelle organisation des chambres froides et des règles de rotation des produits frais pour limiter les pertes.',
      profile:
        'Une expérience de l’entrepôt, de la chaîne du froid ou de la conduite de chariot est un atout.',
      skills: [
        'hygiene-chaine-froid',
        'gestion-stocks-inventaires',
        'conduite-chariot-elevateur',
        'gestion-entrepot',
      ],
    },
  ],
  'transition-energetique': [
    {
      title: 'Repérer les ménages en précarité énergétique',
      task: 'Vous participerez à des visites à domicile pour repérer les situations de précarité, conseiller sur les éco-gestes et orienter vers les aides à la rénovation.',
      profile:
        'Aisance relationnelle et intérêt pour les économies d’énergie ; une connaissance du terrain (facteur, conseiller) est un atout.',
      skills: ['economies-energie', 'diagnostic-energetique', 'ecoute-empathie', 'orientation-dispositifs'],
    },
    {
      title: 'Monter les dossiers d’aides à la rénovation énergétique',
      task: 'Vous aiderez les familles accompagnées à constituer leurs dossiers MaPrimeRénov’ et à suivre les devis des artisans.',
      profile:
        'Rigueur administrative et première connaissance du bâtiment ou des aides publiques sont attendues.',
      skills: [
        'renovation-energetique',
        'dossiers-subvention',
        'diagnostic-batiment',
        'accompagnement-social-individuel',
      ],
    },
    {
      title: 'Animer des ateliers sur les économies d’énergie',
      task: 'Vous animerez des ateliers collectifs sur la lecture des factures, les éco-gestes et les aides existantes, en lien avec les bailleurs sociaux.',
      profile: 'Goût de la pédagogie et intérêt pour la transition écologique.',
      skills: ['economies-energie', 'animation-formation', 'education-budgetaire', 'prise-de-parole'],
    },
    {
      title: 'Réaliser le bilan carbone d’une association',
      task: 'Vous collecterez les données (énergie, déplacements, achats) et construirez avec l’équipe un premier bilan et un plan d’action réaliste.',
      profile: 'Une sensibilité environnementale et l’aisance avec les données chiffrées sont attendues.',
      skills: ['management-environnemental', 'analyse-donnees', 'pratiques-durables', 'tableur'],
    },
  ],
  'insertion-emploi': [
    {
      title: 'Préparer des salariés en insertion aux entretiens d’embauche',
      task: 'Vous mènerez des simulations d’entretien, aiderez à rédiger CV et lettres et partagerez votre connaissance des métiers du Groupe La Poste.',
      profile: 'Une expérience du recrutement, du management ou des ressources humaines est recherchée.',
      skills: ['recrutement', 'insertion-professionnelle', 'coaching-individuel', 'fiches-de-poste'],
    },
    {
      title: 'Construire le plan de formation d’un atelier chantier d’insertion',
      task: 'Vous aiderez l’encadrement à recenser les compétences, identifier les formations finançables et bâtir un plan annuel.',
      profile: 'Une expérience RH (formation, développement des compétences) est attendue.',
      skills: ['gestion-competences', 'ingenierie-formation', 'gestion-projet'],
    },
    {
      title: 'Accompagner la mise en conformité sociale d’une structure d’insertion',
      task: 'Vous aiderez la direction à mettre à jour le règlement intérieur, le document unique et les procédures de paie liées aux contrats aidés.',
      profile: 'Une connaissance du droit du travail ou de la paie est indispensable.',
      skills: ['droit-travail', 'paie', 'administration-personnel', 'securite-locaux'],
    },
    {
      title: 'Parrainer des jeunes vers l’emploi',
      task: 'Vous suivrez deux à trois jeunes accompagnés pendant plusieurs mois : point mensuel, découverte de votre métier, mise en relation avec votre réseau.',
      profile: 'Envie de transmettre et disponibilité régulière ; tous les métiers du Groupe sont utiles.',
      skills: [
        'tutorat-mentorat',
        'insertion-professionnelle',
        'orientation-professionnelle',
        'reseau-professionnel',
      ],
    },
  ],
  handicap: [
    {
      title: 'Améliorer l’accessibilité des outils numériques d’un ESAT',
      task: 'Vous réaliserez un audit d’accessibilité des outils utilisés par les travailleurs et proposerez des adaptations simples (facile à lire, pictogrammes).',
      profile:
        'Une connaissance de l’accessibilité numérique (RGAA) ou du design de services est recherchée.',
      skills: ['communication-accessible', 'site-web-cms', 'analyse-besoins', 'accompagnement-handicap'],
    },
    {
      title: 'Développer l’activité commerciale d’une entreprise adaptée',
      task: 'Vous aiderez l’équipe à identifier de nouveaux clients (collectivités, entreprises du Groupe) et à structurer le suivi commercial.',
      profile: 'Profil commercial ou chargé de clientèle entreprises, à l’aise avec la prospection.',
      skills: [
        'prospection-commerciale',
        'argumentation-commerciale',
        'achats-responsables',
        'fichier-clients-crm',
      ],
    },
    {
      title: 'Réorganiser l’atelier de conditionnement d’un ESAT',
      task: 'Vous analyserez les flux de l’atelier de mise sous pli et de conditionnement et proposerez une organisation plus sûre et plus ergonomique.',
      profile:
        'Une expérience de la production, de l’amélioration continue ou du traitement du courrier est idéale.',
      skills: ['organisation-processus', 'demarche-qualite', 'securite-locaux', 'preparation-commandes'],
    },
    {
      title: 'Traduire en « facile à lire et à comprendre » les documents d’un foyer',
      task: 'Vous réécrirez avec des résidents le livret d’accueil, le règlement et les affichages en FALC, puis les ferez relire par un groupe de validation.',
      profile: 'Une bonne plume et de la patience suffisent ; une formation au FALC est un plus.',
      skills: ['communication-accessible', 'redaction-contenus', 'accompagnement-handicap'],
    },
  ],
  'revitalisation-rurale': [
    {
      title: 'Réaliser un diagnostic des besoins de services dans un bourg rural',
      task: 'Vous mènerez une enquête auprès des habitants et des commerçants et synthétiserez les besoins (services postaux, santé, mobilité, commerce).',
      profile:
        'Une expérience des études, de l’analyse de données ou de la conduite d’entretiens est recherchée.',
      skills: ['enquetes-terrain', 'analyse-besoins', 'diagnostic-strategique', 'analyse-donnees'],
    },
    {
      title: 'Accompagner la reprise d’un commerce multiservices en association',
      task: 'Vous aiderez les bénévoles à préparer le plan de financement, les statuts et les demandes de subventions pour rouvrir le dernier commerce du village.',
      profile: 'Une expérience en gestion, juridique ou accompagnement de créateurs est attendue.',
      skills: ['modele-economique', 'redaction-statuts', 'dossiers-subvention', 'gestion-budgetaire'],
    },
    {
      title: 'Structurer la gouvernance d’une association de territoire',
      task: 'Vous accompagnerez le conseil d’administration dans la clarification des rôles, l’animation des bénévoles et la préparation de l’assemblée générale.',
      profile:
        'Une expérience de management, de conduite du changement ou de la vie associative est bienvenue.',
      skills: ['gouvernance-associative', 'conduite-changement', 'gestion-benevoles', 'animation-reunions'],
    },
    {
      title: 'Organiser un service de navette solidaire',
      task: 'Vous aiderez à mettre en place le planning des chauffeurs bénévoles, les règles de réservation et le suivi des trajets vers les services de santé.',
      profile:
        'Le sens de l’organisation suffit ; une expérience du transport ou de la planification est un plus.',
      skills: ['planification-tournees', 'gestion-benevoles', 'accueil-public', 'assurances'],
    },
  ],
};

/** Opening sentences, per domain: `{asso}` and `{lieu}` (" à Lyon", or "" for remote work) are filled in. */
export const MISSION_CONTEXTS: Readonly<Record<string, readonly string[]>> = {
  'lieux-partages': [
    '{asso} fait vivre un lieu partagé où se croisent services de proximité, commerce et vie associative{lieu}.',
    'Dans le cadre de l’Alliance Dynamique, {asso} accueille des services postaux dans un lieu animé par ses bénévoles{lieu}.',
  ],
  'services-domicile': [
    '{asso} permet chaque année à des centaines de personnes âgées ou fragiles de rester chez elles{lieu}.',
    'Le vieillissement de la population augmente fortement les demandes d’accompagnement à domicile reçues par {asso}{lieu}.',
  ],
  'inclusion-bancaire': [
    '{asso} accompagne les ménages en fragilité financière, en lien avec La Banque Postale et ses partenaires{lieu}.',
    'Face à la hausse des situations de surendettement, {asso} renforce son accompagnement budgétaire{lieu}.',
  ],
  'achats-responsables': [
    '{asso} aide les structures de l’insertion et du secteur adapté à décrocher des marchés, notamment à clauses sociales{lieu}.',
    'Les achats responsables font vivre des centaines d’emplois inclusifs : {asso} veut développer les siens{lieu}.',
  ],
  'inclusion-numerique': [
    'Treize millions de personnes restent éloignées du numérique en France : {asso} les accompagne vers l’autonomie{lieu}.',
    '{asso} détecte, accompagne et forme les personnes en difficulté avec le numérique{lieu}.',
  ],
  'mediation-sociale': [
    '{asso} facilite l’accès aux droits et aux services des personnes fragiles{lieu}.',
    'Ses médiateurs reçoivent chaque semaine des dizaines de personnes orientées notamment par les bureaux de poste : {asso} a besoin de renfort{lieu}.',
  ],
  'economie-circulaire': [
    '{asso} collecte, répare et revend à petit prix des objets qui auraient fini à la benne{lieu}.',
    'Réemploi, réparation et recyclage sont au cœur du projet de {asso}{lieu}.',
  ],
  'logistique-urbaine': [
    '{asso} fait circuler chaque mois des tonnes de marchandises entre donateurs et associations{lieu}.',
    '{asso} développe une logistique de proximité sobre en carbone{lieu}.',
  ],
  'transition-energetique': [
    '{asso} lutte contre la précarité énergétique et accompagne les ménages vers des logements mieux isolés{lieu}.',
    'Les factures d’énergie pèsent lourd sur les familles accompagnées par {asso}{lieu}.',
  ],
  'insertion-emploi': [
    '{asso} accompagne vers l’emploi durable des personnes qui en sont éloignées{lieu}.',
    'Chaque année, {asso} propose un contrat et un accompagnement à des dizaines de salariés en parcours d’insertion{lieu}.',
  ],
  handicap: [
    '{asso} favorise l’emploi et l’autonomie des personnes en situation de handicap{lieu}.',
    'Partenaire des achats inclusifs du Groupe La Poste, {asso} fait travailler des personnes en situation de handicap{lieu}.',
  ],
  'revitalisation-rurale': [
    '{asso} se bat pour maintenir des services et du lien social dans les communes rurales{lieu}.',
    'Dans un territoire où les services ferment les uns après les autres, {asso} porte des projets qui font revivre le bourg{lieu}.',
  ],
};

/** Closing sentences, per mission mode. */
export const MISSION_PRACTICALITIES: Readonly<Record<'onsite' | 'hybrid' | 'remote', readonly string[]>> = {
  onsite: [
    'La mission se déroule sur place, en journée, selon un planning fixé avec vous.',
    'Les interventions ont lieu dans nos locaux, par demi-journées.',
  ],
  hybrid: [
    'Une partie du travail peut se faire à distance ; quelques demi-journées sur place sont prévues.',
    'La mission alterne réunions à distance et temps sur place avec l’équipe.',
  ],
  remote: [
    'La mission se fait entièrement à distance, avec un point hebdomadaire en visioconférence.',
    'Tout se fait à distance : un référent de l’association vous accompagne tout au long de la mission.',
  ],
};

/** Association self-descriptions, per main domain: `{name}` and `{commune}` are filled in. */
export const ASSOCIATION_DESCRIPTIONS: Readonly<Record<string, string>> = {
  'lieux-partages':
    '{name} anime à {commune} un lieu ouvert à tous qui réunit services de proximité, ateliers, espace de travail partagé et permanences associatives.',
  'services-domicile':
    '{name} aide les personnes âgées, malades ou en situation de handicap à vivre chez elles à {commune} et alentour : aide à domicile, portage de repas, visites de convivialité.',
  'inclusion-bancaire':
    '{name} accompagne à {commune} les personnes en difficulté financière : éducation budgétaire, prévention du surendettement et accès au microcrédit.',
  'achats-responsables':
    '{name} fédère autour de {commune} des structures d’insertion et du secteur adapté pour répondre ensemble aux achats des entreprises et des collectivités.',
  'inclusion-numerique':
    '{name} accompagne à {commune} les personnes éloignées du numérique : ateliers, aide aux démarches en ligne et équipement à prix solidaire.',
  'mediation-sociale':
    '{name} accueille, écoute et oriente à {commune} les habitants qui ont besoin d’aide pour accéder à leurs droits et aux services publics.',
  'economie-circulaire':
    '{name} donne une seconde vie aux objets à {commune} : collecte, tri, réparation et revente solidaire, avec des salariés en insertion.',
  'logistique-urbaine':
    '{name} collecte et redistribue à {commune} des denrées et des biens au profit des associations d’aide alimentaire, avec une logistique sobre.',
  'transition-energetique':
    '{name} aide les ménages modestes de {commune} et des environs à réduire leurs factures d’énergie et à rénover leur logement.',
  'insertion-emploi':
    '{name} propose à {commune} des contrats de travail et un accompagnement socioprofessionnel à des personnes éloignées de l’emploi.',
  handicap:
    '{name} accompagne à {commune} des personnes en situation de handicap dans le travail, le logement et la vie sociale.',
  'revitalisation-rurale':
    '{name} fait vivre le territoire autour de {commune} : services de proximité, commerce solidaire, animations et lien entre générations.',
};
