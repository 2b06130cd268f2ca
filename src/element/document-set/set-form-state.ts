import { isDocumentSide, isSlotName } from '../../core/document-set/document-slot.js';
import { asStoredFile } from '../form-value.js';
import type { StoredFile } from '../upload-controller.js';

/** What the browser keeps for a back/forward restore: the choices and each slot's stored file. */
export interface SetFormState {
  choices: Record<string, string>;
  stored: Record<string, StoredFile>;
}

export function serializeSetState(choices: Readonly<Record<string, string>>, stored: ReadonlyMap<string, StoredFile>): string {
  return JSON.stringify({ choices, stored: Object.fromEntries(stored) });
}

/** A key `slotKey` wrote: kind/subtype/side, each checked by the one rule for it. */
const isSlotKey = (key: string) => {
  const [kind, subtype, side, ...rest] = key.split('/');
  return isSlotName(kind) && isSlotName(subtype) && isDocumentSide(side) && rest.length === 0;
};

/** The state the browser hands back, if it is one this element wrote; anything odd drops it all. */
export function parseSetState(saved: unknown): SetFormState | undefined {
  if (typeof saved !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(saved);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { choices, stored } = parsed as { choices?: unknown; stored?: unknown };
  if (typeof choices !== 'object' || choices === null || typeof stored !== 'object' || stored === null) return undefined;
  const state: SetFormState = { choices: {}, stored: {} };
  for (const [kind, subtype] of Object.entries(choices)) {
    if (!isSlotName(kind) || !isSlotName(subtype)) return undefined;
    state.choices[kind] = subtype;
  }
  for (const [key, file] of Object.entries(stored)) {
    const checked = asStoredFile(file);
    if (!isSlotKey(key) || !checked) return undefined;
    state.stored[key] = checked;
  }
  return state;
}
