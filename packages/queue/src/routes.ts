import { QUEUES, type QueueName } from './names';

/**
 * Which queues hear which outbox events. The notifier hears everything (it decides which
 * events make emails); the matcher only what changes a ranking.
 */
const MATCHING_EVENTS = new Set([
  'mission.published',
  'mission.updated',
  'mission.closed',
  'mission.filled',
  'profile.updated',
  'application.submitted',
  'application.withdrawn',
  'invitations.requested',
]);

export function queuesFor(eventType: string): QueueName[] {
  const queues: QueueName[] = [QUEUES.notifications];
  if (MATCHING_EVENTS.has(eventType)) queues.push(QUEUES.matching);
  return queues;
}
