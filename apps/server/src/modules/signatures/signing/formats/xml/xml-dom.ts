/** XML parsing, canonicalization and the XML-DSig / XAdES vocabulary shared by signer and validator. */
import { DOMParser, XMLSerializer } from '@xmldom/xmldom';
import {
  C14nCanonicalization,
  C14nCanonicalizationWithComments,
  ExclusiveCanonicalization,
  ExclusiveCanonicalizationWithComments,
} from 'xml-crypto';
import type { HashAlgorithm } from '../../../signing-ports.js';
import { SignatureFormatError } from '../errors.js';

export const DS = 'http://www.w3.org/2000/09/xmldsig#';
export const XADES = 'http://uri.etsi.org/01903/v1.3.2#';
export const XADES_SIGNED_PROPERTIES = 'http://uri.etsi.org/01903#SignedProperties';
export const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';

const C14N_ALGS: Record<string, () => { process(node: Node, o: object): Node | string }> = {
  [C14N]: () => new C14nCanonicalization(),
  [`${C14N}#WithComments`]: () => new C14nCanonicalizationWithComments(),
  [EXC_C14N]: () => new ExclusiveCanonicalization(),
  [`${EXC_C14N}WithComments`]: () => new ExclusiveCanonicalizationWithComments(),
};

export const isC14n = (alg: string) => alg in C14N_ALGS;

export const DIGEST_URI: Record<string, string> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'sha1',
  'http://www.w3.org/2001/04/xmldsig-more#sha224': 'sha224',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

export const DIGEST_URI_OF: Record<HashAlgorithm, string> = {
  'SHA-256': 'http://www.w3.org/2001/04/xmlenc#sha256',
  'SHA-384': 'http://www.w3.org/2001/04/xmldsig-more#sha384',
  'SHA-512': 'http://www.w3.org/2001/04/xmlenc#sha512',
};

/** XML-DSig signature methods: node hash, scheme. */
export const SIGNATURE_URI: Record<string, { hash: string; scheme: 'pkcs1' | 'pss' | 'ecdsa' }> = {
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1': { hash: 'sha1', scheme: 'pkcs1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256': { hash: 'sha256', scheme: 'pkcs1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384': { hash: 'sha384', scheme: 'pkcs1' },
  'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512': { hash: 'sha512', scheme: 'pkcs1' },
  'http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1': { hash: 'sha256', scheme: 'pss' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1': { hash: 'sha1', scheme: 'ecdsa' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256': { hash: 'sha256', scheme: 'ecdsa' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384': { hash: 'sha384', scheme: 'ecdsa' },
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512': { hash: 'sha512', scheme: 'ecdsa' },
};

/** Parses XML strictly (xmldom repairs mismatched tags with a warning: we refuse them); a DOCTYPE is refused (no entity expansion from signed input). */
export function parseXml(xml: string): Document {
  if (!xml.trimStart().startsWith('<')) throw new SignatureFormatError('NOT_XML', 'The file is not XML.');
  if (/<!DOCTYPE/i.test(xml)) throw new SignatureFormatError('XML_INVALID', 'XML with a DOCTYPE is not accepted.');
  const fail = (m: string): never => {
    throw new SignatureFormatError('XML_INVALID', `The XML is not well-formed: ${m}`);
  };
  // Every report, warnings included, refuses the input (xmldom 0.9 reports repairs as warnings and
  // wraps what onError throws in a ParseError).
  let doc: Document | undefined;
  try {
    doc = new DOMParser({ onError: (_level, message) => fail(message) }).parseFromString(
      xml,
      'application/xml',
    ) as unknown as Document;
  } catch (e) {
    if (e instanceof SignatureFormatError) throw e;
    fail((e as Error).message);
  }
  if (!doc?.documentElement) throw new SignatureFormatError('NOT_XML', 'The file is not XML.');
  return doc;
}

export const serializeXml = (node: Node) =>
  new XMLSerializer().serializeToString(node as unknown as Parameters<XMLSerializer['serializeToString']>[0]);

export function elementChildren(el: Element, ns: string, local: string): Element[] {
  const out: Element[] = [];
  for (let c = el.firstChild; c; c = c.nextSibling) {
    if (c.nodeType === 1 && (c as Element).namespaceURI === ns && (c as Element).localName === local)
      out.push(c as Element);
  }
  return out;
}

export const child = (el: Element | undefined | null, ns: string, local: string): Element | null =>
  el ? (elementChildren(el, ns, local)[0] ?? null) : null;

export function descendants(root: Node, ns: string, local: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      if (e.namespaceURI === ns && e.localName === local) out.push(e);
      walk(e);
    }
  };
  walk(root);
  return out;
}

