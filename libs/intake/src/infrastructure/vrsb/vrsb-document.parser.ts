import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { sha256Hex } from '@rsa/kernel';
import type { FluxFooter, FluxHeader } from '../../domain/household-record';
import { mapFluxFooter, mapFluxHeader } from './envelope.mapper';
import { FileFaultError } from './file-fault.error';
import { mapHousehold } from './household.mapper';
import { malformedXml } from './malformed-xml';
import { PlainTreeBuilder } from './plain-tree.builder';
import { TextWindow } from './text-window';
import type { BlockCandidate } from './block-prescan';
import type { VrsbEvent } from './vrsb-event';

type Capture = 'header' | 'household' | 'footer' | 'known';

const NON_SPACE = /\S/;
const householdsCount = (n: number): string => (n === 1 ? '1 household' : `${n} households`);
/**
 * A household is a few KB (CAF-FORMAT §11: 4–7 KB). One that never closes would grow the window and the
 * tree until the process dies; far beyond any real dossier, the file is refused instead.
 */
export const MAX_HOUSEHOLD_CHARS = 32 * 1024 * 1024;
/**
 * The longest run of text without markup (no `<`) the reader takes: a VRSB value is at most 200
 * characters and blanks between tags a few. A text or comment of many megabytes, in a household or
 * outside one (the header, an unknown element), is not a CAF file, and saxes would hold it whole.
 */
export const MAX_TEXT_RUN_CHARS = 8 * 1024 * 1024;

/**
 * The VRSB0801 envelope (CAF-FORMAT §3): `Racine` → `IdentificationFlux` → `InfosFoyerRSA`* →
 * `TransmissionFlux`. Fed decoded text, it runs saxes and builds the plain tree of one envelope block
 * at a time (the header, one household, the footer); everything else only moves a depth counter. Events
 * wait in a queue the reader drains after each chunk. Envelope faults are thrown as FileFaultError.
 */
export class VrsbDocumentParser {
  private readonly sax = new SaxesParser();
  private readonly window = new TextWindow();
  private events: VrsbEvent[] = [];
  private depth = 0;
  private capture: Capture | null = null;
  private readonly tree = new PlainTreeBuilder();
  private householdStart = 0;
  /** Households to check but not map, by the global offset of their opening tag. */
  private readonly known = new Map<number, BlockCandidate>();
  /** Households already hashed by the pre-scan (to be mapped), by the same offset: their hash is reused. */
  private readonly scanned = new Map<number, { sha256: string; length: number }>();
  private header: FluxHeader | null = null;
  private footer: FluxFooter | null = null;
  private households = 0;
  private rootOpened = false;
  private sawContent = false;
  private rootClosed = false;
  /** Characters read since the last `<`. */
  private sinceMarkup = 0;

  constructor(
    private readonly encodingName: () => string,
    private readonly maxHouseholdChars = MAX_HOUSEHOLD_CHARS,
  ) {
    this.sax.on('opentag', this.onOpenTag);
    this.sax.on('closetag', this.onCloseTag);
    this.sax.on('text', this.onText);
    this.sax.on('cdata', this.onText);
    this.sax.on('error', (error) => {
      throw malformedXml(this.sax, error);
    });
  }

  write(text: string): void {
    if (!this.sawContent) this.sawContent = NON_SPACE.test(text);
    const lt = text.lastIndexOf('<');
    this.sinceMarkup = lt < 0 ? this.sinceMarkup + text.length : text.length - lt - 1;
    if (this.sinceMarkup > MAX_TEXT_RUN_CHARS) {
      throw new FileFaultError('MALFORMED_XML', `more than ${MAX_TEXT_RUN_CHARS} characters without any markup, after ${householdsCount(this.households)}: no CAF value is so long`);
    }
    this.window.push(text);
    this.sax.write(text);
    if (this.capture === 'household') {
      if (this.window.length - this.householdStart > this.maxHouseholdChars) {
        throw new FileFaultError(
          'MALFORMED_XML',
          `household #${this.households + 1} exceeds ${this.maxHouseholdChars} characters without closing: not a CAF dossier`,
        );
      }
    } else if (lt >= 0) {
      // Outside a household, no future household can start before the last `<` already read.
      this.window.keepLast();
    }
  }

  /** True once `</Racine>` is read: the file was not cut short. */
  get complete(): boolean {
    return this.rootClosed;
  }

  /** The household starting at global offset `start` is only checked by saxes, then reported as known. */
  markKnown(start: number, block: BlockCandidate): void {
    this.known.set(start, block);
  }

  /** The household starting at global offset `start` was hashed by the pre-scan; it is mapped as usual. */
  markScanned(start: number, hashed: { sha256: string; length: number }): void {
    this.scanned.set(start, hashed);
  }

