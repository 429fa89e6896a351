/**
 * XML-DSig enveloped signatures (RSA-SHA256, ECDSA-SHA256; exclusive C14N; KeyInfo/X509Data) and
 * XAdES-B-B (ETSI EN 319 132-1: SignedProperties with SigningTime and SigningCertificateV2).
 * Built on our own reference processing over xml-crypto's canonicalizers, because xml-crypto's
 * signer neither signs with an external key (a remote or HSM key is asynchronous) nor references
 * SignedProperties inside the signature.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { HashAlgorithm, SigningKey } from '../../../signing-ports.js';
import { defaultHash } from '../cms-sign.js';
import { certificateParts, nodeHash, seq, tlv } from '../der.js';
import { SignatureFormatError } from '../errors.js';
import { ecdsaDerToRaw } from './ecdsa.js';
import {
  canonicalize,
  DIGEST_URI_OF,
  DS,
  documentLevelPis,
  ENVELOPED,
  EXC_C14N,
  parseXml,
  serializeXml,
  XADES,
  XADES_SIGNED_PROPERTIES,
} from './xml-dom.js';

export interface XmlSignOptions {
  /** XAdES-B-B (default) or plain XML-DSig. */
  xades?: boolean;
  hash?: HashAlgorithm;
  /** Defaults to now (XAdES SigningTime). */
  signingTime?: Date;
  /** Local name of the element the signature goes into (first match); default the root element (edXML: `edXMLHeader`). */
  parent?: string;
}

const SIG_URI = {
  ecdsa: {
    'SHA-256': 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256',
    'SHA-384': 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384',
    'SHA-512': 'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512',
  },
  rsa: {
    'SHA-256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
    'SHA-384': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha384',
    'SHA-512': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  },
} as const;

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64');
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function reference(uri: string, transforms: string[], hash: HashAlgorithm, type?: string): string {
  const t = transforms.map((a) => `<ds:Transform Algorithm="${a}"/>`).join('');
  return `<ds:Reference${type ? ` Type="${type}"` : ''} URI="${esc(uri)}"><ds:Transforms>${t}</ds:Transforms><ds:DigestMethod Algorithm="${DIGEST_URI_OF[hash]}"/><ds:DigestValue></ds:DigestValue></ds:Reference>`;
}

function signedProperties(id: string, sigId: string, key: SigningKey, hash: HashAlgorithm, at: Date): string {
  const cert = key.chain[0]!;
  const { issuer, serial } = certificateParts(cert);
  // IssuerSerialV2: the DER IssuerSerial (RFC 5035) of the signing certificate, base64.
  const issuerSerial = seq(seq(tlv(0xa4, issuer)), serial);
  return (
    `<ds:Object><xades:QualifyingProperties xmlns:xades="${XADES}" Target="#${sigId}">` +
    `<xades:SignedProperties Id="${id}"><xades:SignedSignatureProperties>` +
    `<xades:SigningTime>${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}</xades:SigningTime>` +
    `<xades:SigningCertificateV2><xades:Cert><xades:CertDigest><ds:DigestMethod Algorithm="${DIGEST_URI_OF[hash]}"/>` +
    `<ds:DigestValue>${b64(createHash(nodeHash(hash)).update(cert).digest())}</ds:DigestValue></xades:CertDigest>` +
    `<xades:IssuerSerialV2>${b64(issuerSerial)}</xades:IssuerSerialV2></xades:Cert></xades:SigningCertificateV2>` +
    `</xades:SignedSignatureProperties></xades:SignedProperties></xades:QualifyingProperties></ds:Object>`
  );
}

function findParent(doc: Document, local?: string): Element {
  if (!local) return doc.documentElement;
  const all = doc.getElementsByTagNameNS('*', local);
  if (!all.length)
    throw new SignatureFormatError('XML_LOCATION_NOT_FOUND', `No <${local}> element to put the signature in.`);
  return all[0]!;
}

/** Signs `xml` with an enveloped signature (XAdES-B-B unless `xades: false`); returns the signed XML. */
export async function signXml(xml: string | Uint8Array, key: SigningKey, o: XmlSignOptions = {}): Promise<string> {
  const source = typeof xml === 'string' ? xml : Buffer.from(xml).toString('utf8');
  const doc = parseXml(source.replace(/^\uFEFF/, ''));
  const hash = o.hash ?? defaultHash(key);
  const ecdsa = key.algorithm.startsWith('ECDSA');
  const id = randomBytes(8).toString('hex');
  const sigId = `sig-${id}`;
  const propsId = `xades-${id}`;
  const xades = o.xades !== false;
  const refs =
    reference('', [ENVELOPED, EXC_C14N], hash) +
    (xades ? reference(`#${propsId}`, [EXC_C14N], hash, XADES_SIGNED_PROPERTIES) : '');
  const skeleton =
    `<ds:Signature xmlns:ds="${DS}" Id="${sigId}"><ds:SignedInfo><ds:CanonicalizationMethod Algorithm="${EXC_C14N}"/>` +
    `<ds:SignatureMethod Algorithm="${SIG_URI[ecdsa ? 'ecdsa' : 'rsa'][hash]}"/>${refs}</ds:SignedInfo><ds:SignatureValue></ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data>${key.chain.map((c) => `<ds:X509Certificate>${b64(c)}</ds:X509Certificate>`).join('')}</ds:X509Data></ds:KeyInfo>` +
    (xades ? signedProperties(propsId, sigId, key, hash, o.signingTime ?? new Date()) : '') +
    `</ds:Signature>`;
  const signature = doc.importNode(parseXml(skeleton).documentElement, true) as Element;
  findParent(doc, o.parent).appendChild(signature);

  const [whole, props] = Array.from(signature.getElementsByTagNameNS(DS, 'Reference'));
  const digestOf = (s: string) => createHash(nodeHash(hash)).update(s, 'utf8').digest('base64');
  if (props) {
    const sp = signature.getElementsByTagNameNS(XADES, 'SignedProperties')[0]!;
    props.getElementsByTagNameNS(DS, 'DigestValue')[0]!.textContent = digestOf(canonicalize(sp, EXC_C14N));
  }
  // The enveloped transform: the document without this signature.
  const parent = signature.parentNode!;
  const next = signature.nextSibling;
  parent.removeChild(signature);
  const pis = documentLevelPis(doc);
  whole!.getElementsByTagNameNS(DS, 'DigestValue')[0]!.textContent = digestOf(
    pis.before + canonicalize(doc.documentElement, EXC_C14N) + pis.after,
  );
  parent.insertBefore(signature, next);

  const signedInfo = signature.getElementsByTagNameNS(DS, 'SignedInfo')[0]!;
  const raw = await key.sign(Buffer.from(canonicalize(signedInfo, EXC_C14N), 'utf8'), hash);
  // XML-DSig 1.1 carries ECDSA as r‖s, not DER.
  const value = ecdsa ? ecdsaDerToRaw(raw, key.algorithm === 'ECDSA-P384' ? 48 : 32) : raw;
  signature.getElementsByTagNameNS(DS, 'SignatureValue')[0]!.textContent = b64(value);
  return serializeXml(doc);
}
