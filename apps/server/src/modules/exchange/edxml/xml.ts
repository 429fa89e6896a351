import { DOMImplementation, DOMParser, type Document, type Element, XMLSerializer } from '@xmldom/xmldom';

export const EDXML_NS = 'http://www.mic.gov.vn/TBT/QCVN_102_2016';
export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

/** Why a document was refused before (or while) parsing it. */
export class XmlRefused extends Error {
  constructor(
    readonly code: 'PACKAGE_TOO_LARGE' | 'DOCTYPE_FORBIDDEN' | 'NOT_WELL_FORMED' | 'NOT_UTF8',
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
  if (xml.length > maxChars) throw new XmlRefused('PACKAGE_TOO_LARGE', `The package is larger than ${maxChars} characters.`);
  if (/<!DOCTYPE/i.test(xml) || /<!ENTITY/i.test(xml)) throw new XmlRefused('DOCTYPE_FORBIDDEN', 'DOCTYPE and entity declarations are not allowed in edXML.');
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
  if (problems.length || !doc.documentElement) throw new XmlRefused('NOT_WELL_FORMED', `Not well-formed XML: ${problems[0] ?? 'no root element'}`);
  return doc;
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