  /** Events produced since the last call, in file order. */
  drain(): VrsbEvent[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** End of input: checks the document is complete and queues the `end` event. */
  finish(): void {
    if (!this.rootOpened) {
      if (!this.sawContent) throw new FileFaultError('EMPTY_FILE', 'the file holds no XML (only blanks or a byte-order mark)');
      throw new FileFaultError('TRUNCATED', 'the file ends before its root element <Racine>');
    }
    if (!this.rootClosed) {
      const where = this.capture === 'household' ? `inside household #${this.households + 1}` : `after ${householdsCount(this.households)}`;
      throw new FileFaultError('TRUNCATED', `the file ends before </Racine> (${where})`);
    }
    this.sax.close();
    this.events.push({ type: 'end', footer: this.footer as FluxFooter, households: this.households });
  }

  private readonly onOpenTag = (tag: SaxesTagPlain): void => {
    const depth = ++this.depth;
    if (this.capture === 'known') return;
    if (this.capture !== null) {
      this.tree.open(tag.name);
      return;
    }
    if (depth === 1) {
      if (tag.name !== 'Racine') {
        throw new FileFaultError('MALFORMED_XML', `the root element is <${tag.name}>, expected <Racine> (VRSB bénéficiaire flux)`);
      }
      this.rootOpened = true;
      return;
    }
    if (depth === 2) this.openEnvelopeBlock(tag.name);
  };

  private openEnvelopeBlock(name: string): void {
    switch (name) {
      case 'IdentificationFlux':
        if (this.header !== null) throw new FileFaultError('MALFORMED_XML', 'a second IdentificationFlux block');
        this.startCapture('header', name);
        return;
      case 'InfosFoyerRSA':
        if (this.header === null) throw new FileFaultError('MISSING_HEADER', 'an InfosFoyerRSA block comes before any IdentificationFlux header');
        if (this.footer !== null) throw new FileFaultError('MALFORMED_XML', 'an InfosFoyerRSA block comes after TransmissionFlux');
        // saxes is just past the `>` of the start tag: the tag starts at the last `<` before it.
        this.householdStart = this.window.lastIndexOf('<', this.sax.position - 1);
        if (this.known.has(this.householdStart)) {
          this.capture = 'known';
          return;
        }
        this.startCapture('household', name);
        return;
      case 'TransmissionFlux':
        if (this.header === null) throw new FileFaultError('MISSING_HEADER', 'TransmissionFlux comes before any IdentificationFlux header');
        if (this.footer !== null) throw new FileFaultError('MALFORMED_XML', 'a second TransmissionFlux block');
        this.startCapture('footer', name);
        return;
      default:
      // Another element under Racine is not part of VRSB0801; it is skipped (depth only).
    }
  }

  private startCapture(capture: Capture, name: string): void {
    this.capture = capture;
    // Household values are checked while the tree is built; header and footer values are checked by the
    // envelope mapper, whose faults are file-level.
    this.tree.start(name, capture === 'household');
  }

  private readonly onText = (text: string): void => {
    if (this.capture !== null && this.capture !== 'known') this.tree.text(text);
  };

  private readonly onCloseTag = (): void => {
    this.depth--;
    if (this.capture === 'known') {
      if (this.depth === 1) this.completeKnown();
      return;
    }
    if (this.capture !== null) {
      if (this.tree.close()) this.completeCapture();
      return;
    }
    if (this.depth === 0) this.closeRoot();
  };

  private completeCapture(): void {
    const capture = this.capture;
    this.capture = null;
    const tree = this.tree.take();
    if (capture === 'header') {
      this.header = mapFluxHeader(tree.block);
      this.events.push({ type: 'header', header: this.header, encoding: this.encodingName() });
    } else if (capture === 'footer') {
      this.footer = mapFluxFooter(tree.block);
    } else {
      const end = this.sax.position;
      const rawXml = this.window.slice(this.householdStart, end);
      this.window.discardBefore(end);
      const scanned = this.scanned.get(this.householdStart);
      this.scanned.delete(this.householdStart);
      // The pre-scan hashed the same characters when it saw the literal tags; otherwise hash them here.
      const sha256 = scanned && scanned.length === rawXml.length ? scanned.sha256 : sha256Hex(rawXml);
      this.events.push({ type: 'household', item: mapHousehold(tree, ++this.households, rawXml), sha256 });
    }
  }

  private completeKnown(): void {
    this.capture = null;
    const block = this.known.get(this.householdStart) as BlockCandidate;
    this.known.delete(this.householdStart);
    this.window.discardBefore(this.sax.position);
    this.events.push({ type: 'known-household', ordinal: ++this.households, numdemrsa: block.numdemrsa, sha256: block.sha256, persons: block.persons });
  }

  private closeRoot(): void {
    this.rootClosed = true;
    if (this.header === null) throw new FileFaultError('MISSING_HEADER', 'the file has no IdentificationFlux header');
    if (this.footer === null) throw new FileFaultError('MISSING_FOOTER', 'the file has no TransmissionFlux footer');
    if (this.footer.nbTotDosRsaTransm !== this.households) {
      throw new FileFaultError(
        'COUNT_MISMATCH',
        `TransmissionFlux announces ${this.footer.nbTotDosRsaTransm} households (NBTOTDOSRSATRANSM) but the file holds ${this.households} InfosFoyerRSA blocks`,
      );
    }
  }
}
