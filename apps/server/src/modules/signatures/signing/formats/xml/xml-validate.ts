/**
 * Validation of XML-DSig / XAdES signatures from any signer (xmlsec1, ourselves). References are
 * resolved only within the document, an Id must be unique (no signature wrapping), and only the
 * transforms of the enveloped-signature profile are accepted.
 */
import { constants, createHash, verify } from 'node:crypto';
import type { SignatureReport, TrustContext } from '../../../signing-ports.js';
import { type CertInfo, tryCertInfo } from '../certs.js';
import type { TrustView } from '../chain.js';
import { evaluate, type SignatureEvidence } from '../evaluate.js';
import {
  C14N,
  canonicalize,
  child,
  descendants,
  DIGEST_URI,
  DS,
  documentLevelPis,
  ENVELOPED,
  elementChildren,
  isC14n,
  parseXml,
  SIGNATURE_URI,
  text,
  XADES,
  XADES_SIGNED_PROPERTIES,
} from './xml-dom.js';

interface RefResult {
  ok: boolean;
  wholeDocument: boolean;
  signedProperties: Element | null;
  problem: string | null;
  digest: string | null;
}

function elementsWithId(doc: Document, id: string): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    for (let c = n.firstChild; c; c = c.nextSibling) {
      if (c.nodeType !== 1) continue;
      const e = c as Element;
      if (['Id', 'ID', 'id'].some((a) => e.getAttribute(a) === id)) out.push(e);
      walk(e);
    }
  };
  walk(doc);
  return out;
}

/** The path from `ancestor` down to `node`, as child indexes (to find the signature in a clone). */
function pathTo(ancestor: Node, node: Node): number[] | null {
  const path: number[] = [];
  for (let n: Node | null = node; n && n !== ancestor; n = n.parentNode) {
    if (!n.parentNode) return null;
    path.unshift(Array.prototype.indexOf.call(n.parentNode.childNodes, n));
  }
  return path;
}

