import { z } from 'zod';
import { NOTIFICATION_FREQUENCIES } from '../enums';

const frequency = z.enum(NOTIFICATION_FREQUENCIES, 'Choisissez un rythme dans la liste.');

export const preferencesBody = z.strictObject({
  /** Recommended missions and invitations: at once, in a daily or weekly digest, or never. */
  recommendations: frequency,
  /** Applications, decisions and hours: at once, in a digest, or never. */
  activity: frequency,
});
