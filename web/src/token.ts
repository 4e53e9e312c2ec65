/**
 * The bearer token lives in sessionStorage: it is gone when the tab closes and never leaves this origin.
 * Only when the person asks ("remember this token on this device") is it also kept in localStorage, so new
 * tabs and Ctrl-clicked links are signed in; signing out forgets it in both.
 */
const KEY = 'claimtrail.token';

const stores = (): Storage[] => {
  try {
    return [sessionStorage, localStorage];
  } catch {
    return [];
  }
};

export const getToken = (): string | null => {
  for (const store of stores()) {
    try {
      const token = store.getItem(KEY);
      if (token) return token;
    } catch {
      // this store is disabled: try the next
    }
  }
  return null;
};

/** Whether the token is remembered on this device (localStorage). */
export const isTokenRemembered = (): boolean => {
  try {
    return localStorage.getItem(KEY) !== null;
  } catch {
    return false;
  }
};

export const setToken = (token: string | null, options: { remember?: boolean } = {}): void => {
  try {
    if (token) {
      sessionStorage.setItem(KEY, token);
      if (options.remember) localStorage.setItem(KEY, token);
      else localStorage.removeItem(KEY);
    } else {
      sessionStorage.removeItem(KEY);
      localStorage.removeItem(KEY);
    }
  } catch {
    // Storage disabled: the session lasts as long as the page.
  }
};
