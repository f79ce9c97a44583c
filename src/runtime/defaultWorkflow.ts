// The default workflow's id on its own, for what must not load the modules to know it (the editor's
// activation: its commands and views).
export { DEFAULT_WORKFLOW } from '../workflows/defaultWorkflow';
