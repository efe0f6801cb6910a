import { DELIVERY_STATUSES } from '@passerelle/domain';
import { z } from 'zod';
import { pageOf, pageQuery } from '../../lib/pagination';

export const deliveriesQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(DELIVERY_STATUSES).optional(),
});

export const deliveryParams = z.strictObject({ id: z.uuid() });

export const delivery = z.object({
  id: z.uuid(),
  status: z.enum(DELIVERY_STATUSES),
  template: z.string(),
  /** Outbox event that caused it; null for digests. */
  eventId: z.number().int().nullable(),
  eventType: z.string().nullable(),
  dedupeKey: z.string(),
  messageId: z.string(),
  recipientUserId: z.uuid().nullable(),
  /** Admins act on a failed delivery (a mailbox that no longer exists): they need to see whose. */
  recipientEmail: z.string().nullable(),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const deliveriesResponse = pageOf(delivery);

export const retryResponse = z.object({
  id: z.uuid(),
  status: z.literal('pending'),
  /** The outbox event that asks the notifier to send it again. */
  eventId: z.number().int(),
});