export const text = (el: Element | null) => (el?.textContent ?? '').trim();

/** Namespace declarations in scope from the ancestors of `el` (nearest wins), for inclusive C14N of a subset. */
function ancestorNamespaces(el: Element): { prefix: string; namespaceURI: string }[] {
  const seen = new Map<string, string>();
  const own = new Set<string>();
  for (let i = 0; i < el.attributes.length; i++) {
    const a = el.attributes[i]!;
    if (a.name === 'xmlns' || a.name.startsWith('xmlns:')) own.add(a.name.replace(/^xmlns:?/, ''));
  }
  for (let p = el.parentNode; p && p.nodeType === 1; p = p.parentNode) {
    const attrs = (p as Element).attributes;
    for (let i = 0; i < attrs.length; i++) {
      const a = attrs[i]!;
      if (a.name !== 'xmlns' && !a.name.startsWith('xmlns:')) continue;
      const prefix = a.name.replace(/^xmlns:?/, '');
      if (!seen.has(prefix)) seen.set(prefix, a.value);
    }
  }
  // An unprefixed apex renders its own default namespace; undeclarations are not namespace nodes.
  return [...seen]
    .filter(([prefix, uri]) => uri !== '' && !own.has(prefix) && !(prefix === '' && !el.prefix))
    .map(([prefix, namespaceURI]) => ({ prefix, namespaceURI }));
}

/**
 * Canonical form of `el` (a detached clone may be passed as `subject` while `el` gives the
 * namespace context). Throws on an algorithm we do not implement.
 */
export function canonicalize(el: Element, alg: string, prefixes: string[] = [], subject: Element = el): string {
  const make = C14N_ALGS[alg];
  if (!make) throw new Error(`unsupported canonicalization ${alg}`);
  const inclusive = alg.startsWith(C14N);
  const out = make().process(subject, {
    inclusiveNamespacesPrefixList: prefixes,
    ancestorNamespaces: inclusive || prefixes.length ? ancestorNamespaces(el) : [],
  });
  return out.toString();
}

type Sink = (chunk: string) => void;
type C14nNode = Node & Element & { data?: string };
const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' };
// A long text (base64) usually has nothing to escape: four indexOf scans are much faster than the regex.
const nothingToEscape = (t: string) =>
  t.length > 1024 && t.indexOf('&') === -1 && t.indexOf('<') === -1 && t.indexOf('>') === -1 && t.indexOf('\r') === -1;
const escapeText = (t: string) => (nothingToEscape(t) ? t : t.replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!));

/*
 * xml-crypto's canonicalizers with output written to a sink instead of returned: each element's
 * string is otherwise joined again at every ancestor, so a 130 KB attachment is copied once per
 * level before it is hashed. Only processInner is replaced, statement for statement (same node
 * tests, same order, same namespace and attribute rendering, which stay xml-crypto's).
 */
/** One node to the sink, as both canonicalizers' processInner do; `open` renders the element's namespaces. */
function sinkNode(
  sink: Sink,
  c: { renderComment(n: Comment): string; renderAttrs(n: Node): string },
  node: C14nNode,
  open: () => { rendered: string; newDefaultNs: string },
  child: (n: C14nNode, newDefaultNs: string) => void,
): string {
  if (node.nodeType === 8) {
    sink(c.renderComment(node as unknown as Comment));
    return '';
  }
  if (node.data) {
    sink(escapeText(node.data));
    return '';
  }
  if (node.nodeType === 1) {
    const ns = open();
    sink(`<${node.tagName}${ns.rendered}${c.renderAttrs(node)}>`);
    for (let i = 0; i < node.childNodes.length; ++i) child(node.childNodes[i] as C14nNode, ns.newDefaultNs);
    sink(`</${node.tagName}>`);
    return '';
  }
  throw new Error(`Unable to canonicalize node type: ${node.nodeType}`);
}

