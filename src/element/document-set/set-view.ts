import { setWords } from './set-words.js';
import { type TemplateResult, html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { keyed } from 'lit/directives/keyed.js';
import type { DocumentSide } from '../../core/document-set/document-slot.js';
import { type ResolvedRequirement, type ResolvedSubtype, isBuiltInSubtype, localized } from '../../core/document-set/requirements.js';
import { type SetSlot, slotKey, slotsOf } from '../../core/document-set/set-state.js';
import type { Translation } from '../translations/translation.js';
import type { SubmitStatus } from './submit-controller.js';

/** Names for what the host declared, in the element's language: the host's labels first, then ours. */
export function namesFor(t: Translation) {
  const words = setWords(t);
  const kindName = (requirement: ResolvedRequirement) =>
    localized(requirement.label, t.$code) ?? (words.kinds as Record<string, string>)[requirement.kind] ?? requirement.kind;
  const subtypeName = (option: ResolvedSubtype) => localized(option.label, t.$code) ?? (words.subtypes as Record<string, string>)[option.subtype] ?? option.subtype;
  /** "Front of your identity card"; a host's own document: its name, and the side when it has two. */
  const instruction = (option: ResolvedSubtype, side: DocumentSide) => {
    if (isBuiltInSubtype(option.subtype) && option.label === undefined) return words.sides[option.subtype][side];
    return option.sides.length > 1 ? words.otherSide[side](subtypeName(option)) : subtypeName(option);
  };
  return { kindName, subtypeName, instruction };
}

/** What the element hands each requirement's render. */
export interface RequirementView {
  t: Translation;
  requirement: ResolvedRequirement;
  /** The subtype chosen, if any. */
  chosen: string | undefined;
  /** The choice waiting for a confirmation, because it would discard uploads. */
  pendingChange: string | undefined;
  inert: boolean;
  /** The `<kyc-upload>` of one slot, with everything the set forwards to it. */
  upload(slot: SetSlot, instruction: string): TemplateResult;
  choose(kind: string, subtype: string): void;
  confirmChange(kind: string): void;
  keepChoice(kind: string): void;
}

/** Ids inside the shadow root: slot names make safe ids, and `_` (never in one) keeps them apart. */
export const choiceId = (kind: string, subtype: string) => `choice-${kind}_${subtype}`;
export const confirmId = (kind: string) => `confirm-${kind}`;

export function renderRequirement(view: RequirementView): TemplateResult {
  const { t, requirement, chosen } = view;
  const words = setWords(t);
  const names = namesFor(t);
  const option = requirement.subtypes.find((candidate) => candidate.subtype === chosen);
  const slots = slotsOf(requirement, chosen);
  const single = requirement.subtypes.length === 1;
  return html`
    <fieldset part="requirement" class="requirement" data-kind=${requirement.kind}>
      <legend part="requirement-label" class="requirement-label">${names.kindName(requirement)}</legend>
      ${single
        ? html`<p part="subtype" class="subtype">${names.subtypeName(requirement.subtypes[0]!)}</p>`
        : html`
            <fieldset part="choice" class="choice" ?disabled=${view.inert}>
              <legend class="question">${words.whichDocument}</legend>
              ${requirement.subtypes.map(
                (candidate) => html`
                  <label part="option" class="option">
                    <input
                      type="radio"
                      id=${choiceId(requirement.kind, candidate.subtype)}
                      name=${`choice-${requirement.kind}`}
                      value=${candidate.subtype}
                      .checked=${live(candidate.subtype === chosen)}
                      @change=${() => view.choose(requirement.kind, candidate.subtype)}
                    />
                    <span>${names.subtypeName(candidate)}</span>
                  </label>
                `,
              )}
            </fieldset>
          `}
      ${view.pendingChange !== undefined ? renderConfirm(view) : nothing}
      ${option
        ? html`<div class="slots">
            ${slots.map((slot) =>
              // A new key is a new <kyc-upload>: a side of another document never inherits this one's state.
              keyed(slotKey(slot), html`<div part="slot" class="slot">${view.upload(slot, names.instruction(option, slot.side))}</div>`),
            )}
          </div>`
        : nothing}
    </fieldset>
  `;
}

/** Asked in place (no modal): what would be lost, and the safe answer first. */
function renderConfirm(view: RequirementView): TemplateResult {
  const { t, requirement } = view;
  const words = setWords(t);
  const id = confirmId(requirement.kind);
  return html`
    <div part="confirm" class="confirm" id=${id} role="alertdialog" aria-labelledby=${`${id}-text`}>
      <p id=${`${id}-text`} class="confirm-text">${words.confirmChange}</p>
      <div class="actions">
        <button part="button keep-button" class="primary" type="button" ?disabled=${view.inert} @click=${() => view.keepChoice(requirement.kind)}>${words.keepChoice}</button>
        <button part="button discard-button" type="button" ?disabled=${view.inert} @click=${() => view.confirmChange(requirement.kind)}>${words.discardAndChange}</button>
      </div>
    </div>
  `;
}

/** Once every requirement is met: the line that says so, and the submit action when there is one. */
export function renderCompletion(view: { t: Translation; status: SubmitStatus; submitEndpoint: string; inert: boolean; submit(): void }): TemplateResult {
  const words = setWords(view.t);
  const { status } = view;
  const busy = status.state === 'busy';
  return html`
    <p part="complete" class="complete">${status.state === 'sent' ? words.submitted : words.complete}</p>
    ${status.state === 'failed' ? html`<p part="message" class="message" role="alert">${words.submitFailed[status.failure]}</p>` : nothing}
    ${view.submitEndpoint && status.state !== 'sent'
      ? html`<div class="actions">
          <button part="button submit-button" class="primary" type="button" ?disabled=${view.inert || busy} aria-busy=${busy ? 'true' : 'false'} @click=${view.submit}>
            ${busy ? words.submitting : words.submit}
          </button>
        </div>`
      : nothing}
  `;
}
