import type { Logger } from 'pino';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import { NotFoundError } from '../../platform/http/errors.js';
import type { Principal } from '../../platform/http/auth.js';
import { AppError } from '../../platform/http/errors.js';
import type { Clock } from '../../platform/time/clock.js';
import type { DirectoryService } from '../directory/index.js';
import { type DossiersContext, type DossierFeeView, dossierForFees } from '../dossiers/index.js';
import type { ProceduresService } from '../procedures/index.js';
import type { PdfSignOptions } from '../signatures/index.js';
import { DvcqgGateway } from './gateways/dvcqg-gateway.js';
import type { GatewayName, PaymentGateway } from './gateways/gateway.js';
import { VnpayGateway } from './gateways/vnpay-gateway.js';
import type { PaymentSettings } from './payments.settings.js';

/** Seals a PDF with an agency's seal (the signatures module's facade). */
export interface ReceiptSealer {
  sealPdf(agencyCode: string, pdf: Uint8Array, o?: PdfSignOptions): Promise<Uint8Array>;
}

/** What the payment use cases need from the platform and other modules' facades. */
export class PaymentsContext {
  readonly gateways = new Map<GatewayName, PaymentGateway>();

  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly settings: PaymentSettings,
    readonly directory: DirectoryService,
    readonly procedures: ProceduresService,
    readonly dossiers: DossiersContext,
    readonly files: FileStore,
    readonly sealer: ReceiptSealer | null,
    readonly log: Logger,
  ) {
    if (settings.dvcqg) this.gateways.set('dvcqg', new DvcqgGateway(settings.dvcqg));
    if (settings.vnpay) this.gateways.set('vnpay', new VnpayGateway(settings.vnpay));
  }

  gateway(name: GatewayName): PaymentGateway {
    const g = this.gateways.get(name);
    if (!g)
      throw new AppError(503, 'GATEWAY_NOT_CONFIGURED', `The ${name} gateway is not configured on this deployment.`, {
        gateway: name,
      });
    return g;
  }

  /** The dossier and how the caller stands to it; another citizen's or agency's dossier does not exist. */
  async dossier(code: string, p: Principal | null, o: { staffOnly?: boolean } = {}): Promise<DossierFeeView> {
    const d = await dossierForFees(this.dossiers, code, p);
    const visible =
      d && (d.access.inAgency || d.access.isAssignee || d.access.isReceiver || (!o.staffOnly && d.access.isApplicant));
    if (!d || (p && !visible)) throw new NotFoundError('DOSSIER_NOT_FOUND', 'No such dossier.');
    return d;
  }
}
