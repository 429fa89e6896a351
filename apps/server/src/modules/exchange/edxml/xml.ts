import {
  DOMImplementation,
  DOMParser,
  type Document,
  type Element,
  type Node,
  type Text,
  XMLSerializer,
} from '@xmldom/xmldom';

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** Why a document was refused before (or while) parsing it. */
export class XmlRefused extends Error {
  constructor(
    readonly code: 'PACKAGE_TOO_LARGE' | 'DOCTYPE_FORBIDDEN' | 'NOT_WELL_FORMED' | 'NOT_UTF8' | 'TOO_DEEP',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parse untrusted XML. A DOCTYPE is refused outright: edXML never needs one, and refusing it
 * closes XXE, external DTDs and entity expansion ("billion laughs") before a parser sees them.
 */
export function parseXml(xml: string, maxChars: number): Document {
  if (xml.length > maxChars)
    throw new XmlRefused('PACKAGE_TOO_LARGE', `The package is larger than ${maxChars} characters.`);
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml))
    throw new XmlRefused('DOCTYPE_FORBIDDEN', 'DOCTYPE and entity declarations are not allowed in edXML.');
  checkDepth(xml, MAX_DEPTH);
  const problems: string[] = [];
  let doc: Document;
  try {
    doc = new DOMParser({
      onError: (level, msg) => {
        if (level !== 'warning') problems.push(msg);
        if (level === 'fatalError') throw new Error(msg);
      },
    }).parseFromString(xml, 'text/xml');
  } catch (e) {
    throw new XmlRefused('NOT_WELL_FORMED', `Not well-formed XML: ${(e as Error).message.split('\n')[0]}`);
  }
  if (problems.length || !doc.documentElement)
    throw new XmlRefused('NOT_WELL_FORMED', `Not well-formed XML: ${problems[0] ?? 'no root element'}`);
  return doc;
}

/** edXML nests about ten levels (Signature's X509Data is the deepest); anything far deeper is refused unparsed. */
export const MAX_DEPTH = 64;

/**
 * Refuse elements nested deeper than `max` with one linear scan, before the DOM parser builds (and
 * walks) a tree of that depth: a 5 MB package of nested elements held the event loop for seconds.
 * Comments, CDATA and processing instructions are skipped; the parser still judges well-formedness.
 */
export function checkDepth(xml: string, max: number) {
  let depth = 0;
  for (let i = xml.indexOf('<'); i !== -1; i = xml.indexOf('<', i + 1)) {
    const c = xml.charCodeAt(i + 1);
    if (c === 47 /* '/' */) depth--;
    else if (xml.startsWith('<!--', i)) i = Math.max(i, xml.indexOf('-->', i + 4));
    else if (xml.startsWith('<![CDATA[', i)) i = Math.max(i, xml.indexOf(']]>', i + 9));
    else if (c !== 33 /* '!' */ && c !== 63 /* '?' */) {
      const gt = xml.indexOf('>', i);
      if (gt === -1) return;
      if (xml.charCodeAt(gt - 1) !== 47 && ++depth > max)
        throw new XmlRefused('TOO_DEEP', `Elements are nested more than ${max} levels deep.`);
      i = gt;
    }
  }
}

/** Attachments are base64 text of this length or more: the parse below sets it aside. */
const LARGE_TEXT = 4096;
/** From a given position (sticky): the base64 characters and the whitespace that may wrap them. */
const BASE64_RUN = /[A-Za-z0-9+/=\t\n ]*/y;
const MARK = '\uE000edxml-large-text\uE000';

/**
 * Parse untrusted XML given as UTF-8 bytes: the same document as `parseXml(decodeUtf8(bytes))`,
 * with the same refusals. A package is mostly base64 attachments; each long run of base64
 * characters between two tags is set aside as a marker before the parse (xmldom walks every
 * character of a text node, and decoding 130 KB of ASCII to a string that is two bytes a character
 * because of the Vietnamese elsewhere costs as much again) and is put back afterwards as a one-byte
 * string, so every reader sees the text it would have seen. Documents with comments, CDATA,
 * processing instructions, the marker itself or a parse error take the plain path.
 */
export function parseXmlBytes(bytes: Uint8Array, maxChars: number): Document {
  return parseSettingAside(bytes, maxChars) ?? parseXml(decodeUtf8(bytes), maxChars);
}

