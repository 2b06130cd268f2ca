import { LitElement } from 'lit';
import { FormValue } from './form-value.js';

/**
 * What both elements are to a form, as native controls are: form-associated, with `form`,
 * `labels`, `validity` and the rest read from their ElementInternals, and a submission held back
 * while they are `busy`.
 */
export abstract class FormControlElement extends LitElement {
  static formAssociated = true;

  protected readonly formValue = new FormValue(this, () => this.busy);

  /** A file is being checked, prepared or sent (or, for a set, the set is being submitted). */
  abstract get busy(): boolean;

  /** The form this element belongs to, as for a native control. */
  get form(): HTMLFormElement | null {
    return this.formValue.internals.form;
  }
  get labels(): NodeList {
    return this.formValue.internals.labels;
  }
  get validity(): ValidityState {
    return this.formValue.internals.validity;
  }
  get validationMessage(): string {
    return this.formValue.internals.validationMessage;
  }
  get willValidate(): boolean {
    return this.formValue.internals.willValidate;
  }
  checkValidity(): boolean {
    return this.formValue.internals.checkValidity();
  }
  reportValidity(): boolean {
    return this.formValue.internals.reportValidity();
  }
  formAssociatedCallback(form: HTMLFormElement | null): void {
    this.formValue.associate(form);
  }
}
