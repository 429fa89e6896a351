/** Agency directory: the tree of agencies with both forms of electronic identifier code. */
export { DirectoryService, type AgencyInput, type AgencyView } from './directory.service.js';
export { directoryRoutes } from './directory.routes.js';
export { seedAgencies } from './directory.seed.js';
export { isLegacyCode, isQd20Code } from './agency-code.js';
