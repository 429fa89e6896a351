/** Exchange: the document exchange hub (trục liên thông), edXML packages between agencies and deployments. */
export type * from './exchange-contract.js';
