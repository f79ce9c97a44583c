// The ports IntegrationBot and the integration and deploy workflows work through, as the runtime
// fills them (runtime/workspaceIntegration.ts): API descriptions and deployment files.
import type { ApiDescriptions } from './apiDescriptions';
import type { DeploymentFiles } from './deploymentFiles';

export interface IntegrationTools {
  readonly apis: ApiDescriptions;
  readonly deployments: DeploymentFiles;
}
