// What the widget remembers in the visitor's browser, namespaced by the Caseflow server it talks to,
// so two widgets (or two Caseflow servers) on one shop never read each other's conversation.

/** The localStorage key of the conversation's token for the Caseflow server at `baseOrigin`. */
export const storageKey = (baseOrigin: string) => `caseflow-widget:${baseOrigin}`;

/** The sessionStorage key remembering that the panel was open (reopened after a reload in this tab). */
export const openKey = (baseOrigin: string) => `caseflow-widget:${baseOrigin}:open`;

// Storage can throw (blocked cookies, a sandboxed frame, a full quota): the widget then simply forgets.
function attempt<T>(action: () => T, fallback: T): T {
  try {
    return action();
  } catch {
    return fallback;
  }
}

export function createWidgetStorage(baseOrigin: string, local: () => Storage, session: () => Storage) {
  const key = storageKey(baseOrigin);
  const panelKey = openKey(baseOrigin);
  return {
    loadToken(): string | null {
      return attempt(() => {
        const stored: unknown = JSON.parse(local().getItem(key) ?? 'null');
        const token = (stored as { token?: unknown } | null)?.token;
        return typeof token === 'string' && token !== '' ? token : null;
      }, null);
    },
    saveToken(token: string) {
      attempt(() => local().setItem(key, JSON.stringify({ token })), undefined);
    },
    forgetToken() {
      attempt(() => local().removeItem(key), undefined);
    },
    wasOpen(): boolean {
      return attempt(() => session().getItem(panelKey) === '1', false);
    },
    rememberOpen(isOpen: boolean) {
      attempt(() => (isOpen ? session().setItem(panelKey, '1') : session().removeItem(panelKey)), undefined);
    },
  };
}

export type WidgetStorage = ReturnType<typeof createWidgetStorage>;
