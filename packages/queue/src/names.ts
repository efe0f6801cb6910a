/** One queue per consumer; job names are the outbox event types. */
export const QUEUES = {
  matching: 'matching',
  notifications: 'notifications',
  maintenance: 'maintenance',
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
