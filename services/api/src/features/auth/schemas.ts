import { ROLES } from '@passerelle/domain';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from './passwords';

export const email = z.string().trim().toLowerCase().max(254).email('must be a valid email address');

export const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256);

export const registerBody = z.strictObject({
  email,
  password,
  firstName: z.string().trim().min(1).max(100),
  lastName: z.string().trim().min(1).max(100),
  role: z.enum(['postier', 'association']),
});

export const loginBody = z.strictObject({ email, password: z.string().min(1).max(256) });
export const tokenBody = z.strictObject({ token: z.string().min(10).max(200) });
export const passwordResetRequestBody = z.strictObject({ email });
export const passwordResetConfirmBody = z.strictObject({ token: z.string().min(10).max(200), password });

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