/** The fast path of parseXmlBytes alone: null when the document has to take the plain path (exported for tests). */
export function parseSettingAside(bytes: Uint8Array, maxChars: number): Document | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // latin1 is one character per byte: positions are byte offsets; UTF-8 sequences are never ASCII.
  const ascii = buf.toString('latin1');
  const runs: [number, number][] = [];
  // Text from each '>' to the next '<', when it is long and only base64 (one scan of each character).
  for (let gt = ascii.indexOf('>'); gt !== -1;) {
    const lt = ascii.indexOf('<', gt + 1);
    if (lt === -1) break;
    if (lt - gt - 1 >= LARGE_TEXT) {
      BASE64_RUN.lastIndex = gt + 1;
      BASE64_RUN.test(ascii);
      if (BASE64_RUN.lastIndex === lt) runs.push([gt + 1, lt]);
    }
    gt = ascii.indexOf('>', gt + 1);
  }
  if (runs.length === 0) return null;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const pieces: string[] = [];
  let chars = 0;
  let at = 0;
  try {
    for (const [i, [start, end]] of runs.entries()) {
      const piece = decoder.decode(buf.subarray(at, start));
      pieces.push(piece, `${MARK}${i}${MARK}`);
      chars += piece.length + (end - start);
      at = end;
    }
    const last = decoder.decode(buf.subarray(at));
    pieces.push(last);
    chars += last.length;
  } catch {
    return null;
  }
  if (chars > maxChars) throw new XmlRefused('PACKAGE_TOO_LARGE', `The package is larger than ${maxChars} characters.`);
  const outside = pieces.filter((_, i) => i % 2 === 0);
  // Where `>…<` might not be an element's text: inside a comment, CDATA or a processing instruction.
  if (outside.some((p, i) => p.includes('<!') || p.indexOf('<?', i === 0 ? 1 : 0) !== -1 || p.includes(MARK)))
    return null;
  let doc: Document;
  try {
    doc = parseXml(pieces.join(''), Number.POSITIVE_INFINITY);
  } catch {
    return null;
  }
  // Each marker is the whole of one text node (it stood between '>' and '<'): put the text back.
  const found = new Set<number>();
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 1) walk(c);
      else if (c.nodeType === 3) {
        const t = c as unknown as Text;
        const m = t.data.startsWith(MARK)
          ? /^\uE000edxml-large-text\uE000(\d+)\uE000edxml-large-text\uE000$/.exec(t.data)
          : null;
        if (m) {
          const [start, end] = runs[Number(m[1])]!;
          t.replaceData(0, t.length, ascii.slice(start, end));
          found.add(Number(m[1]));
        }
      }
    }
  };
  walk(doc as unknown as Node);
  return found.size === runs.length ? doc : null;
}

/** Decode bytes as UTF-8 and refuse invalid sequences (a package is UTF-8 by QCVN 102). */
export function decodeUtf8(buf: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new XmlRefused('NOT_UTF8', 'The package is not valid UTF-8.');
  }
}

export function isElement(n: unknown): n is Element {
  return !!n && (n as { nodeType?: number }).nodeType === 1;
}

/** Child elements of `el` in the edXML namespace (or any namespace when `ns` is null) with that local name. */
export function children(el: Element, localName: string, ns: string | null = EDXML_NS): Element[] {
  const out: Element[] = [];
  for (let n = el.firstChild; n; n = n.nextSibling) {
    if (isElement(n) && n.localName === localName && (ns === null || n.namespaceURI === ns)) out.push(n);
  }
  return out;
}

export function child(el: Element, localName: string, ns: string | null = EDXML_NS): Element | null {
  return children(el, localName, ns)[0] ?? null;
}

export function text(el: Element | null): string | undefined {
  if (!el) return undefined;
  const t = (el.textContent ?? '').trim();
  return t === '' ? undefined : t.normalize('NFC');
}

/** Builds an edXML DOM; values are set as text nodes, so the serializer escapes them (never string concatenation). */
export class EdxmlWriter {
  readonly doc: Document;
  constructor(rootLocalName: string) {
    this.doc = new DOMImplementation().createDocument(EDXML_NS, `edXML:${rootLocalName}`, null);
  }
  get root(): Element {
    return this.doc.documentElement!;
  }
  el(parent: Element, name: string, value?: string | number | null): Element {
    const e = this.doc.createElementNS(EDXML_NS, `edXML:${name}`);
    if (value !== undefined && value !== null) e.appendChild(this.doc.createTextNode(String(value)));
    parent.appendChild(e);
    return e;
  }
  /** Only when there is a value: optional elements are left out rather than written empty. */
  opt(parent: Element, name: string, value: string | number | null | undefined) {
    if (value !== undefined && value !== null && value !== '') this.el(parent, name, value);
  }
  serialize(): string {
    return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(this.doc)}`;
  }
}
