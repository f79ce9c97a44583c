// The outlines of the modules a code target starts (id, title, phases), on their own, for what must
// not load the modules to tell them: the code lens, which the editor registers at activation.
import { FEATURE_OUTLINE } from '../workflows/feature/featureWorkflow';
import { FIX_OUTLINE } from '../workflows/fix/fixWorkflow';
import type { ModuleOutline } from '../workflows/workflowModule';

export type { ModuleOutline };

export const TARGET_MODULE_OUTLINES: readonly ModuleOutline[] = [FEATURE_OUTLINE, FIX_OUTLINE];
