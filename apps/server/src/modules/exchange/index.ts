/** Exchange: the document exchange hub (trục liên thông), edXML packages between agencies and deployments. */
export type * from './exchange-contract.js';
export { createExchange, exchangeOnlyInbox, type Exchange, type ExchangeModule } from './exchange.module.js';
export type { Federation, FederationPeer } from './federation-port.js';
export { generateNodeKey } from './exchange.settings.js';
export { readPackage, type PackageIssue } from './edxml/parse.js';
export { type CliOutput, EXCHANGE_HELP, exchangeCli } from './exchange.cli.js';
export { EDXML_HELP, edxmlCli } from './edxml/check.js';
