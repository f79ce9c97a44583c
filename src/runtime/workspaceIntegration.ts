// The API description and deployment file tools a host (the editor, the CLI) gives IntegrationBot
// and the integration and deploy workflows, over the workspace folder: @redocly/openapi-core,
// openapi-typescript + openapi-fetch and openapi-backend for API descriptions, the offline
// validators for compose files, GitHub Actions workflows and Dockerfiles.
import type { IntegrationTools } from '../core/integration/integrationTools';
import { FileApiDescriptions } from '../infra/apiDescription/fileApiDescriptions';
import { OfflineDeploymentFiles } from '../infra/deployment/offlineDeploymentFiles';

export function workspaceIntegration(folder: string): IntegrationTools {
  return { apis: new FileApiDescriptions(folder), deployments: new OfflineDeploymentFiles() };
}
