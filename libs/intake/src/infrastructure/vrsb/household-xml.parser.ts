import { SaxesParser } from 'saxes';
import type { HouseholdItem } from '../../domain/household-record';
import { FileFaultError } from './file-fault.error';
import { mapHousehold } from './household.mapper';
import { malformedXml } from './malformed-xml';
import { PlainTreeBuilder } from './plain-tree.builder';

/**
 * Maps the raw XML of one household (`HouseholdItem.rawXml`, as stored with a reject) exactly as the
 * file reader did, for replay after a fix (CAF-FORMAT §12.1: CG93 kept each rejected dossier's XML to
 * replay it). Throws FileFaultError(MALFORMED_XML) when the text is not one well-formed InfosFoyerRSA.
 */
export function parseHouseholdXml(rawXml: string, ordinal = 1): HouseholdItem {
  const sax = new SaxesParser();
  const tree = new PlainTreeBuilder();
  let depth = 0;
  let item: HouseholdItem | null = null;
  sax.on('opentag', (tag) => {
    if (depth++ === 0) {
      if (tag.name !== 'InfosFoyerRSA' || item !== null) {
        throw new FileFaultError('MALFORMED_XML', `expected one <InfosFoyerRSA> element, found <${tag.name}>`);
      }
      tree.start(tag.name, true);
    } else {
      tree.open(tag.name);
    }
  });
  sax.on('text', (text) => {
    if (depth > 0) tree.text(text);
  });
  sax.on('cdata', (text) => {
    if (depth > 0) tree.text(text);
  });
  sax.on('closetag', () => {
    depth--;
    if (tree.close()) item = mapHousehold(tree.take(), ordinal, rawXml);
  });
  sax.on('error', (error) => {
    throw malformedXml(sax, error);
  });
  sax.write(rawXml).close();
  if (item === null) throw new FileFaultError('MALFORMED_XML', 'no <InfosFoyerRSA> element in the text');
  return item;
}
