import { beforeEach, describe, expect, it } from 'vitest';
import { createWidgetStorage, openKey, storageKey } from './storage';

describe('widget storage', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  const storageFor = (base: string) =>
    createWidgetStorage(
      base,
      () => localStorage,
      () => sessionStorage,
    );

  it('namespaces the token by the Caseflow server it belongs to', () => {
    expect(storageKey('https://support.example')).toBe('caseflow-widget:https://support.example');
    const first = storageFor('https://support.example');
    const second = storageFor('https://other.example');
    first.saveToken('token-one');
    expect(localStorage.getItem('caseflow-widget:https://support.example')).toBe('{"token":"token-one"}');
    expect(first.loadToken()).toBe('token-one');
    expect(second.loadToken()).toBeNull();
    first.forgetToken();
    expect(first.loadToken()).toBeNull();
  });

  it('ignores what it did not write', () => {
    localStorage.setItem(storageKey('https://a.example'), 'not json');
    expect(storageFor('https://a.example').loadToken()).toBeNull();
    localStorage.setItem(storageKey('https://a.example'), '{"token":42}');
    expect(storageFor('https://a.example').loadToken()).toBeNull();
  });

  it('remembers an open panel for the tab only', () => {
    const storage = storageFor('https://a.example');
    expect(storage.wasOpen()).toBe(false);
    storage.rememberOpen(true);
    expect(sessionStorage.getItem(openKey('https://a.example'))).toBe('1');
    expect(storage.wasOpen()).toBe(true);
    storage.rememberOpen(false);
    expect(storage.wasOpen()).toBe(false);
  });

  it('forgets quietly when storage is blocked', () => {
    const blocked = (): Storage => {
      throw new DOMException('blocked', 'SecurityError');
    };
    const storage = createWidgetStorage('https://a.example', blocked, blocked);
    expect(() => storage.saveToken('x')).not.toThrow();
    expect(storage.loadToken()).toBeNull();
    expect(storage.wasOpen()).toBe(false);
  });
});
