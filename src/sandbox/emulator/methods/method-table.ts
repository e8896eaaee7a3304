// Every Web API method the emulator answers, by name.
import { bookmarkMethods } from './bookmarks.js';
import { chatMethods } from './chat.js';
import { conversationMethods } from './conversations.js';
import { fileMethods } from './files.js';
import { succeed, type MethodHandler } from './method-context.js';
import { pinAndReactionMethods } from './pins-and-reactions.js';
import { userMethods } from './users.js';
import { viewMethods } from './views.js';

export const METHODS: Readonly<Record<string, MethodHandler>> = {
  'auth.test': ({ state, baseUrl }) =>
    succeed({
      url: `${baseUrl}/`,
      team: 'klaxon sandbox',
      user: state.bot.name,
      team_id: state.teamId,
      user_id: state.bot.userId,
      bot_id: state.bot.botId,
      is_enterprise_install: false,
    }),
  ...conversationMethods,
  ...chatMethods,
  ...pinAndReactionMethods,
  ...viewMethods,
  ...userMethods,
  ...fileMethods,
  ...bookmarkMethods,
};
