/** The default module of `imperium run` and of a request that names none. */
export const DEFAULT_WORKFLOW = 'feature';
