import type { Notice } from '../../../domain/notice';
import { dataProtectionNote } from './data-protection';
import type { NoticeContent } from './notice-content';
import { WORDINGS } from './wording';

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const AUTOMATIC = 'Ce message est envoyé automatiquement. Merci de ne pas y répondre : pour nous joindre, appelez le numéro indiqué.';

/** Everything printed comes from data (names, places, hours): nothing reaches the HTML unescaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A header line: no line breaks from data (header injection), single spaces. */
function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function textOf(content: NoticeContent, notice: Notice): string {
  const blocks: string[] = [content.salutation, content.lead.join('\n')];
  if (content.appointment) {
    const rows = content.appointment.rows.map(([label, lines]) => `  ${label} : ${lines.join('\n' + ' '.repeat(label.length + 5))}`);
    blocks.push([content.appointment.heading, ...rows].join('\n'));
  }
  if (content.bring) blocks.push([content.bring.heading, ...content.bring.items.map((item) => `  - ${item}`)].join('\n'));
  if (content.mandatory) blocks.push(content.mandatory.join('\n'));
  blocks.push(content.contact.join('\n'), content.closing.join('\n'), content.signature.join('\n'));
  blocks.push(['--', AUTOMATIC, '', ...dataProtectionNote(notice)].join('\n'));
  return `${blocks.join('\n\n')}\n`;
}

const paragraph = (lines: string[], style = ''): string =>
  `<p${style ? ` style="${style}"` : ''}>${lines.map(escapeHtml).join('<br>\n')}</p>`;

function htmlOf(content: NoticeContent, notice: Notice): string {
  const parts: string[] = [paragraph([content.salutation]), paragraph(content.lead)];
  if (content.appointment) {
    const rows = content.appointment.rows
      .map(([label, lines]) => `<tr><th style="text-align:left;vertical-align:top;padding:2px 12px 2px 0">${escapeHtml(label)}</th><td style="padding:2px 0">${lines.map(escapeHtml).join('<br>')}</td></tr>`)
      .join('\n');
    parts.push(
      `<div style="border:1px solid #888;padding:8px 12px;margin:12px 0"><strong>${escapeHtml(content.appointment.heading)}</strong>\n<table role="presentation">\n${rows}\n</table></div>`,
    );
  }
  if (content.bring) {
    parts.push(`<p>${escapeHtml(content.bring.heading)}</p>\n<ul>\n${content.bring.items.map((item) => `<li>${escapeHtml(item)}</li>`).join('\n')}\n</ul>`);
  }
  if (content.mandatory) parts.push(paragraph(content.mandatory, 'font-weight:bold'));
  parts.push(paragraph(content.contact), paragraph(content.closing), paragraph(content.signature));
  parts.push(`<hr>\n${paragraph([AUTOMATIC], 'font-size:small;color:#555')}\n${paragraph(dataProtectionNote(notice), 'font-size:small;color:#555')}`);
  return [
    '<!DOCTYPE html>',
    '<html lang="fr">',
    `<head><meta charset="utf-8"><title>${escapeHtml(content.subject)}</title></head>`,
    '<body style="font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.4;color:#111;max-width:640px">',
    ...parts,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** The email of a notice: the letter's words, as text and as simple HTML. */
export function renderEmail(notice: Notice): RenderedEmail {
  const content = WORDINGS[notice.kind].content(notice);
  return { subject: oneLine(content.subject), text: textOf(content, notice), html: htmlOf(content, notice) };
}
