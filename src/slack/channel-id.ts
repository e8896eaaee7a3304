// Slack's public (C…) and private (G…, older workspaces) channel ids, as opposed to a channel's name: only an
// id can be linked as <#…> and passed to methods other than chat.postMessage.
const CHANNEL_ID = /^[CG][A-Z0-9]{2,40}$/;

export const isChannelId = (value: string): boolean => CHANNEL_ID.test(value);
