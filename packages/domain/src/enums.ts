/** Enumerations shared by the database checks, the api schemas and the web app. */
export const ROLES = ['postier', 'association', 'hr', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const USER_STATUSES = ['active', 'disabled', 'erased'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

export const LABEL_STATUSES = ['pending', 'labelled', 'rejected', 'suspended'] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

export const MISSION_MODES = ['onsite', 'hybrid', 'remote'] as const;
export type MissionMode = (typeof MISSION_MODES)[number];

export const MISSION_STATUSES = ['draft', 'published', 'filled', 'closed'] as const;
export type MissionStatus = (typeof MISSION_STATUSES)[number];

export const APPLICATION_STATUSES = ['submitted', 'accepted', 'declined', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const HR_STATUSES = ['pending', 'approved', 'refused'] as const;
export type HrStatus = (typeof HR_STATUSES)[number];

export const TIME_ENTRY_STATUSES = ['submitted', 'confirmed', 'validated', 'rejected'] as const;
export type TimeEntryStatus = (typeof TIME_ENTRY_STATUSES)[number];

export const SKILL_LEVELS = [1, 2, 3, 4] as const;
export type SkillLevel = (typeof SKILL_LEVELS)[number];

export const NOTIFICATION_FREQUENCIES = ['immediate', 'daily', 'weekly', 'never'] as const;
export type NotificationFrequency = (typeof NOTIFICATION_FREQUENCIES)[number];

export const TOKEN_PURPOSES = ['verify_email', 'password_reset', 'hr_invitation', 'unsubscribe'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
