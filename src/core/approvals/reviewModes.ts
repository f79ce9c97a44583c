// The review modes a person chooses between (the setting imperium.review.mode, the CLI's --review),
// on their own: the editor reads the setting at activation without loading the review gate.
export const REVIEW_MODES = ['always', 'unlessBoardApproved', 'never'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];
