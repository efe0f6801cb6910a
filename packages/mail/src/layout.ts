import { escapeHtml } from './escape';
import { NBSP } from './format';

/**
 * One layout for every email. Templates describe their content as blocks; this module turns the
 * blocks into an accessible HTML email and a plain-text mirror, so both always say the same thing
 * and escaping happens in one place.
 */

export type Inline = string | { strong: string } | { link: string; href: string };

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'subheading'; text: string }
  /** Free text written by someone else (a reason, a comment), shown set apart. */
  | { kind: 'quote'; label: string; text: string }
  | { kind: 'list'; items: Inline[][] }
  | { kind: 'facts'; rows: { label: string; value: string }[] }
  | { kind: 'card'; title: string; href: string; meta: string[]; bulletsLabel?: string; bullets: string[] }
  /** Main call to action, with the URL written out below it. */
  | { kind: 'button'; label: string; href: string };

export interface EmailContent {
  subject: string;
  /** Inbox preview text. */
  preheader: string;
  heading: string;
  blocks: Block[];
  /** Why the recipient gets this email, shown in the footer. */
  why: string;
  /** Link to the notification preferences, for optional emails. */
  preferencesHref?: string;
}

export interface LayoutOptions {
  unsubscribeUrl?: string;
}

const COLORS = {
  text: '#1a1a1a',
  muted: '#4d4d4d',
  link: '#003DA5',
  accent: '#FFC928',
  page: '#f4f4f4',
  card: '#ffffff',
  border: '#d9d9d9',
} as const;

const FONT = 'Arial, Helvetica, sans-serif';
const LINK_STYLE = `color:${COLORS.link};text-decoration:underline;`;
const P_STYLE = 'margin:0 0 16px 0;';
const BRAND = 'Passerelle';
const PROGRAMME = 'Alliance Dynamique · La Poste';

/**
 * Turns line breaks and tabs into spaces and collapses runs of spaces (a subject is a single header
 * line). Non-breaking spaces, which French typography needs, are kept.
 */
export function oneLine(value: string): string {
  return value
    .replace(/[\t\n\v\f\r\u0085\u2028\u2029]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function htmlMultiline(value: string): string {
  return escapeHtml(value.trim()).replace(/\r\n|\r|\n/g, '<br>');
}

function htmlLink(label: string, href: string, extraStyle = ''): string {
  return `<a href="${escapeHtml(href)}" style="${LINK_STYLE}${extraStyle}">${escapeHtml(label)}</a>`;
}

function htmlInline(content: Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return escapeHtml(part);
      if ('strong' in part) return `<strong>${escapeHtml(part.strong)}</strong>`;
      return htmlLink(part.link, part.href);
    })
    .join('');
}

function textInline(content: Inline[]): string {
  return content
    .map((part) => {
      if (typeof part === 'string') return part;
      if ('strong' in part) return part.strong;
      return `${part.link} (${part.href})`;
    })
    .join('');
}

function htmlBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p style="${P_STYLE}">${htmlInline(block.content)}</p>`;
    case 'subheading':
      return `<h2 style="margin:24px 0 12px 0;font-size:18px;line-height:1.3;color:${COLORS.text};">${escapeHtml(block.text)}</h2>`;
    case 'quote':
      return [
        `<p style="margin:0 0 4px 0;font-weight:bold;">${escapeHtml(block.label)}${NBSP}:</p>`,
        `<blockquote style="margin:0 0 16px 0;padding:8px 16px;border-left:4px solid ${COLORS.accent};background-color:${COLORS.page};">${htmlMultiline(block.text)}</blockquote>`,
      ].join('\n');
    case 'list':
      return `<ul style="margin:0 0 16px 0;padding-left:24px;">${block.items
        .map((item) => `<li style="margin:0 0 8px 0;">${htmlInline(item)}</li>`)
        .join('')}</ul>`;
    case 'facts':
      return `<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;border-collapse:collapse;">${block.rows
        .map(
          (row) =>
            `<tr><td style="padding:4px 16px 4px 0;color:${COLORS.muted};">${escapeHtml(row.label)}</td><td style="padding:4px 0;font-weight:bold;">${escapeHtml(row.value)}</td></tr>`,
        )
        .join('')}</table>`;
    case 'card': {
      const meta = block.meta.length
        ? `<p style="margin:0 0 8px 0;color:${COLORS.muted};font-size:14px;">${block.meta.map(escapeHtml).join(' · ')}</p>`
        : '';
      const label = block.bulletsLabel
        ? `<p style="margin:0 0 4px 0;font-size:14px;">${escapeHtml(block.bulletsLabel)}${NBSP}:</p>`
        : '';
      const bullets = block.bullets.length
        ? `${label}<ul style="margin:0;padding-left:20px;font-size:14px;">${block.bullets
            .map((bullet) => `<li>${escapeHtml(bullet)}</li>`)
            .join('')}</ul>`
        : '';
      return [
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 16px 0;border:1px solid ${COLORS.border};border-left:4px solid ${COLORS.accent};">`,
        `<tr><td style="padding:12px 16px;">`,
        `<h2 style="margin:0 0 4px 0;font-size:16px;line-height:1.3;">${htmlLink(block.title, block.href)}</h2>`,
        meta,
        bullets,
        '</td></tr></table>',
      ].join('');
    }
    case 'button':
      return [
        '<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 16px 0;">',
        `<tr><td style="background-color:${COLORS.accent};border:2px solid ${COLORS.text};border-radius:4px;">`,
        `<a href="${escapeHtml(block.href)}" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:16px;font-weight:bold;color:${COLORS.text};text-decoration:underline;">${escapeHtml(block.label)}</a>`,
        '</td></tr></table>',
        `<p style="margin:0 0 16px 0;font-size:14px;color:${COLORS.muted};">Si le bouton ne fonctionne pas, copiez ce lien dans votre navigateur${NBSP}:<br>`,
        `${htmlLink(block.href, block.href, 'word-break:break-all;')}</p>`,
      ].join('');
  }
}

