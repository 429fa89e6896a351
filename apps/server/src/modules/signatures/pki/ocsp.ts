import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { PkiDeps } from './pki.deps.js';
import { arrayBuffer, digest, HASH_OIDS, hashFor, signatureAlgorithmIdentifier } from './pki-crypto.js';
import { type CertificateRow, signaturesRepository as repo } from './signatures.repository.js';

const OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OCSP_NONCE = '1.3.6.1.5.5.7.48.1.2';
/** How long a relying party may cache an answer (revocations are visible at once to those who ask again). */
const NEXT_UPDATE_MS = 3600 * 1000;

/** RFC 6960 OCSPResponseStatus. */
const STATUS = {
  successful: 0,
  malformedRequest: 1,
  internalError: 2,
  tryLater: 3,
  sigRequired: 5,
  unauthorized: 6,
} as const;

function errorResponse(status: number): Uint8Array {
  const r = new pkijs.OCSPResponse({ responseStatus: new asn1js.Enumerated({ value: status }) });
  return new Uint8Array(r.toSchema().toBER());
}

/** Issuer name hash and key hash of one of our CAs, as a CertID carries them for a given hash. */
interface CaIds {
  row: CertificateRow;
  cert: pkijs.Certificate;
}

function caHashes(ca: CaIds, hash: string) {
  const h = HASH_OIDS[hash];
  if (!h) return null;
  return {
    name: digest(h, ca.cert.subject.valueBeforeDecode),
    key: digest(h, ca.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView),
  };
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const serialHex = (i: asn1js.Integer) =>
  Buffer.from(i.valueBlock.valueHexView)
    .toString('hex')
    .replace(/^(00)+(?=.)/, '');

function certStatus(cert: CertificateRow | null): asn1js.BaseBlock {
  if (!cert) return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 2 } }); // unknown
  if (cert.status !== 'revoked') return new asn1js.Primitive({ idBlock: { tagClass: 3, tagNumber: 0 } }); // good
  const value: asn1js.BaseBlock[] = [new asn1js.GeneralizedTime({ valueDate: cert.revokedAt! })];
  if (cert.revocationReason !== null && cert.revocationReason !== 0) {
    value.push(
      new asn1js.Constructed({
        idBlock: { tagClass: 3, tagNumber: 0 },
        value: [new asn1js.Enumerated({ value: cert.revocationReason })],
      }),
    );
  }
  return new asn1js.Constructed({ idBlock: { tagClass: 3, tagNumber: 1 }, value });
}

/**
 * The OCSP responder: answers for certificates of our issuing CA, signed by that CA itself (no
 * delegated responder certificate to renew; see the OCSP signer ADR). Serials we never issued are
 * `unknown`; the nonce, when sent, is echoed.
 */
export async function answerOcsp(d: PkiDeps, request: Uint8Array): Promise<Uint8Array> {
  let req: pkijs.OCSPRequest;
  try {
    req = pkijs.OCSPRequest.fromBER(arrayBuffer(request));
  } catch {
    return errorResponse(STATUS.malformedRequest);
  }
  const list = req.tbsRequest.requestList;
  if (list.length === 0 || list.length > 20) return errorResponse(STATUS.malformedRequest);
  const issuing = await d.cache.roleHolder(d.db, 'issuing');
  if (!issuing?.keyId) return errorResponse(STATUS.tryLater);
  const ca: CaIds = { row: issuing, cert: d.cache.pkijs(issuing) };

  const now = new Date(Math.floor(d.clock.now().getTime() / 1000) * 1000);
  const responses: pkijs.SingleResponse[] = [];
  for (const r of list) {
    const id = r.reqCert;
    const h = caHashes(ca, id.hashAlgorithm.algorithmId);
    // A request about another CA's certificate is not ours to answer (RFC 6960 §2.3).
    if (
      !h ||
      !same(h.name, id.issuerNameHash.valueBlock.valueHexView) ||
      !same(h.key, id.issuerKeyHash.valueBlock.valueHexView)
    ) {
      return errorResponse(STATUS.unauthorized);
    }
    const cert = await repo.bySerial(d.db, issuing.id, serialHex(id.serialNumber));
    responses.push(
      new pkijs.SingleResponse({
        certID: id,
        certStatus: certStatus(cert),
        thisUpdate: now,
        nextUpdate: new Date(now.getTime() + NEXT_UPDATE_MS),
      }),
    );
  }

  const nonce = req.tbsRequest.requestExtensions?.find((e) => e.extnID === OCSP_NONCE);
  const keyHash = digest('SHA-1', ca.cert.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView);
  const tbs = new pkijs.ResponseData({
    responderID: new asn1js.OctetString({ valueHex: arrayBuffer(keyHash) }),
    producedAt: now,
    responses,
    responseExtensions: nonce
      ? [
          new pkijs.Extension({
            extnID: OCSP_NONCE,
            critical: false,
            extnValue: nonce.extnValue.valueBlock.valueHexView.slice().buffer,
          }),
        ]
      : undefined,
  });
  const alg = await d.store.algorithm(issuing.keyId);
  const hash = hashFor(alg);
  tbs.tbsView = new Uint8Array(tbs.toSchema(true).toBER());
  const signature = await d.store.sign(issuing.keyId, tbs.tbsView, hash);
  const basic = new pkijs.BasicOCSPResponse({
    tbsResponseData: tbs,
    signatureAlgorithm: signatureAlgorithmIdentifier(alg, hash),
    signature: new asn1js.BitString({ valueHex: arrayBuffer(signature) }),
  });
  const response = new pkijs.OCSPResponse({
    responseStatus: new asn1js.Enumerated({ value: STATUS.successful }),
    responseBytes: new pkijs.ResponseBytes({
      responseType: OCSP_BASIC,
      response: new asn1js.OctetString({ valueHex: basic.toSchema().toBER() }),
    }),
  });
  return new Uint8Array(response.toSchema().toBER());
}
