import { ROLES } from '@passerelle/domain';
import { z } from 'zod';

// Request bodies live in @passerelle/domain: the web's forms validate with the very same schemas.
export {
  loginBody,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  registerBody,
  tokenBody,
} from '@passerelle/domain';

export const sessionResponse = z.object({
  accessToken: z.string(),
  tokenType: z.literal('Bearer'),
  expiresIn: z.number().int(),
  user: z.object({
    id: z.string().uuid(),
    email: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    role: z.enum(ROLES),
    emailVerified: z.boolean(),
  }),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const registeredResponse = z.object({ id: z.string().uuid(), email: z.string(), role: z.enum(ROLES) });
export const okResponse = z.object({ ok: z.literal(true) });
