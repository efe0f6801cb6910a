import { NOTIFICATION_FREQUENCIES } from '@passerelle/domain';
import { z } from 'zod';

const frequency = z.enum(NOTIFICATION_FREQUENCIES);

// The request body lives in @passerelle/domain: the web's form validates with the very same schema.
export { preferencesBody } from '@passerelle/domain';

export const preferencesResponse = z.object({
  recommendations: frequency,
  activity: frequency,
  lastDigestAt: z.string().nullable(),
});
export type PreferencesResponse = z.infer<typeof preferencesResponse>;

const token = z.string().min(10).max(200);

export const unsubscribeQuery = z.strictObject({ token: token.optional() });
export const unsubscribePageQuery = z.strictObject({
  token: z.string().max(200).optional(),
  /** Set by the redirect after the page's own form: show the confirmation. */
  done: z.literal('1').optional(),
});

/**
 * RFC 8058 one-click: mail providers POST `List-Unsubscribe=One-Click` as a form, the token being in
 * the URL. A JSON client may send the token in the body instead. Other fields are ignored: a
 * provider adding one must not turn an unsubscribe into a 400.
 */
export const unsubscribeBody = z
  .object({
    token: token.optional(),
    'List-Unsubscribe': z.string().max(50).optional(),
    /** Set by the confirmation page's form, which wants a page back rather than JSON. */
    source: z.literal('page').optional(),
  })
  .optional();

export const okResponse = z.object({ ok: z.literal(true) });
