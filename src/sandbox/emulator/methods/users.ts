// users.info, users.list and usergroups.*: who is who, and who is in the L1/L2/L3 groups.
import { userJson } from '../wire-format.js';
import { booleanArg, fail, stringArg, succeed, type MethodHandler } from './method-context.js';

const usersInfo: MethodHandler = (context) => {
  const id = stringArg(context.args, 'user');
  const user = id === undefined ? undefined : context.state.user(id);
  if (!user) return fail('user_not_found');
  return succeed({ user: userJson(user, context.state.teamId) });
};

// users.list pages through the workspace's members with an opaque cursor (Slack recommends limit ≤ 200).
const usersList: MethodHandler = (context) => {
  const limit = Math.min(Math.max(Number(stringArg(context.args, 'limit') ?? 0) || 200, 1), 1000);
  const cursor = stringArg(context.args, 'cursor');
  const start = cursor ? Number(Buffer.from(cursor, 'base64').toString('utf8').replace(/^offset:/, '')) : 0;
  if (!Number.isInteger(start) || start < 0) return fail('invalid_cursor');
  const page = context.state.users.slice(start, start + limit);
  const next = start + limit < context.state.users.length ? Buffer.from(`offset:${start + limit}`).toString('base64') : '';
  return succeed({ members: page.map((user) => userJson(user, context.state.teamId)), response_metadata: { next_cursor: next } });
};

const usergroupsList: MethodHandler = (context) => {
  const withUsers = booleanArg(context.args, 'include_users');
  return succeed({
    usergroups: context.state.usergroups.map((g) => ({
      id: g.id,
      team_id: context.state.teamId,
      handle: g.handle,
      name: g.name,
      user_count: g.users.length,
      ...(withUsers ? { users: g.users } : {}),
    })),
  });
};

const usergroupsUsersList: MethodHandler = (context) => {
  const id = stringArg(context.args, 'usergroup');
  if (id === undefined) return fail('missing_argument');
  const group = context.state.usergroups.find((g) => g.id === id);
  if (!group) return fail('no_such_subteam');
  return succeed({ users: group.users });
};

export const userMethods: Readonly<Record<string, MethodHandler>> = {
  'users.info': usersInfo,
  'users.list': usersList,
  'usergroups.list': usergroupsList,
  'usergroups.users.list': usergroupsUsersList,
};
