import PDFDocument from 'pdfkit';
import { parisWallClockToDate } from '@rsa/kernel';
import type { Notice, NoticeRecipient, PostalAddress } from '../../../domain/notice';
import { dataProtectionNote } from './data-protection';
import { frenchDay } from './french-dates';
import { displayName, postcodeLine, type NoticeContent } from './notice-content';
import { shareStandardFontMetrics } from './standard-font-metrics';
import { toWinAnsi } from './win-ansi';
import { WORDINGS } from './wording';

const mm = (millimetres: number): number => (millimetres * 72) / 25.4;

/**
 * A4 portrait, folded in three into a DL window envelope (NF EN ISO 269 / La Poste): the window
 * shows the area from about 100 to 200 mm across and 50 to 95 mm down the first third, so the
 * recipient block starts at 110 mm × 50 mm and stays within 85 mm × 40 mm (six lines at most).
 */
const PAGE = { margin: mm(20), bottom: mm(18) };
const RECIPIENT = { x: mm(110), y: mm(50), width: mm(85) };
const BODY_TOP = mm(112);
const FONT = { regular: 'Helvetica', bold: 'Helvetica-Bold', size: 10.5, small: 8 };

/** The address as La Poste wants it: civility, first name, NAME; the lines; POSTCODE CITY. */
export function addressBlock(recipient: NoticeRecipient, address: PostalAddress): string[] {
  const name = [recipient.civility, displayName(recipient.firstName), recipient.lastName.trim().toUpperCase()].filter(Boolean).join(' ');
  const lines = address.lines.map((line) => line.trim()).filter(Boolean);
  return [name, ...lines, postcodeLine(address).toUpperCase()].map((line) => line.replace(/\s+/g, ' '));
}

type Doc = PDFKit.PDFDocument;

function write(doc: Doc, text: string, options: PDFKit.Mixins.TextOptions & { bold?: boolean; size?: number } = {}): void {
  const { bold, size, ...rest } = options;
  doc.font(bold ? FONT.bold : FONT.regular).fontSize(size ?? FONT.size);
  doc.text(toWinAnsi(text), rest);
}

function header(doc: Doc, notice: Notice, content: NoticeContent, address: PostalAddress): void {
  const width = mm(80);
  write(doc, `Département du Nord — ${notice.territoryName}`, { bold: true, size: 11, width });
  write(doc, `Tél. ${notice.contact.phone}`, { size: 9, width });
  if (notice.contact.hours.trim()) write(doc, notice.contact.hours, { size: 9, width });

  doc.x = RECIPIENT.x;
  doc.y = RECIPIENT.y;
  for (const line of addressBlock(notice.recipient, address)) write(doc, line, { width: RECIPIENT.width });

  doc.x = PAGE.margin;
  doc.y = mm(100);
  write(doc, `Le ${frenchDay(notice.issuedOn, { weekday: false })}`, { width: doc.page.width - 2 * PAGE.margin, align: 'right' });
  doc.y = mm(106);
  write(doc, `Objet : ${content.subject}`, { bold: true });
  doc.moveDown(1);
  doc.y = Math.max(doc.y, BODY_TOP);
}

function paragraph(doc: Doc, lines: string[], options: { bold?: boolean } = {}): void {
  for (const line of lines) write(doc, line, options);
  doc.moveDown(0.6);
}

function appointmentBox(doc: Doc, block: NonNullable<NoticeContent['appointment']>): void {
  const left = PAGE.margin;
  const width = doc.page.width - 2 * PAGE.margin;
  const labelWidth = mm(22);
  const top = doc.y;
  doc.y += 6;
  doc.x = left + 8;
  write(doc, block.heading, { bold: true, width: width - 16 });
  doc.moveDown(0.3);
  for (const [label, lines] of block.rows) {
    const rowTop = doc.y;
    write(doc, `${label} :`, { bold: true, width: labelWidth });
    const labelBottom = doc.y;
    doc.x = left + 8 + labelWidth;
    doc.y = rowTop;
    write(doc, lines.join('\n'), { width: width - 16 - labelWidth });
    doc.y = Math.max(doc.y, labelBottom) + 2;
    doc.x = left + 8;
  }
  doc.y += 4;
  doc.rect(left, top, width, doc.y - top).lineWidth(0.8).stroke();
  doc.x = left;
  doc.moveDown(0.8);
}

function body(doc: Doc, content: NoticeContent): void {
  doc.x = PAGE.margin;
  paragraph(doc, [content.salutation]);
  paragraph(doc, content.lead);
  if (content.appointment) appointmentBox(doc, content.appointment);
  if (content.bring) {
    write(doc, content.bring.heading);
    for (const item of content.bring.items) write(doc, `•  ${item}`, { indent: 10 });
    doc.moveDown(0.6);
  }
  if (content.mandatory) paragraph(doc, content.mandatory, { bold: true });
  paragraph(doc, content.contact);
  paragraph(doc, content.closing);
  doc.moveDown(0.6);
  write(doc, content.signature[0], { bold: true });
  for (const line of content.signature.slice(1)) write(doc, line);
}

/** At the foot of the last page when there is room, else right after the body. */
function dataProtection(doc: Doc, notice: Notice): void {
  const width = doc.page.width - 2 * PAGE.margin;
  const text = toWinAnsi(dataProtectionNote(notice).join(' '));
  doc.font(FONT.regular).fontSize(FONT.small);
  const height = doc.heightOfString(text, { width }) + 8;
  const footTop = doc.page.height - PAGE.bottom - height;
  doc.y = Math.max(doc.y + 12, footTop);
  doc.x = PAGE.margin;
  doc.moveTo(PAGE.margin, doc.y).lineTo(PAGE.margin + width, doc.y).lineWidth(0.4).strokeColor('#888888').stroke();
  doc.y += 4;
  doc.fillColor('#444444').text(text, PAGE.margin, doc.y, { width });
  doc.fillColor('black').strokeColor('black');
}

/**
 * The letter of a notice as an A4 PDF for the print service. The same notice gives the same bytes:
 * the creation date is the issue day (not now), and pdfkit's file id is derived from the metadata.
 */
export function renderLetter(notice: Notice): Promise<Buffer> {
  const address = notice.recipient.address;
  if (!address) throw new RangeError('a letter needs a postal address');
  const content = WORDINGS[notice.kind].content(notice);
  const issued = parisWallClockToDate(notice.issuedOn, '00:00:00');
  shareStandardFontMetrics();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: mm(15), left: PAGE.margin, right: PAGE.margin, bottom: PAGE.bottom },
    lang: 'fr-FR',
    info: {
      Title: toWinAnsi(content.subject),
      Author: 'Département du Nord',
      Creator: 'RSA parcours',
      Producer: 'RSA parcours',
      CreationDate: issued,
      ModDate: issued,
    },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  header(doc, notice, content, address);
  body(doc, content);
  dataProtection(doc, notice);
  doc.end();
  return done;
}
