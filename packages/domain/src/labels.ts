import type {
  ApplicationStatus,
  HrStatus,
  LabelStatus,
  MissionMode,
  MissionStatus,
  Role,
  TimeEntryStatus,
} from './enums';

/** French labels for every enum shown to people. */
export const ROLE_LABELS: Record<Role, string> = {
  postier: 'Postier·ère',
  association: 'Association',
  hr: 'Ressources humaines',
  admin: 'Administration Alliance Dynamique',
};

export const LABEL_STATUS_LABELS: Record<LabelStatus, string> = {
  pending: 'En attente de label',
  labelled: 'Labellisée',
  rejected: 'Refusée',
  suspended: 'Suspendue',
};

export const MISSION_MODE_LABELS: Record<MissionMode, string> = {
  onsite: 'Sur site',
  hybrid: 'Hybride',
  remote: 'À distance',
};

export const MISSION_STATUS_LABELS: Record<MissionStatus, string> = {
  draft: 'Brouillon',
  published: 'Publiée',
  filled: 'Complète',
  closed: 'Clôturée',
};

export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: 'Envoyée',
  accepted: 'Acceptée',
  declined: 'Déclinée',
  withdrawn: 'Retirée',
};

export const HR_STATUS_LABELS: Record<HrStatus, string> = {
  pending: 'En attente RH',
  approved: 'Approuvée par les RH',
  refused: 'Refusée par les RH',
};

export const TIME_ENTRY_STATUS_LABELS: Record<TimeEntryStatus, string> = {
  submitted: 'Déclarées',
  confirmed: "Confirmées par l'association",
  validated: 'Validées par les RH',
  rejected: 'Rejetées',
};

export const SKILL_LEVEL_LABELS: Record<1 | 2 | 3 | 4, string> = {
  1: 'Notions',
  2: 'Pratique',
  3: 'Maîtrise',
  4: 'Expertise',
};
