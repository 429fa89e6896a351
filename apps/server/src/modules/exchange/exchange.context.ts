import type { Logger } from 'pino';
import type { Db } from '../../platform/db/index.js';
import type { FileStore } from '../../platform/files/index.js';
import type { Clock } from '../../platform/time/clock.js';
import type { DirectoryService } from '../directory/index.js';
import type { ExchangeInbox } from './exchange-contract.js';
import { LookupCache } from '../../platform/cache/lookup-cache.js';
import type { ExchangeSettings } from './exchange.settings.js';
import type { SealProvider } from './seal/seal-provider.js';
import { LgspClient, LgspTokens } from './lgsp/lgsp-client.js';

/** What the exchange use cases need: platform, directory facade, settings, seals and the receiving module. */
export class ExchangeContext {
  /** Nodes and routes as signed requests need them (cleared by this process's writes to either). */
  readonly lookups = new LookupCache();
  /**
   * The external LGSP this deployment uses as its transport (EXCHANGE_TRANSPORT=lgsp), else null: the
   * client of its first unit (LGSP_UNIT_CODE, else the first of LGSP_UNITS).
   */
  readonly lgsp: LgspClient | null;
  /** One client per unit this deployment is on the LGSP (the first is `lgsp`), sharing one token. */
  readonly lgspUnits: LgspClient[];

  constructor(
    readonly db: Db,
    readonly clock: Clock,
    readonly files: FileStore,
    readonly directory: DirectoryService,
    readonly settings: ExchangeSettings,
    readonly seals: SealProvider,
    readonly log: Logger,
    /** The module that handles arrivals (documents), called inside the transaction that records one. */
    readonly inbox: ExchangeInbox,
  ) {
    const s = settings.lgsp;
    const tokens = s ? new LgspTokens(s, () => clock.now().getTime()) : null;
    this.lgspUnits = s && tokens ? s.units.map((u) => new LgspClient(s, u, tokens)) : [];
    this.lgsp = this.lgspUnits[0] ?? null;
  }

  get isHub() {
    return this.settings.role === 'hub';
  }

  /** Agencies this deployment serves in the exchange (with both code forms). */
  async servesAgency(code: string): Promise<boolean> {
    const a = await this.directory.find(code);
    if (!a) return false;
    if (!this.settings.agencies) return true;
    for (const root of this.settings.agencies) if (await this.directory.isWithin(root, a.code)) return true;
    return false;
  }
}
