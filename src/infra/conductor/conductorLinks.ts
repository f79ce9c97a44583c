// Where a person sees a workflow in Conductor's own UI: conductor-oss serves a workflow's execution
// page at /execution/<id>. The UI usually runs on another port than the API (5000 next to 8080 in
// docker-compose.yml), so its address is configured on its own.
import { ConductorConfigurationError } from './conductorConnection';

export function conductorWorkflowLink(uiUrl: string, workflowId: string): string {
  let parsed: URL;
  try {
    parsed = new URL(uiUrl);
  } catch {
    throw new ConductorConfigurationError(`"${uiUrl}" is not an address of Conductor's UI; expected one like http://127.0.0.1:5000.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConductorConfigurationError(`"${uiUrl}" is not an http or https address.`);
  if (!/^[A-Za-z0-9-]+$/.test(workflowId)) throw new ConductorConfigurationError(`"${workflowId}" is not a Conductor workflow id.`);
  return `${parsed.href.replace(/\/+$/, '')}/execution/${workflowId}`;
}
