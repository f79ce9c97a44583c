// @imperium's id (package.json contributes.chatParticipants), and the command the Chat view's Approve, Reject and answer buttons run (with a one-time token).
export const DECIDE_COMMAND = 'imperium.chat.decide';
export const PARTICIPANT_ID = 'imperium-flow.imperium';
