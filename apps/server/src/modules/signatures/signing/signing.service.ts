import type { Db } from '../../../platform/db/index.js';
import type { FileStore } from '../../../platform/files/index.js';
import { type ActorContext, type Principal, systemActor } from '../../../platform/http/auth.js';
import { ForbiddenError, ValidationError } from '../../../platform/http/errors.js';
import type { Clock } from '../../../platform/time/clock.js';
import { recordAudit } from '../../audit/index.js';
import {
  confirmActionWithPasskey,
  confirmActionWithTotp,
  type IdentityContext,
  type PasskeyAssertion,
} from '../../identity/index.js';
import { digest, toHex } from './formats/der.js';
import { SignatureFormatError, signCades, signPades, signXml, type VisibleBlock, validate } from './formats/index.js';
import type { SignaturesService } from '../pki/index.js';
import type { SigningKey, TrustAnchor, ValidationReport } from '../signing-ports.js';
import { checkIdentitySignature, type IdentitySignatureCheck } from './use-cases/identity-signature.js';
import { imageOfCertificateHolder } from './use-cases/signature-image.js';

export interface PdfSignOptions {
  /** Visible Decree 30 block: true for the default place, or a page and rectangle. */
  visible?: VisibleBlock | boolean;
  reason?: string;
  location?: string;
  /** The signer's position (chức vụ) for the visible block; default the certificate's title. */
  position?: string;
}

/** A format error of the input as a 422 naming the field that carried the bad input. */
export function formatError(e: unknown, field: string): never {
  if (e instanceof SignatureFormatError) throw ValidationError.field(field, e.code, e.message);
  throw e;
}

/**
 * Signing and validation for the signatures routes and for other modules (documents, exchange,
 * payments, dossiers). Signing reads the PKI through its facade: call these functions before
 * opening a transaction (on PGlite a read from inside one waits forever). PAdES and CAdES are
 * timestamped by our TSA (baseline B-T).
 */
