import {
  APPLICATION_STATUS_LABELS,
  type ApplicationStatus,
  HR_STATUS_LABELS,
  type HrStatus,
  LABEL_STATUS_LABELS,
  type LabelStatus,
  MISSION_MODE_LABELS,
  MISSION_STATUS_LABELS,
  type MissionMode,
  type MissionStatus,
  TIME_ENTRY_STATUS_LABELS,
  type TimeEntryStatus,
} from '@passerelle/domain';
import { StatusBadge } from './page';

type Tone = 'neutral' | 'success' | 'warning' | 'danger' | 'info';

const MISSION_TONES: Record<MissionStatus, Tone> = {
  draft: 'neutral',
  published: 'success',
  filled: 'info',
  closed: 'neutral',
};
const APPLICATION_TONES: Record<ApplicationStatus, Tone> = {
  submitted: 'info',
  accepted: 'success',
  declined: 'danger',
  withdrawn: 'neutral',
};
const HR_TONES: Record<HrStatus, Tone> = { pending: 'warning', approved: 'success', refused: 'danger' };
const LABEL_TONES: Record<LabelStatus, Tone> = {
  pending: 'warning',
  labelled: 'success',
  rejected: 'danger',
  suspended: 'danger',
};
const TIME_TONES: Record<TimeEntryStatus, Tone> = {
  submitted: 'info',
  confirmed: 'warning',
  validated: 'success',
  rejected: 'danger',
};

export const MissionStatusBadge = ({ status }: { status: MissionStatus }) => (
  <StatusBadge tone={MISSION_TONES[status] ?? 'neutral'}>
    {MISSION_STATUS_LABELS[status] ?? status}
  </StatusBadge>
);

export const ApplicationStatusBadge = ({ status }: { status: ApplicationStatus }) => (
  <StatusBadge tone={APPLICATION_TONES[status] ?? 'neutral'}>
    {APPLICATION_STATUS_LABELS[status] ?? status}
  </StatusBadge>
);

export const HrStatusBadge = ({ status }: { status: HrStatus }) => (
  <StatusBadge tone={HR_TONES[status] ?? 'neutral'}>{HR_STATUS_LABELS[status] ?? status}</StatusBadge>
);

export const LabelStatusBadge = ({ status }: { status: LabelStatus }) => (
  <StatusBadge tone={LABEL_TONES[status] ?? 'neutral'}>{LABEL_STATUS_LABELS[status] ?? status}</StatusBadge>
);

export const TimeEntryStatusBadge = ({ status }: { status: TimeEntryStatus }) => (
  <StatusBadge tone={TIME_TONES[status] ?? 'neutral'}>
    {TIME_ENTRY_STATUS_LABELS[status] ?? status}
  </StatusBadge>
);

export const modeLabel = (mode: MissionMode) => MISSION_MODE_LABELS[mode] ?? mode;
