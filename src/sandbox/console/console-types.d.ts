// Types for the console's JSDoc: the Block Kit subset the bot sends and what /console/api answers. Only the
// type checker reads this file; the browser loads the .js modules as they are.

export interface TextObject {
  readonly type: 'plain_text' | 'mrkdwn';
  readonly text: string;
  readonly emoji?: boolean;
}

export interface BlockOption {
  readonly text?: TextObject;
  readonly value: string;
}

export interface ConfirmDialog {
  readonly title?: TextObject;
  readonly text?: TextObject;
  readonly confirm?: TextObject;
  readonly deny?: TextObject;
  readonly style?: 'primary' | 'danger';
}

/** Any element: interactive ones, images, and the text objects of a context block. */
export interface BlockElement {
  readonly type: string;
  readonly action_id?: string;
  readonly text?: TextObject | string;
  readonly value?: string;
  readonly url?: string;
  readonly style?: string;
  readonly confirm?: ConfirmDialog;
  readonly placeholder?: TextObject;
  readonly options?: readonly BlockOption[];
  readonly option_groups?: readonly { readonly options?: readonly BlockOption[] }[];
  readonly initial_option?: BlockOption;
  readonly initial_options?: readonly BlockOption[];
  readonly initial_user?: string;
  readonly initial_date?: string;
  readonly initial_value?: string;
  readonly multiline?: boolean;
  readonly max_length?: number;
  readonly image_url?: string;
  readonly alt_text?: string;
}

/** A rich_text block's tree: sections, lists and preformatted runs of text elements. */
export interface RichTextNode {
  readonly type?: string;
  readonly text?: string;
  readonly elements?: readonly RichTextNode[];
}

export interface Block {
  readonly type: string;
  readonly block_id?: string;
  readonly text?: TextObject;
  readonly fields?: readonly TextObject[];
  readonly accessory?: BlockElement;
  readonly elements?: readonly BlockElement[];
  readonly element?: BlockElement;
  readonly label?: TextObject;
  readonly hint?: TextObject;
  readonly optional?: boolean;
  readonly title?: TextObject;
  readonly image_url?: string;
  readonly alt_text?: string;
}

export interface Lookup {
  userName(id: string): string | null;
  channelName(id: string): string | null;
  groupHandle(id: string): string | null;
}

export interface WorkspaceUser {
  readonly id: string;
  readonly name: string;
  readonly realName: string;
  readonly title?: string;
  readonly isBot?: boolean;
}

export interface Workspace {
  readonly teamId: string;
  readonly bot: { readonly userId: string; readonly botId: string; readonly name: string };
  readonly users: readonly WorkspaceUser[];
  readonly usergroups: readonly { readonly id: string; readonly handle: string; readonly name: string; readonly users: readonly string[] }[];
}

export interface ChannelView {
  readonly id: string;
  readonly name: string;
  readonly topic: string;
  readonly purpose: string;
  readonly isArchived: boolean;
  readonly isPrivate: boolean;
  readonly members: readonly string[];
  readonly bookmarks: readonly { readonly id: string; readonly title: string; readonly link?: string }[];
  readonly pins: readonly string[];
}

export interface FileView {
  readonly id: string;
  readonly name: string;
  readonly title: string;
  readonly size: number;
  readonly url: string;
}

export interface MessageView {
  readonly kind: 'message' | 'ephemeral';
  readonly ts: string;
  readonly user: string;
  readonly bot: boolean;
  readonly text: string;
  readonly blocks?: readonly Block[];
  readonly files?: readonly FileView[];
  readonly reactions?: readonly { readonly name: string; readonly users: readonly string[] }[];
  readonly replyCount?: number;
  readonly edited?: boolean;
}

export interface ModalView {
  readonly id: string;
  readonly view: {
    readonly title?: TextObject;
    readonly submit?: TextObject;
    readonly close?: TextObject;
    readonly blocks?: readonly Block[];
  };
  readonly errors: Readonly<Record<string, string>>;
}

/** What a click, a selection or a date pick asks the console to send to the bot. */
export interface BlockAction {
  readonly kind: 'click' | 'select';
  readonly actionId: string | undefined;
  readonly blockId: string | undefined;
  readonly value: string | undefined;
}

/** What renderBlocks needs from its caller. */
export interface RenderContext {
  readonly lookup: Lookup;
  readonly users: readonly WorkspaceUser[];
  onAction(action: BlockAction): void | Promise<void>;
  confirm(dialog: ConfirmDialog): Promise<boolean>;
  readonly errors?: Readonly<Record<string, string>>;
}

/** A modal's typed values: `{ blockId: { actionId: value } }`. */
export type InputValues = Record<string, Record<string, string | string[]>>;

/** The console API's answer to an action. */
export interface ActionResult {
  readonly ok: boolean;
  readonly error?: string;
  readonly answer?: { readonly status: number; readonly body: string };
}
