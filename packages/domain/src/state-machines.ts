import type { ApplicationStatus, HrStatus, LabelStatus, MissionStatus, TimeEntryStatus } from './enums';

type Transitions<S extends string> = Readonly<Record<S, readonly S[]>>;

export const LABEL_TRANSITIONS: Transitions<LabelStatus> = {
  pending: ['labelled', 'rejected'],
  labelled: ['suspended'],
  suspended: ['labelled'],
  rejected: [],
};

export const MISSION_TRANSITIONS: Transitions<MissionStatus> = {
  draft: ['published', 'closed'],
  published: ['filled', 'closed'],
  // A withdrawal or a decline can free a seat again.
  filled: ['published', 'closed'],
  closed: [],
};

export const APPLICATION_TRANSITIONS: Transitions<ApplicationStatus> = {
  submitted: ['accepted', 'declined', 'withdrawn'],
  accepted: ['withdrawn'],
  declined: [],
  withdrawn: [],
};

export const HR_TRANSITIONS: Transitions<HrStatus> = {
  pending: ['approved', 'refused'],
  approved: [],
  refused: [],
};

export const TIME_ENTRY_TRANSITIONS: Transitions<TimeEntryStatus> = {
  submitted: ['confirmed', 'rejected'],
  confirmed: ['validated', 'rejected'],
  validated: [],
  rejected: [],
};

export function canTransition<S extends string>(machine: Transitions<S>, from: S, to: S): boolean {
  return machine[from].includes(to);
}
