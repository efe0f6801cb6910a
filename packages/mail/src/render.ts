import { oneLine, renderLayout } from './layout';
import { createLinks, parseHttpUrl } from './links';
import { TEMPLATES, type TemplateDefinition } from './templates';
import type { EmailRequest, RenderContext, RenderedEmail, TemplateDataMap, TemplateName } from './types';

/** Every template name, in a stable order (a notifier checks at boot that each one renders). */
export const TEMPLATE_NAMES: readonly TemplateName[] = Object.freeze(
  Object.keys(TEMPLATES) as TemplateName[],
);

export function isTemplateName(value: unknown): value is TemplateName {
  return typeof value === 'string' && Object.hasOwn(TEMPLATES, value);
}

function renderWith<K extends TemplateName>(
  template: K,
  data: TemplateDataMap[K],
  ctx: RenderContext,
): RenderedEmail {
  if (!isTemplateName(template)) throw new TypeError(`Unknown email template: ${String(template)}`);
  const definition: TemplateDefinition<TemplateDataMap[K]> = TEMPLATES[template];
  const links = createLinks(ctx.publicUrl);
  const unsubscribeUrl = ctx.unsubscribeUrl
    ? parseHttpUrl(ctx.unsubscribeUrl, 'unsubscribeUrl').href
    : undefined;
  const content = definition.build(data, links);
  const { html, text } = renderLayout(content, unsubscribeUrl ? { unsubscribeUrl } : {});
  return {
    subject: oneLine(content.subject),
    html,
    text,
    listUnsubscribe: definition.listUnsubscribe,
  };
}

/**
 * Renders a French transactional email (subject, HTML, plain text). Pure: no I/O, no clock.
 * Throws on an unknown template, on a `publicUrl` or `unsubscribeUrl` that is not http(s),
 * and on malformed dates or numbers. The data type follows the template name; when the name is only
 * known as a union (an event dispatcher), build an `EmailRequest` and use `renderEmailRequest`.
 */
export function renderEmail<K extends TemplateName>(
  template: K,
  data: TemplateDataMap[K],
  ctx: RenderContext,
): RenderedEmail {
  return renderWith(template, data, ctx);
}

/** Same as `renderEmail`, for a `{ template, data }` pair built elsewhere (e.g. per outbox event). */
export function renderEmailRequest(request: EmailRequest, ctx: RenderContext): RenderedEmail {
  return renderWith(request.template, request.data, ctx);
}
