import { describe, expect, it } from 'vitest';
import { C14N, canonicalize, canonicalizeInto, EXC_C14N, parseXml } from './xml-dom.js';

// Namespaces declared high and used low, an unused prefix, a default namespace undeclared, attributes out
// of order, characters C14N escapes (\r as a character reference, & < > in text and attributes), a
// comment inside and outside the root, and a text run longer than a batch.
const BIG = 'QUJD'.repeat(20_000);
const XML = `<?xml version="1.0" encoding="UTF-8"?>
<!-- before -->
<r:root xmlns:r="urn:r" xmlns:unused="urn:u" xmlns="urn:d" z="1" a="x&amp;&lt;&#xD;&quot;">
  <child b="2" r:a="3">Hà Nội &amp; &lt;Sở&gt; &#xD; line</child>
  <inner xmlns=""><leaf xmlns:q="urn:q" q:x="y">t<!-- inside -->u</leaf></inner>
  <r:blob>${BIG}</r:blob>
  <empty/>
</r:root>
<!-- after -->`;

const ALGS = [C14N, `${C14N}#WithComments`, EXC_C14N, `${EXC_C14N}WithComments`];

describe('canonicalizeInto', () => {
  it.each(ALGS)('gives, in pieces, the same canonical form as canonicalize (%s)', (alg) => {
    const doc = parseXml(XML);
    for (const el of [
      doc.documentElement,
      doc.getElementsByTagName('leaf')[0],
      doc.getElementsByTagNameNS('urn:r', 'blob')[0],
    ]) {
      const pieces: string[] = [];
      canonicalizeInto((c) => pieces.push(c), el!, alg);
      expect(pieces.join('')).toBe(canonicalize(el!, alg));
    }
  });

  it('batches small pieces and passes a large text through on its own', () => {
    const doc = parseXml(XML);
    const pieces: string[] = [];
    canonicalizeInto((c) => pieces.push(c), doc.documentElement, EXC_C14N);
    expect(pieces).toContain(BIG);
    expect(pieces.length).toBeLessThan(6);
  });

  it('with an inclusive prefix list, as canonicalize', () => {
    const doc = parseXml(XML);
    const leaf = doc.getElementsByTagName('leaf')[0];
    const pieces: string[] = [];
    canonicalizeInto((c) => pieces.push(c), leaf!, EXC_C14N, ['r']);
    expect(pieces.join('')).toBe(canonicalize(leaf!, EXC_C14N, ['r']));
    expect(pieces.join('')).toContain('xmlns:r="urn:r"');
  });

  it('refuses an algorithm it does not implement', () => {
    expect(() => canonicalizeInto(() => undefined, parseXml(XML).documentElement, 'urn:none')).toThrow(/unsupported/);
  });
});
