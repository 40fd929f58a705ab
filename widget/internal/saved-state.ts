// The visitor's progress in sessionStorage, so that a reload (or a host page
// that re-renders us) does not lose it. Keyed by publishable key + the element's
// `service` attribute. Storage may be missing or throw (sandboxed iframes,
// privacy modes): then nothing is kept and nothing breaks.

export interface SavedState {
  service?: string;
  step?: string;
  values?: Record<string, unknown>;
  contact?: { name: string; email: string; phone: string; consent: boolean };
  description?: string;
  /** The Idempotency-Key of the last submission and the body it was made for. */
  attempt?: { key: string; body: string } | null;
}

const id = (key: string, service: string): string => `qm:${key}:${service}`;

/** The saved state, or an empty one. */
export function loadState(key: string, service: string): SavedState {
  try {
    return JSON.parse(sessionStorage.getItem(id(key, service)) ?? '{}') as SavedState;
  } catch {
    return {};
  }
}

export function saveState(key: string, service: string, state: SavedState): void {
  try {
    sessionStorage.setItem(id(key, service), JSON.stringify(state));
  } catch {
    // full or forbidden: the widget still works, it just forgets on reload
  }
}

export function clearState(key: string, service: string): void {
  try {
    sessionStorage.removeItem(id(key, service));
  } catch {
    // as above
  }
}
