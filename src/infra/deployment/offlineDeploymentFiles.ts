// The DeploymentFiles port: each deployment file checked offline by the validator of its kind.
import { deploymentFileKind, type DeploymentFileCheck, type DeploymentFiles, type DeploymentProblem } from '../../core/integration/deploymentFiles';
import { checkComposeFile } from './composeFileValidator';
import { checkDockerfile } from './dockerfileValidator';
import { checkWorkflowFile } from './workflowFileValidator';

export class OfflineDeploymentFiles implements DeploymentFiles {
  async check(file: string, text: string): Promise<DeploymentFileCheck> {
    const kind = deploymentFileKind(file);
    if (kind === undefined) throw new Error(`${file} is not a deployment file this can check: compose files (compose.yaml, docker-compose.yml), GitHub Actions workflows (.github/workflows/*.yml) and Dockerfiles`);
    const problems: DeploymentProblem[] = kind === 'compose' ? checkComposeFile(text) : kind === 'dockerfile' ? checkDockerfile(text) : await checkWorkflowFile(file, text);
    return { file, kind, valid: !problems.some((problem) => problem.severity === 'error'), problems };
  }
}
