import { z } from 'zod';

export const LABEL_DECISIONS = ['labelled', 'rejected', 'suspended'] as const;
export type LabelDecision = (typeof LABEL_DECISIONS)[number];

export const labelBody = z.strictObject({
  decision: z.enum(LABEL_DECISIONS, 'Choisissez une décision.'),
  /** Required to reject or suspend (the api's verb says so): the association's members receive it. */
  reason: z.string('Le motif est un texte.').trim().max(2000, 'Au plus 2 000 caractères.').optional(),
});
