import { TextWindow } from './text-window';

describe('TextWindow', () => {
  it('finds, slices and forgets text across chunks by global offsets', () => {
    const window = new TextWindow();
    for (const chunk of ['<Racine><Inf', 'osFoyerRSA>abc</InfosFo', 'yerRSA><Infos']) window.push(chunk);
    const text = '<Racine><InfosFoyerRSA>abc</InfosFoyerRSA><Infos';
    const start = window.lastIndexOf('<', text.indexOf('A>') + 1);
    expect(start).toBe(8);
    const end = text.indexOf('</InfosFoyerRSA>') + '</InfosFoyerRSA>'.length;
    expect(window.slice(start, end)).toBe('<InfosFoyerRSA>abc</InfosFoyerRSA>');
    expect(window.slice(9, 11)).toBe('In');

    window.discardBefore(end);
    expect(window.slice(end, text.length)).toBe('<Infos');
    expect(window.lastIndexOf('<', text.length - 1)).toBe(end);
    expect(window.lastIndexOf('<', 3)).toBe(-1); // forgotten

    window.push('FoyerRSA>');
    window.keepLast();
    expect(window.lastIndexOf('<', text.length + 8)).toBe(-1);
    expect(window.slice(text.length, text.length + 9)).toBe('FoyerRSA>');
  });
});