function processReference(doc: Document, sig: Element, ref: Element): RefResult {
  const uri = ref.getAttribute('URI');
  const fail = (problem: string): RefResult => ({
    ok: false,
    wholeDocument: false,
    signedProperties: null,
    problem,
    digest: null,
  });
  const hash = DIGEST_URI[child(ref, DS, 'DigestMethod')?.getAttribute('Algorithm') ?? ''];
  if (!hash) return fail('unsupported digest method');
  let target: Element;
  if (uri === '' || uri === null) target = doc.documentElement;
  else if (uri.startsWith('#') && !uri.startsWith('#xpointer(')) {
    const found = elementsWithId(doc, uri.slice(1));
    if (found.length !== 1) return fail(found.length ? `the Id ${uri} is not unique` : `nothing has the Id ${uri}`);
    target = found[0]!;
  } else return fail(`unsupported reference URI ${uri}`);
  const transforms = elementChildren(
    child(ref, DS, 'Transforms') ?? ref.ownerDocument.createElement('x'),
    DS,
    'Transform',
  );
  const subject = target.cloneNode(true) as Element;
  let c14n: string | null = null;
  let prefixes: string[] = [];
  for (const t of transforms) {
    const alg = t.getAttribute('Algorithm') ?? '';
    if (alg === ENVELOPED) {
      const path = pathTo(target, sig);
      if (path) {
        const inClone = path.reduce<Node>((n, i) => n.childNodes[i]!, subject);
        inClone.parentNode?.removeChild(inClone);
      }
    } else if (isC14n(alg) && !c14n) {
      c14n = alg;
      prefixes = (child(t, EXC_NS, 'InclusiveNamespaces')?.getAttribute('PrefixList') ?? '')
        .split(/\s+/)
        .filter(Boolean);
    } else return fail(`unsupported transform ${alg}`);
  }
  // Same-document references select no comments, whatever the canonicalization (XML-DSig §4.4.3.3);
  // without a canonicalization transform the node-set becomes octets by inclusive C14N.
  const alg = (c14n ?? C14N).replace(/WithComments$/, '').replace(/^(.*c14n-20010315)#$/, '$1');
  let canon = canonicalize(target, alg, prefixes, subject);
  if (target === doc.documentElement && (uri === '' || uri === null)) {
    const pis = documentLevelPis(doc);
    canon = pis.before + canon + pis.after;
  }
  const digest = createHash(hash).update(canon, 'utf8').digest('base64');
  const ok = digest === text(child(ref, DS, 'DigestValue')).replace(/\s+/g, '');
  const isProps =
    ref.getAttribute('Type') === XADES_SIGNED_PROPERTIES ||
    (target.namespaceURI === XADES && target.localName === 'SignedProperties');
  return {
    ok,
    wholeDocument: target === doc.documentElement,
    signedProperties: isProps ? target : null,
    problem: ok ? null : `the digest of reference "${uri}" does not match`,
    digest: hash,
  };
}

const EXC_NS = 'http://www.w3.org/2001/10/xml-exc-c14n#';

function verifySignedInfo(sig: Element, cert: CertInfo): boolean {
  const si = child(sig, DS, 'SignedInfo')!;
  const cm = child(si, DS, 'CanonicalizationMethod');
  const alg = SIGNATURE_URI[child(si, DS, 'SignatureMethod')?.getAttribute('Algorithm') ?? ''];
  if (!alg || !cm) return false;
  const prefixes = (child(cm, EXC_NS, 'InclusiveNamespaces')?.getAttribute('PrefixList') ?? '')
    .split(/\s+/)
    .filter(Boolean);
  const canon = Buffer.from(
    canonicalize(si, cm.getAttribute('Algorithm') ?? '', prefixes, si.cloneNode(true) as Element),
    'utf8',
  );
  const value = Buffer.from(text(child(sig, DS, 'SignatureValue')).replace(/\s+/g, ''), 'base64');
  try {
    if (alg.scheme === 'ecdsa')
      return verify(alg.hash, canon, { key: cert.publicKey, dsaEncoding: 'ieee-p1363' }, value);
    if (alg.scheme === 'pss')
      return verify(
        alg.hash,
        canon,
        { key: cert.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
        value,
      );
    return verify(alg.hash, canon, cert.publicKey, value);
  } catch {
    return false;
  }
}

function xadesFacts(props: Element, signer: CertInfo | null) {
  const time = text(descendants(props, XADES, 'SigningTime')[0] ?? null);
  const certEl = descendants(props, XADES, 'Cert')[0] ?? null;
  let matches = false;
  if (certEl && signer) {
    const hash = DIGEST_URI[descendants(certEl, DS, 'DigestMethod')[0]?.getAttribute('Algorithm') ?? ''];
    const value = text(descendants(certEl, DS, 'DigestValue')[0] ?? null).replace(/\s+/g, '');
    matches = !!hash && createHash(hash).update(signer.der).digest('base64') === value;
  }
  return { signingTime: time ? new Date(time) : null, signingCertificateRef: certEl ? { matches } : null };
}

function evidenceOf(doc: Document, sig: Element, index: number): SignatureEvidence {
  const certs = descendants(
    child(sig, DS, 'KeyInfo') ?? sig.ownerDocument.createElement('x'),
    DS,
    'X509Certificate',
  ).map((c) => new Uint8Array(Buffer.from(text(c), 'base64')));
  const infos = certs.map(tryCertInfo).filter((c): c is CertInfo => c !== null);
  const si = child(sig, DS, 'SignedInfo');
  const method = child(si, DS, 'SignatureMethod')?.getAttribute('Algorithm') ?? '';
  const base: SignatureEvidence = {
    index,
    format: 'XML-DSig',
    signerCert: null,
    certPool: certs,
    claimedSigningTime: null,
    intact: false,
    signatureValid: false,
    digestAlgorithms: [SIGNATURE_URI[method]?.hash ?? ''],
    signingCertificateRef: null,
    coversWholeDocument: null,
    modifiedAfterSigning: null,
    messages: [],
  };
  if (!si) return { ...base, formatProblem: 'the signature has no SignedInfo' };
  const refs = elementChildren(si, DS, 'Reference').map((r) => processReference(doc, sig, r));
  const signer = infos.find((c) => verifySignedInfo(sig, c)) ?? null;
  const props = refs.find((r) => r.signedProperties)?.signedProperties ?? null;
  const x = props ? xadesFacts(props, signer ?? infos[0] ?? null) : null;
  const problems = refs.map((r) => r.problem).filter((p): p is string => !!p);
  const unsupported = SIGNATURE_URI[method]
    ? (problems.find((p) => p.startsWith('unsupported')) ?? null)
    : `signature method ${method}`;
  const messages = [...problems];
  if (descendants(sig, XADES, 'SignedProperties').length && !props)
    messages.push('XAdES SignedProperties are present but not signed');
  const whole = refs.some((r) => r.ok && r.wholeDocument);
  if (!whole) messages.push('no reference covers the whole document');
  return {
    ...base,
    format: props ? 'XAdES' : 'XML-DSig',
    signerCert: signer ?? infos[0] ?? null,
    claimedSigningTime: x?.signingTime ?? null,
    intact: refs.length > 0 && refs.every((r) => r.ok),
    signatureValid: !!signer,
    unsupported,
    formatProblem: refs.length ? null : 'the signature has no reference',
    digestAlgorithms: [...base.digestAlgorithms, ...refs.map((r) => r.digest ?? '')],
    signingCertificateRef: x?.signingCertificateRef ?? null,
    coversWholeDocument: whole,
    messages,
  };
}

/** Reports for every ds:Signature in an XML document. */
export async function validateXml(bytes: Uint8Array, view: TrustView, trust: TrustContext): Promise<SignatureReport[]> {
  let doc: Document;
  try {
    doc = parseXml(
      Buffer.from(bytes)
        .toString('utf8')
        .replace(/^\uFEFF/, ''),
    );
  } catch {
    return [];
  }
  const sigs = descendants(doc, DS, 'Signature');
  const out: SignatureReport[] = [];
  for (const [i, sig] of sigs.entries()) out.push(await evaluate(evidenceOf(doc, sig, i), view, trust));
  return out;
}
