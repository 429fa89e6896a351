import { ModuleContext } from '../../platform/module.js';
import type { SigningKey } from '../signatures/index.js';
import type { GatewayPorts, LocalServiceRegistration } from './gateway-contract.js';
import { LookupCache } from '../../platform/cache/lookup-cache.js';
import type { MutualTlsListener } from '../../platform/http/mtls.js';
import type { App } from '../../platform/http/server.js';

const KEY_TTL_MS = 60_000;

/** What the gateway's use cases share: the platform, the ports, the local handlers and a short cache of seal keys. */
export class GatewayContext extends ModuleContext<GatewayPorts> {
  /** Services implemented in this process, by `${provider} ${code}`. */
  readonly handlers = new Map<string, LocalServiceRegistration>();
  /** Every local service has its registry row (written at init, or by the first call after a registration). */
  localReady = false;
  /** Subsystems, services and rights as calls look them up (cleared by this process's registry writes). */
  readonly lookups = new LookupCache();
  /** The application the routes were registered on: the mutual-TLS listener routes into it. */
  app: App | null = null;
  /** Open mutual-TLS listeners, closed with the module. */
  readonly listeners = new Set<MutualTlsListener>();
  private readonly keys = new Map<string, { key: SigningKey; until: number }>();

  get selfId() {
    return this.ports.federation.selfId;
  }

  /**
   * The seal that signs a member's log records: the member's own, else the nearest agency above it
   * with one (as exchange seals packages). Kept a minute: the log signs on every call.
   */
  async sealOf(agencyCode: string): Promise<SigningKey> {
    const now = this.clock.now().getTime();
    const hit = this.keys.get(agencyCode);
    if (hit && hit.until > now) return hit.key;
    let holder = agencyCode;
    for (const a of await this.ports.directory.lineage(agencyCode)) {
      if (await this.ports.signatures.currentSeal(this.db, a.code)) {
        holder = a.code;
        break;
      }
    }
    const key = await this.ports.signatures.sealKeyFor(holder);
    this.keys.set(agencyCode, { key, until: now + KEY_TTL_MS });
    return key;
  }
}
