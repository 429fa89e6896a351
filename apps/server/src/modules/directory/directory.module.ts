import { type Module, noStop, type PlatformDeps } from '../../platform/module.js';
import { directoryRoutes } from './directory.routes.js';
import { DirectoryService } from './directory.service.js';

export type DirectoryModule = Module<DirectoryService>;

/** The agency directory: the tree of agencies (kept in memory), their codes and seals. Needs no other module. */
export function createDirectory(deps: PlatformDeps): DirectoryModule {
  const directory = new DirectoryService(deps.db, deps.clock);
  return { name: 'directory', facade: directory, routes: directoryRoutes(directory), jobs: {}, stop: noStop };
}
