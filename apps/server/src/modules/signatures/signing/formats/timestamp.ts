/** RFC 3161 timestamp tokens: is this token a valid proof that `data` existed at its time? */
import { createHash } from 'node:crypto';
import { EKU_TIMESTAMPING } from './certs.js';
import { buildChain, type TrustView } from './chain.js';
import { OID } from './cms-sign.js';
import { parseCms, parseTstInfo, signerFacts } from './cms-verify.js';

export interface TimestampFacts {
  time: Date | null;
  authority: string;
  valid: boolean;
  problem: string | null;
}

/** Checks imprint, TSA signature, TSA certificate purpose and its path to the trust list. */
export function verifyTimestamp(token: Uint8Array, data: Uint8Array, view: TrustView): TimestampFacts {
  const fail = (problem: string, time: Date | null = null, authority = 'unknown'): TimestampFacts => ({
    time,
    authority,
    valid: false,
    problem,
  });
  const cms = parseCms(token);
  if (!cms || cms.eContentType !== OID.tstInfo || !cms.eContent) return fail('the timestamp is not an RFC 3161 token');
  const tst = parseTstInfo(cms.eContent);
  if (!tst?.genTime) return fail('the timestamp token has no readable TSTInfo');
  const facts = signerFacts(cms);
  const authority = facts.signerCert?.summary.commonName ?? facts.signerCert?.summary.subject ?? 'unknown';
  const time = tst.genTime;
  const imprintHash = tst.imprintHash;
  if (!imprintHash) return fail('the timestamp uses an unknown hash algorithm', time, authority);
  const imprint = Buffer.from(tst.imprint);
  if (!createHash(imprintHash).update(data).digest().equals(imprint))
    return fail('the timestamp is over other data', time, authority);
  if (!facts.signerCert) return fail('the timestamp carries no TSA certificate', time, authority);
  const contentDigest = facts.digestAlgorithm ? createHash(facts.digestAlgorithm).update(cms.eContent).digest() : null;
  if (!facts.messageDigest || !contentDigest?.equals(facts.messageDigest) || !facts.signatureValid) {
    return fail('the timestamp signature is not valid', time, authority);
  }
  if (!facts.signerCert.extKeyUsage.includes(EKU_TIMESTAMPING))
    return fail('the TSA certificate is not for timestamping', time, authority);
  const chain = buildChain(facts.signerCert, cms.certificates, view);
  if (!chain.anchor) return fail('the TSA certificate does not chain to the trust list', time, authority);
  if (time < facts.signerCert.notBefore || time > facts.signerCert.notAfter)
    return fail('the TSA certificate was not valid at the timestamp time', time, authority);
  return { time, authority, valid: true, problem: null };
}
