import { useEffect, useRef, useState } from 'preact/hooks';
import type { Draft } from './use-form.js';

const PREFIX = 'claimtrail:draft:';

const read = <Values extends Draft>(key: string, initial: Values): Values => {
  try {
    const stored = JSON.parse(window.localStorage.getItem(PREFIX + key) ?? 'null') as unknown;
    if (!stored || typeof stored !== 'object') return initial;
    const kept = Object.entries(stored).filter(
      ([name, value]) => name in initial && typeof value === 'string',
    );
    return { ...initial, ...Object.fromEntries(kept) };
  } catch {
    return initial; // storage blocked or a damaged entry: start from the blank form
  }
};

const write = (key: string, values: Draft | undefined) => {
  try {
    if (values) window.localStorage.setItem(PREFIX + key, JSON.stringify(values));
    else window.localStorage.removeItem(PREFIX + key);
  } catch {
    // Storage full or blocked: the draft lives on in the page only, as before.
  }
};

const same = (a: Draft, b: Draft) => Object.keys(a).every((name) => a[name] === b[name]);

/**
 * A form's draft kept in localStorage under `key` (when there is one), so that what was typed survives
 * navigation and reloads. Saved while it differs from what the form opened with; `forget()` (after a
 * successful submission) deletes it, and nothing is saved again until the person types.
 */
export const useStoredDraft = <Values extends Draft>(key: string | undefined, initial: Values) => {
  const [values, setValues] = useState(() => (key ? read(key, initial) : initial));
  const baseline = useRef<Draft | undefined>(initial);
  useEffect(() => {
    if (!key) return;
    if (baseline.current === undefined) baseline.current = values;
    write(key, same(values, baseline.current) ? undefined : values);
  }, [key, values]);
  const forget = () => {
    if (!key) return;
    write(key, undefined);
    baseline.current = undefined; // the next values (the form after its reset) are the new blank
  };
  return [values, setValues, forget] as const;
};
