import type { PlainBlock, PlainValue } from '../../domain/household-record';
import { descriptorOf, type ElementDescriptor } from './element-descriptors';
import { RecordFaultSignal } from './record-fault.signal';
import { normaliseBoolean, normaliseDate, normaliseDecimal, normaliseInteger, normaliseTime } from './vrsb-values';

export interface PlainTree {
  block: PlainBlock;
  /** First value that did not parse (path below the root), or null. The value is kept as trimmed text. */
  fault: RecordFaultSignal | null;
}

/**
 * Builds the plain JSON of one envelope block straight from saxes events: one frame per open element,
 * no intermediate node tree. Leaves are trimmed (CAF-FORMAT §3: fixed-width padding); with `checkValues`
 * they are also checked and normalised by schema kind: dates must be real days, times become
 * `HH:MM:SS.ffffff`, decimals `1675.00`, booleans `1`/`0` (the CAF's spelling, whatever the file used),
 * NIR upper-cased. Empty and self-closed leaves are left out (no value); an empty schema block stays `{}`
 * so a missing mandatory child is reported inside it. Schema-repeated elements (§4, maxOccurs > 1) are
 * always arrays, an unknown element that repeats becomes one. Unknown elements are kept, never an error.
 */
export class PlainTreeBuilder {
  private descriptors: ElementDescriptor[] = [];
  private blocks: (PlainBlock | null)[] = [];
  private texts: (string | null)[] = [];
  /** Index of the innermost open element; -1 when the tree is complete. */
  private depth = -1;
  private fault: RecordFaultSignal | null = null;
  private checkValues = false;
  private root: PlainBlock = {};

  start(name: string, checkValues: boolean): void {
    this.checkValues = checkValues;
    this.fault = null;
    this.depth = -1;
    this.open(name);
  }

  open(name: string): void {
    const parent = this.depth;
    if (parent >= 0 && this.blocks[parent] === null) {
      this.blocks[parent] = {};
      this.texts[parent] = null; // indentation before the first child, not a value
    }
    const depth = ++this.depth;
    this.descriptors[depth] = descriptorOf(name);
    this.blocks[depth] = null;
    this.texts[depth] = null;
  }

  text(text: string): void {
    const depth = this.depth;
    if (this.blocks[depth] !== null) return; // whitespace between child elements
    const previous = this.texts[depth];
    this.texts[depth] = previous === null ? text : previous + text;
  }

  /** Closes the innermost element; true when it was the root. */
  close(): boolean {
    const depth = this.depth;
    const descriptor = this.descriptors[depth];
    const block = this.blocks[depth];
    const value = block !== null ? block : this.leafValue(descriptor, this.texts[depth], depth);
    this.blocks[depth] = null;
    this.texts[depth] = null;
    this.depth = depth - 1;
    if (depth === 0) {
      this.root = value !== undefined && typeof value === 'object' && !Array.isArray(value) ? value : {};
      return true;
    }
    if (value === undefined) return false;
    const parent = this.blocks[depth - 1] as PlainBlock;
    // Two NUMDEMRSA, two ETATDOSRSA, two DemandeRSA: which one the CAF meant cannot be told.
    if (this.checkValues && this.fault === null && descriptor.known && !descriptor.repeated && parent[descriptor.name] !== undefined) {
      this.fault = new RecordFaultSignal(this.segmentsTo(depth), `${descriptor.name} appears more than once where vrsb0801.xsd allows it once`);
    }
    addValue(parent, descriptor, value);
    return false;
  }

  /** The completed tree; the builder is then ready for the next one. */
  take(): PlainTree {
    const tree = { block: this.root, fault: this.fault };
    this.root = {};
    this.fault = null;
    return tree;
  }

  private leafValue(descriptor: ElementDescriptor, raw: string | null, depth: number): PlainValue | undefined {
    const text = raw === null ? '' : raw.trim();
    if (text.length === 0) return descriptor.block ? {} : undefined;
    if (!this.checkValues) return text;
    let value: string | undefined;
    let problem: string;
    switch (descriptor.kind) {
      case 'text':
      case 'nir':
        // Lengths are the schema's: a longer identifier or name is not the CAF's, and would not fit.
        if (text.length <= descriptor.max) return descriptor.kind === 'nir' ? text.toUpperCase() : text;
        problem = `is longer than the ${descriptor.max} characters vrsb0801.xsd allows`;
        break;
      case 'date':
        value = normaliseDate(text);
        problem = 'is not a real calendar date (YYYY-MM-DD)';
        break;
      case 'time':
        value = normaliseTime(text);
        problem = 'is not a time (HH:MM:SS[.fraction])';
        break;
      case 'boolean': {
        const flag = normaliseBoolean(text);
        value = flag === undefined ? undefined : flag ? '1' : '0';
        problem = 'is not a boolean (0, 1, true, false)';
        break;
      }
      case 'decimal':
        value = normaliseDecimal(text, descriptor.max, descriptor.fraction);
        problem = `is not a decimal of at most ${descriptor.max} digits, ${descriptor.fraction} of them after the point`;
        break;
      case 'integer':
        value = normaliseInteger(text, descriptor.max);
        problem = `is not an integer of at most ${descriptor.max} digits`;
        break;
    }
    if (value !== undefined) return value;
    // The first bad value makes the household faulty; the text is kept so identifiers stay readable.
    // The message (which reports, the CLI and the API carry) names the path and the rule, never the
    // value: a shifted export puts a NIR or a name into any element. Only the sealed raw XML keeps it.
    this.fault ??= new RecordFaultSignal(this.segmentsTo(depth), `the value ${problem}`);
    return text;
  }

  /** `Name[n]` (1-based, XPath style) for repeated elements, `Name` otherwise, from below the root. */
  private segmentsTo(depth: number): string[] {
    const segments: string[] = [];
    for (let d = 1; d <= depth; d++) {
      const { name, repeated } = this.descriptors[d];
      const siblings = ownValue(this.blocks[d - 1] as PlainBlock, name);
      const before = siblings === undefined ? 0 : Array.isArray(siblings) ? siblings.length : 1;
      segments.push(repeated || before > 0 ? `${name}[${before + 1}]` : name);
    }
    return segments;
  }
}

/** A value as a fault message quotes it: a value hundreds of characters long is cut. */
function ownValue(block: PlainBlock, name: string): PlainValue | undefined {
  return Object.hasOwn(block, name) ? block[name] : undefined;
}

function addValue(parent: PlainBlock, descriptor: ElementDescriptor, value: PlainValue): void {
  const name = descriptor.name;
  // Unknown names may be `toString` or `__proto__`: read own properties only, define rather than assign.
  const existing = descriptor.known ? parent[name] : ownValue(parent, name);
  if (existing === undefined) {
    const stored = descriptor.repeated ? [value] : value;
    if (descriptor.known) parent[name] = stored;
    else Object.defineProperty(parent, name, { value: stored, enumerable: true, writable: true, configurable: true });
  } else if (Array.isArray(existing)) {
    existing.push(value); // a value is never an array itself: this list holds the repeats
  } else {
    parent[name] = [existing, value];
  }
}
