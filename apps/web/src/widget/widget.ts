import type { WidgetConfig, WidgetConversation } from '@caseflow/contract';
import type { WidgetApi } from './api';
import { isHexColor } from './contrast';
import { type ConversationView, createConversationView } from './conversation-view';
import { h } from './dom';
import { createHost } from './host';
import { createLauncher } from './launcher';
import { createPanel } from './panel';
import { NOT_AVAILABLE, WidgetError } from './problem';
import type { GuestConnection, RealtimeHandlers } from './realtime';
import { createStartForm } from './start-form';
import { createStatusViews } from './status-views';
import type { WidgetStorage } from './storage';
import { throttle } from './throttle';

const DEFAULT_COLOR = '#3b5bdb';
const TYPING_EVERY_MS = 2_000;
const ID = 'caseflow-chat';

export type WidgetDeps = {
  doc: Document;
  api: WidgetApi;
  storage: WidgetStorage;
  connect: (token: string, handlers: RealtimeHandlers) => GuestConnection;
};

/** The widget: the launcher and the panel, and which view the panel shows (form, conversation, a refusal). */
export function createWidget({ doc, api, storage, connect }: WidgetDeps) {
  const host = createHost(doc);
  const panel = createPanel(`${ID}-panel`, () => close(true));
  const launcher = createLauncher(panel.element.id, () => (panel.isOpen() ? close(true) : open()));
  host.root.append(launcher.element, panel.element);
  const views = createStatusViews(() => void load());

  let config: WidgetConfig | undefined;
  let token = storage.loadToken();
  let conversation: WidgetConversation | undefined;
  let view: ConversationView | undefined;
  let connection: GuestConnection | undefined;
  let focusView: () => void = () => panel.element.focus();

  function open() {
    panel.setOpen(true);
    launcher.setExpanded(true);
    storage.rememberOpen(true);
    focusView();
  }
  function close(returnFocus: boolean) {
    panel.setOpen(false);
    launcher.setExpanded(false);
    storage.rememberOpen(false);
    if (returnFocus) launcher.element.focus();
  }
  /** Shows a view; it takes the focus if the visitor is in the panel (never stolen from the shop's page). */
  function show(node: Node, focus: () => void) {
    const hadFocus = panel.isOpen() && panel.element.contains(host.focused());
    panel.show(node);
    focusView = focus;
    if (hadFocus) focus();
  }

  function showRefusal() {
    disconnect();
    show(views.message(NOT_AVAILABLE), () => panel.element.focus());
  }
  function showForm(notice?: string) {
    disconnect();
    conversation = undefined;
    view = undefined;
    const form = createStartForm(ID, startConversation);
    const greeting = views.greeting(config?.greeting ?? '', config?.agentsAvailable ?? true, notice);
    show(h('div', { class: 'start' }, greeting, form.element), form.focus);
  }

  async function load() {
    show(views.loading(), () => panel.element.focus());
    try {
      config = await api.config();
    } catch (error) {
      if (error instanceof WidgetError && error.status === 403) return showRefusal();
      return show(views.unreachable(error), () => panel.element.focus());
    }
    host.setColor(isHexColor(config.color) ? config.color : DEFAULT_COLOR);
    if (!token) return showForm();
    await refetch();
  }

  async function startConversation(values: { name: string; email: string; message: string }) {
    let reply: Awaited<ReturnType<WidgetApi['start']>>;
    try {
      reply = await api.start(values);
    } catch (error) {
      if (error instanceof WidgetError && error.status === 403) showRefusal();
      throw error;
    }
    token = reply.token;
    storage.saveToken(reply.token);
    enterConversation(reply.conversation);
  }

  function enterConversation(next: WidgetConversation) {
    const current = createConversationView(ID, {
      onSend: sendMessage,
      onTyping: throttle(() => conversation && connection?.typing(conversation.caseId), TYPING_EVERY_MS),
      onRestart: () => forgetConversation(),
    });
    view = current;
    conversation = next;
    current.update(next);
    show(current.element, current.focus);
    if (token && !connection) connection = connect(token, realtime);
  }

  const realtime: RealtimeHandlers = {
    onStale: () => void refetch(),
    onTyping: (event) => {
      if (event.caseId === conversation?.caseId) view?.showTyping(event.name);
    },
    onOnline: (isOnline) => {
      panel.setConnection(isOnline ? '' : 'Reconnecting…');
    },
    onRefused: (reason) => {
      panel.setConnection('');
      if (reason === 'forbidden') showRefusal();
      else void refetch();
    },
  };

  // One fetch at a time; events arriving meanwhile ask for one more afterwards, not one each.
  let inFlight: Promise<void> | undefined;
  let isAgain = false;
  function refetch(): Promise<void> {
    if (inFlight) {
      isAgain = true;
      return inFlight;
    }
    inFlight = fetchConversation().finally(() => {
      inFlight = undefined;
      if (isAgain) {
        isAgain = false;
        void refetch();
      }
    });
    return inFlight;
  }
  async function fetchConversation() {
    if (!token) return;
    try {
      const next = await api.conversation(token);
      if (view && conversation?.caseId === next.caseId) {
        conversation = next;
        view.update(next);
        // Their message arrived: they are no longer typing.
        if (next.messages.at(-1)?.from === 'agent') view.hideTyping();
      } else enterConversation(next);
    } catch (error) {
      if (!(error instanceof WidgetError)) return show(views.unreachable(error), () => panel.element.focus());
      if (error.status === 401) forgetConversation('That conversation has ended. Write to us again below.');
      else if (error.status === 403) showRefusal();
      else if (!view) show(views.unreachable(error), () => panel.element.focus());
    }
  }

  async function sendMessage(body: string) {
    if (!token) return;
    try {
      const message = await api.send(token, body);
      if (conversation && !conversation.messages.some((known) => known.id === message.id)) {
        conversation = { ...conversation, messages: [...conversation.messages, message] };
        view?.update(conversation);
      }
    } catch (error) {
      if (error instanceof WidgetError && error.status === 401) {
        forgetConversation('That conversation has ended. Write to us again below.');
        return;
      }
      throw error;
    }
  }

  function forgetConversation(notice?: string) {
    token = null;
    storage.forgetToken();
    showForm(notice);
  }
  function disconnect() {
    connection?.close();
    connection = undefined;
    panel.setConnection('');
  }

  return {
    mount() {
      doc.body.appendChild(host.host);
      if (storage.wasOpen()) {
        panel.setOpen(true);
        launcher.setExpanded(true);
      }
      return load();
    },
    /** For tests: the shadow root the widget renders into. */
    shadow: host.shadow,
  };
}
