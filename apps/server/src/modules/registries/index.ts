/** Registries: national base registries (population, business, land) with once-only and the data tracker. */
export type * from './registries-contract.js';
export { REGISTRIES_EFFECT_JOB } from './registries-contract.js';
export { createRegistries, type RegistriesModule } from './registries.module.js';
export { generateRegistries, type GenerateOptions } from './generator.js';
export { seedRegistries } from './registries.seed.js';
export { gatewayOffers, type GatewayOffer } from './gateway-offer.js';
export { REGISTRIES, SERVICES, PURPOSES, parseSource, registrySourcesOf } from './registries.catalog.js';
export { isValidTaxCode, PROVINCES } from './vn-data.js';
export { REGISTRIES_HELP, registriesCli } from './registries.cli.js';