export class SigningService {
  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly files: FileStore,
    readonly pki: SignaturesService,
    readonly identity: IdentityContext,
  ) {}

  /**
   * The holder's key for one remote signature, after the checks the law asks for: a level-2
   * session, the holder (or the agency's clerk for a seal), a usable certificate (409 when revoked
   * or expired), and the holder's confirmation of this very signature: a fresh TOTP code, or a
   * passkey assertion made for `signature:<certificateId>` (one of them).
   */
  async confirmedKey(
    principal: Principal,
    actor: ActorContext,
    certificateId: string,
    otp: string | undefined,
    passkey?: PasskeyAssertion,
  ): Promise<SigningKey> {
    if (principal.acr < 2)
      throw new ForbiddenError('STEP_UP_REQUIRED', 'Signing needs a session with a second factor.', { requiredAcr: 2 });
    await this.pki.assertHolder(principal, certificateId);
    const key = await this.pki.signingKeyFor(certificateId);
    const action = `signature:${certificateId}`;
    if (passkey && otp)
      throw ValidationError.field(
        'passkey',
        'OTP_OR_PASSKEY',
        'Confirm with the authenticator code or with a passkey, not both.',
      );
    if (passkey) {
      await confirmActionWithPasskey(this.identity, actor, principal.userId, passkey, action);
      return key;
    }
    if (!otp)
      throw ValidationError.field(
        'otp',
        'REQUIRED',
        'Enter the code from your authenticator, or confirm with a passkey, to confirm this signature.',
      );
    await confirmActionWithTotp(this.identity, actor, principal.userId, otp, action);
    return key;
  }

  /** Audit of one signature: which certificate signed which bytes (hashes, not content). */
  async audit(
    actor: ActorContext,
    key: SigningKey,
    certificateId: string | null,
    format: string,
    input: Uint8Array,
    output: Uint8Array,
  ) {
    const now = this.clock.now();
    await this.db.transaction((tx) =>
      recordAudit(
        tx,
        actor,
        {
          action: 'signature.created',
          subjectType: 'certificate',
          subjectId: certificateId ?? toHex(digest('SHA-256', key.chain[0]!)).slice(0, 32),
          after: {
            format,
            inputSha256: toHex(digest('SHA-256', input)),
            outputSha256: toHex(digest('SHA-256', output)),
          },
        },
        now,
      ),
    );
  }

  /**
   * The holder's signature image (chữ ký mẫu), when he uploaded one, put into the signature widgets
   * of a person's PDF signature that show his name: his own image is drawn there instead.
   */
  private async withSignatureImage<T extends PdfSignOptions>(o: T, certificateId: string): Promise<T> {
    const widgets = typeof o.visible === 'object' ? o.visible.widgets : undefined;
    if (!widgets?.some((w) => w.appearance.kind === 'signature')) return o;
    const image = await imageOfCertificateHolder(this.db, certificateId);
    if (!image) return o;
    return {
      ...o,
      visible: {
        ...(o.visible as VisibleBlock),
        widgets: widgets.map((w) =>
          w.appearance.kind === 'signature' ? { ...w, appearance: { ...w.appearance, image } } : w,
        ),
      },
    };
  }

  /** Sign a PDF (PAdES B-T) with a person's server-held certificate; the holder confirms with a TOTP code or a passkey assertion. */
  async signPdfAsPerson(
    principal: Principal,
    actor: ActorContext,
    pdf: Uint8Array,
    o: PdfSignOptions & { certificateId: string; otp?: string; passkey?: PasskeyAssertion },
  ): Promise<Uint8Array> {
    const key = await this.confirmedKey(principal, actor, o.certificateId, o.otp, o.passkey);
    const withImage = await this.withSignatureImage(o, o.certificateId);
    const out = await signPades(pdf, key, { ...withImage, tsa: this.pki.timestampAuthority() }).catch((e) =>
      formatError(e, 'pdf'),
    );
    await this.audit(actor, key, o.certificateId, 'pades', pdf, out);
    return out;
  }

  /**
   * One of several PDFs signed with a key the holder confirmed once (`confirmedKey`): the leader's
   * batch (ký số hàng loạt) confirms the list with one code or passkey, and each signature is made
   * and audited on its own.
   */
  async signPdfWithConfirmedKey(
    actor: ActorContext,
    key: SigningKey,
    certificateId: string,
    pdf: Uint8Array,
    o: PdfSignOptions = {},
  ): Promise<Uint8Array> {
    const withImage = await this.withSignatureImage(o, certificateId);
    const out = await signPades(pdf, key, { ...withImage, tsa: this.pki.timestampAuthority() }).catch((e) =>
      formatError(e, 'pdf'),
    );
    await this.audit(actor, key, certificateId, 'pades', pdf, out);
    return out;
  }

  /**
   * Demo seed only: a PAdES B-T signature with a person's server-held certificate made by the seed,
   * which has no holder at hand to confirm it (no route reaches this). Audited like any signature,
   * under the seed's actor.
   */
  async signPdfAsPersonBySeed(
    actor: ActorContext,
    certificateId: string,
    pdf: Uint8Array,
    o: PdfSignOptions = {},
  ): Promise<Uint8Array> {
    const key = await this.pki.signingKeyFor(certificateId);
    const withImage = await this.withSignatureImage(o, certificateId);
    const out = await signPades(pdf, key, { ...withImage, tsa: this.pki.timestampAuthority() }).catch((e) =>
      formatError(e, 'pdf'),
    );
    await this.audit(actor, key, certificateId, 'pades', pdf, out);
    return out;
  }

  /**
   * A detached CAdES B-T signature (`.p7s`) over `content` with a person's server-held certificate;
   * the holder confirms with a TOTP code or a passkey assertion (as `signPdfAsPerson`).
   */
  async signCadesAsPerson(
    principal: Principal,
    actor: ActorContext,
    content: Uint8Array,
    o: { certificateId: string; otp?: string; passkey?: PasskeyAssertion },
  ): Promise<Uint8Array> {
    const key = await this.confirmedKey(principal, actor, o.certificateId, o.otp, o.passkey);
    const out = await signCades(content, key, { tsa: this.pki.timestampAuthority(), signingTime: this.clock.now() });
    await this.audit(actor, key, o.certificateId, 'cades', content, out);
    return out;
  }

  /** Seal a PDF (PAdES B-T) with the agency's seal, system-initiated (no person confirms it). */
  async sealPdf(
    agencyCode: string,
    pdf: Uint8Array,
    o: PdfSignOptions & { actor?: ActorContext } = {},
  ): Promise<Uint8Array> {
    const key = await this.pki.sealKeyFor(agencyCode);
    const out = await signPades(pdf, key, { ...o, tsa: this.pki.timestampAuthority() }).catch((e) =>
      formatError(e, 'pdf'),
    );
    await this.audit(o.actor ?? systemActor, key, null, 'pades', pdf, out);
    return out;
  }

  /** Sign XML enveloped (XAdES-B-B) with the agency's seal; `parent` is the element that receives the signature (edXML: `edXMLHeader`). */
  async sealXml(
    agencyCode: string,
    xml: string | Uint8Array,
    o: { parent?: string; actor?: ActorContext } = {},
  ): Promise<string> {
    const key = await this.pki.sealKeyFor(agencyCode);
    const out = await signXml(xml, key, { parent: o.parent }).catch((e) => formatError(e, 'xml'));
    await this.audit(
      o.actor ?? systemActor,
      key,
      null,
      'xades',
      typeof xml === 'string' ? Buffer.from(xml) : xml,
      Buffer.from(out),
    );
    return out;
  }

  /** Validate a PDF, XML or CMS (detached: pass the signed content) against the trust list; never throws on bad input. */
  validateBytes(bytes: Uint8Array, o: { detachedContent?: Uint8Array } = {}): Promise<ValidationReport> {
    return validate(bytes, this.pki.trustContext(), o);
  }

  /**
   * Whether `signature` (CMS/PKCS#7, DER, PEM or base64) is a signature of `content` made now with a
   * certificate chaining to a root of `categories` on the trust list: what an account's identity
   * proof by certificate rests on (never throws on bad input).
   */
  checkIdentitySignature(
    signature: Uint8Array,
    content: Uint8Array,
    categories: TrustAnchor['category'][] = ['government', 'public'],
  ): Promise<IdentitySignatureCheck> {
    return checkIdentitySignature(signature, content, this.pki.trustContext(), categories);
  }
}
