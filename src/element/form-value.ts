import type { StoredFile } from './upload-controller.js';

export interface ValidityInput {
  /** Required and without its value (a document, or every document of a set). */
  missing: boolean;
  /** An upload is in flight: submitting now would send the form without its document. */
  busy: boolean;
  messages: { required: string; busy: string };
  /** Where the browser points its validation bubble. */
  anchor?: HTMLElement;
}

/**
 * An element's side of its form, through ElementInternals: the value (a documentId, or one entry
 * per document of a set), the state the browser restores on back/forward and autofill (what was
 * stored, so the success shows again), validity, and a guard that holds back the submission of a
 * form while an upload is in flight.
 */
export class FormValue {
  readonly internals: ElementInternals;
  #value = '';
  #form: HTMLFormElement | null = null;

  constructor(
    host: HTMLElement,
    private readonly isBusy: () => boolean,
  ) {
    this.internals = host.attachInternals();
  }

  get value(): string {
    return this.#value;
  }

  /** Sets the submitted value; `stored` is what a restore needs to show the success again. */
  set(stored: StoredFile | undefined): boolean {
    const value = stored?.documentId ?? '';
    if (value === this.#value) return false;
    this.#value = value;
    this.write(value || null, stored ? JSON.stringify(stored) : null);
    return true;
  }

  /** Sets the submitted entries directly (a set submits several); null submits nothing. */
  write(value: string | FormData | null, state: string | null): void {
    this.internals.setFormValue(value, state);
  }

  /** The state the browser hands back, if it is one this element wrote. */
  static parseState(state: unknown): StoredFile | undefined {
    if (typeof state !== 'string') return undefined;
    try {
      return asStoredFile(JSON.parse(state));
    } catch {
      return undefined; // not ours
    }
  }

  updateValidity({ missing, busy, messages, anchor }: ValidityInput): void {
    if (busy) this.internals.setValidity({ customError: true }, messages.busy, anchor);
    else if (missing) this.internals.setValidity({ valueMissing: true }, messages.required, anchor);
    else this.internals.setValidity({});
  }

  /**
   * Custom states, for hosts' CSS: \`kyc-upload:state(uploading)\`. A browser without CustomStateSet
   * simply matches none.
   */
  setStates(states: Record<string, boolean>): void {
    const set = this.internals.states as Set<string> | undefined;
    if (!set) return;
    for (const [name, on] of Object.entries(states)) {
      if (on) set.add(name);
      else set.delete(name);
    }
  }

  /**
   * Validity already stops a submit button; a `novalidate` form skips validity, so its submit
   * event is held back here too while an upload runs.
   */
  associate(form: HTMLFormElement | null): void {
    this.#form?.removeEventListener('submit', this.#onSubmit, true);
    this.#form = form;
    form?.addEventListener('submit', this.#onSubmit, true);
  }

  #onSubmit = (event: Event) => {
    if (this.isBusy()) event.preventDefault();
  };
}

/** A stored file as written in a form state, or undefined for anything else. */
export function asStoredFile(value: unknown): StoredFile | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { documentId, name, type, size } = value as Partial<StoredFile>;
  if (typeof documentId === 'string' && documentId && typeof name === 'string' && typeof type === 'string' && typeof size === 'number') {
    return { documentId, name, type, size };
  }
  return undefined;
}