class ExclusiveToSink extends ExclusiveCanonicalization {
  constructor(
    private readonly sink: Sink,
    comments: boolean,
  ) {
    super();
    this.includeComments = comments;
  }
  override processInner(
    node: C14nNode,
    prefixesInScope: unknown[],
    defaultNs: string,
    defaultNsForPrefix: unknown,
    inclusiveList: string[],
  ): string {
    return sinkNode(
      this.sink,
      this,
      node,
      () => this.renderNs(node, prefixesInScope, defaultNs, defaultNsForPrefix, inclusiveList),
      (n, newDefaultNs) =>
        this.processInner(n, prefixesInScope.slice(0), newDefaultNs, defaultNsForPrefix, inclusiveList),
    );
  }
}

class InclusiveToSink extends C14nCanonicalization {
  constructor(
    private readonly sink: Sink,
    comments: boolean,
  ) {
    super();
    this.includeComments = comments;
  }
  override processInner(
    node: C14nNode,
    prefixesInScope: unknown,
    defaultNs: unknown,
    defaultNsForPrefix: unknown,
    ancestorNamespaces: unknown,
    namespacesInScope?: { prefix: string; namespaceURI: string }[],
  ): string {
    return sinkNode(
      this.sink,
      this,
      node,
      () =>
        this.renderNs(
          node,
          prefixesInScope as string[],
          defaultNs as string,
          defaultNsForPrefix as string,
          ancestorNamespaces as { prefix: string; namespaceURI: string }[],
          namespacesInScope,
        ),
      (n, newDefaultNs) =>
        this.processInner(
          n,
          (prefixesInScope as string[]).slice(0),
          newDefaultNs,
          defaultNsForPrefix,
          [],
          namespacesInScope?.slice(0),
        ),
    );
  }
}

const C14N_TO_SINK: Record<string, (sink: Sink) => { process(node: Node, o: object): unknown }> = {
  [C14N]: (sink) => new InclusiveToSink(sink, false),
  [`${C14N}#WithComments`]: (sink) => new InclusiveToSink(sink, true),
  [EXC_C14N]: (sink) => new ExclusiveToSink(sink, false),
  [`${EXC_C14N}WithComments`]: (sink) => new ExclusiveToSink(sink, true),
};

/**
 * Feed the canonical form of `el` (as `canonicalize` gives it) to `update` in pieces, never as one
 * string: for a digest over a large document (an enveloped signature's reference to URI="").
 * Small pieces are batched; large text goes through as it is.
 */
export function canonicalizeInto(
  update: (chunk: string) => void,
  el: Element,
  alg: string,
  prefixes: string[] = [],
  subject: Element = el,
): void {
  const make = C14N_TO_SINK[alg];
  if (!make) throw new Error(`unsupported canonicalization ${alg}`);
  const inclusive = alg.startsWith(C14N);
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length) update(parts.length === 1 ? parts[0]! : parts.join(''));
    parts = [];
    size = 0;
  };
  const sink = (chunk: string) => {
    if (chunk.length >= 16_384) {
      flush();
      update(chunk);
      return;
    }
    parts.push(chunk);
    size += chunk.length;
    if (size >= 16_384) flush();
  };
  make(sink).process(subject, {
    inclusiveNamespacesPrefixList: prefixes,
    ancestorNamespaces: inclusive || prefixes.length ? ancestorNamespaces(el) : [],
  });
  flush();
}

/** The document's processing instructions outside the root element, in C14N form (the XML declaration is not one). */
export function documentLevelPis(doc: Document): { before: string; after: string } {
  let before = '';
  let after = '';
  let seenRoot = false;
  for (let c = doc.firstChild; c; c = c.nextSibling) {
    if (c === doc.documentElement) seenRoot = true;
    else if (c.nodeType === 7 && (c as ProcessingInstruction).target.toLowerCase() !== 'xml') {
      const pi = `<?${(c as ProcessingInstruction).target}${(c as ProcessingInstruction).data ? ` ${(c as ProcessingInstruction).data}` : ''}?>`;
      if (seenRoot) after += `\n${pi}`;
      else before += `${pi}\n`;
    }
  }
  return { before, after };
}
