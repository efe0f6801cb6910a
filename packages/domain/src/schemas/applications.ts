import { z } from 'zod';
import { reasonField } from './fields';

export const submitApplicationBody = z.strictObject({
  motivation: z
    .string('Expliquez votre motivation.')
    .trim()
    .min(20, 'Expliquez votre motivation en 20 caractères au moins.')
    .max(2000, 'Au plus 2 000 caractères.'),
});

/** Declining an application, rejecting or disputing hours: the person concerned reads the reason. */
export const reasonBody = z.strictObject({ reason: reasonField });

export const declineApplicationBody = reasonBody;
