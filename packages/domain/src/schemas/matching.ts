import { z } from 'zod';

const INVITATIONS = 'Un nombre entier entre 1 et 50.';

export const invitationsBody = z.strictObject({
  count: z.number('Saisissez un nombre.').int(INVITATIONS).min(1, INVITATIONS).max(50, INVITATIONS),
});
