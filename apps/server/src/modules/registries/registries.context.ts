import { ModuleContext } from '../../platform/module.js';
import type { RegistriesPorts } from './registries-contract.js';

/** What the registries use cases share: the platform and the ports. */
export class RegistriesContext extends ModuleContext<RegistriesPorts> {}
