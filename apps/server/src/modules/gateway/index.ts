/** Gateway: the data integration and sharing platform (NGSP/LGSP), after X-Road (ADR 0026). */
export type * from './gateway-contract.js';
export { createGateway, type GatewayModule } from './gateway.module.js';
export { DIRECTORY_PROVIDER, DIRECTORY_SERVICE } from './demo-service.js';
