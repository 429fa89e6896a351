import type { DossiersContext } from './dossiers.context.js';
import type { DossierRow } from './dossiers.repository.js';

/**
 * The web pages the platform links to in what it sends (mails, printed receipts): each opens the
 * right page for whoever receives it. The e2e journey `desk-workflows` opens every one of them.
 */
export const dossierLinks = {
  /**
   * For the applicant. An account holder's dossier opens in "Hồ sơ của tôi" (after logging in); a
   * dossier filed at the desk for a person (`person:<ID>`, perhaps without an account) opens on the
   * tracking page with the receipt's token, which needs no login.
   */
  applicant(ctx: DossiersContext, d: Pick<DossierRow, 'id' | 'code' | 'applicantId'>): string {
    return d.applicantId.startsWith('person:')
      ? dossierLinks.tracking(ctx, d)
      : `${ctx.config.publicUrl}/my/dossiers/${encodeURIComponent(d.code)}`;
  },
  /** For the officer holding the dossier. */
  staff(ctx: DossiersContext, code: string): string {
    return `${ctx.config.publicUrl}/staff/dossiers/${encodeURIComponent(code)}`;
  },
  /** Public tracking with the receipt's token (its QR code): status only, no login, no personal data. */
  tracking(ctx: DossiersContext, d: Pick<DossierRow, 'id' | 'code'>): string {
    return `${ctx.config.publicUrl}/track?code=${encodeURIComponent(d.code)}&token=${ctx.receiptCodes.trackingToken(d.id)}`;
  },
};