function textBlock(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return textInline(block.content);
    case 'subheading':
      return `${block.text}\n${'-'.repeat(Math.min(block.text.length, 60))}`;
    case 'quote':
      return `${block.label}${NBSP}:\n${block.text
        .trim()
        .split(/\r\n|\r|\n/)
        .map((line) => `> ${line}`)
        .join('\n')}`;
    case 'list':
      return block.items.map((item) => `- ${textInline(item)}`).join('\n');
    case 'facts':
      return block.rows.map((row) => `${row.label}${NBSP}: ${row.value}`).join('\n');
    case 'card': {
      const lines = [`* ${block.title}`];
      if (block.meta.length) lines.push(`  ${block.meta.join(' · ')}`);
      if (block.bullets.length) {
        if (block.bulletsLabel) lines.push(`  ${block.bulletsLabel}${NBSP}:`);
        for (const bullet of block.bullets) lines.push(`    - ${bullet}`);
      }
      lines.push(`  ${block.href}`);
      return lines.join('\n');
    }
    case 'button':
      return `${block.label}${NBSP}:\n${block.href}`;
  }
}

function footerLines(content: EmailContent, options: LayoutOptions): { html: string[]; text: string[] } {
  const html = [
    `<p style="margin:0 0 8px 0;">${escapeHtml(content.why)}</p>`,
    `<p style="margin:0 0 8px 0;">Cet e-mail est envoyé automatiquement par ${BRAND}, la plateforme de mécénat de compétences de La Poste et des associations de l’Alliance Dynamique. Merci de ne pas y répondre.</p>`,
  ];
  const text = [
    content.why,
    `Cet e-mail est envoyé automatiquement par ${BRAND}, la plateforme de mécénat de compétences de La Poste et des associations de l’Alliance Dynamique. Merci de ne pas y répondre.`,
  ];
  const links: string[] = [];
  const textLinks: string[] = [];
  if (content.preferencesHref) {
    links.push(htmlLink('Gérer mes préférences de notification', content.preferencesHref));
    textLinks.push(`Gérer mes préférences de notification${NBSP}: ${content.preferencesHref}`);
  }
  if (options.unsubscribeUrl) {
    links.push(htmlLink('Se désabonner', options.unsubscribeUrl, 'font-weight:bold;'));
    textLinks.push(`Se désabonner${NBSP}: ${options.unsubscribeUrl}`);
  }
  if (links.length) html.push(`<p style="margin:0;">${links.join(' · ')}</p>`);
  text.push(...textLinks);
  return { html, text };
}

export function renderLayout(content: EmailContent, options: LayoutOptions): { html: string; text: string } {
  const subject = oneLine(content.subject);
  const footer = footerLines(content, options);

  const html = `<!doctype html>
<html lang="fr" dir="ltr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="supported-color-schemes" content="light">
<title>${escapeHtml(subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:${COLORS.page};">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(oneLine(content.preheader))}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:${COLORS.page};">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:${COLORS.card};font-family:${FONT};color:${COLORS.text};">
<tr><td style="background-color:${COLORS.accent};padding:16px 24px;color:${COLORS.text};">
<p style="margin:0;font-size:22px;font-weight:bold;line-height:1.2;">${BRAND}</p>
<p style="margin:0;font-size:14px;line-height:1.4;">${escapeHtml(PROGRAMME)}</p>
</td></tr>
<tr><td style="padding:24px;font-size:16px;line-height:1.5;color:${COLORS.text};">
<h1 style="margin:0 0 16px 0;font-size:22px;line-height:1.3;color:${COLORS.text};">${escapeHtml(content.heading)}</h1>
${content.blocks.map(htmlBlock).join('\n')}
</td></tr>
<tr><td style="padding:16px 24px;border-top:1px solid ${COLORS.border};font-size:13px;line-height:1.5;color:${COLORS.muted};">
${footer.html.join('\n')}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

  const text = [
    `${BRAND} · ${PROGRAMME}`,
    '',
    content.heading,
    '='.repeat(Math.min(content.heading.length, 60)),
    '',
    content.blocks.map(textBlock).join('\n\n'),
    '',
    '-- ',
    footer.text.join('\n'),
    '',
  ].join('\n');

  return { html, text };
}
