/** Agency directory: the tree of agencies with both forms of electronic identifier code. */
export { createDirectory, type DirectoryModule } from './directory.module.js';
export { DirectoryService, type AgencyInput, type AgencyView } from './directory.service.js';
export { seedAgencies } from './directory.seed.js';
export { isLegacyCode, isQd20Code } from './agency-code.js';
export { addressLine } from './admin-units.js';
