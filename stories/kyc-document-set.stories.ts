import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { expect } from 'storybook/test';
import { type SetArgs, createSet, defaultSetArgs, setFrame, settledSet, showSet, slotsOf } from './document-set-helpers.js';
import { registerSampleHebrew } from './sample-translation-he.js';
import { HOST_DARK_THEME, LANG_OPTIONS } from './story-helpers.js';

// One story per state of the identity and address step, each driven by stub uploads (no backend):
// a passport, or an identity card or driving licence front and back, plus a proof of address.

const meta: Meta<SetArgs> = {
  title: 'kyc-document-set/States',
  component: 'kyc-document-set',
  args: defaultSetArgs,
  argTypes: { lang: { control: 'select', options: LANG_OPTIONS } },
  render: showSet(),
  play: async (context) => void (await settledSet(context)),
};
export default meta;
type Story = StoryObj<SetArgs>;

const progressOf = (element: Element) => element.shadowRoot!.querySelector('[part="progress"]')!.textContent;

/** Nothing chosen: the person says which document they have first. */
export const NothingChosen: Story = {
  play: async (context) => {
    const element = await settledSet(context);
    await expect(slotsOf(element)).toHaveLength(0);
    await expect(progressOf(element)).toBe('0 of 2 documents');
  },
};

export const PassportChosen: Story = {
  render: showSet({ choices: { 'identity-proof': 'passport' } }),
  play: async (context) => {
    const element = await settledSet(context);
    await expect(slotsOf(element).map((slot) => slot.side)).toEqual(['front']);
  },
};

/** The front of the identity card is stored, its back is next. */
export const IdCardHalfDone: Story = {
  render: showSet({ choices: { 'identity-proof': 'id-card' }, uploads: ['identity-proof/front'] }),
  play: async (context) => {
    const element = await settledSet(context);
    await expect(progressOf(element)).toBe('1 of 3 documents');
    await expect(element.documents.map((document) => document.side)).toEqual(['front']);
  },
};

/** Changing the document after an upload asks first. */
export const ConfirmingAChange: Story = {
  render: showSet({ choices: { 'identity-proof': 'id-card' }, uploads: ['identity-proof/front'] }),
  play: async (context) => {
    const element = await settledSet(context);
    element.choose('identity-proof', 'passport');
    await element.updateComplete;
    await expect(element.shadowRoot!.querySelector('[part="confirm"]')).toBeTruthy();
    await settledSet(context);
  },
};

export const Complete: Story = {
  render: showSet({ choices: { 'identity-proof': 'passport', 'address-proof': 'utility-bill' }, uploads: ['identity-proof/front', 'address-proof/front'] }),
  play: async (context) => {
    const element = await settledSet(context);
    await expect(element.complete?.map((document) => document.documentId)).toEqual(['story-identity-proof-front', 'story-address-proof-front']);
  },
};

/** Storage failed for the back of the card: that slot offers to try again, the others keep their state. */
export const OneSlotFailed: Story = {
  render: showSet({ choices: { 'identity-proof': 'id-card', 'address-proof': 'bank-statement' }, uploads: ['identity-proof/front', 'identity-proof/back', 'address-proof/front'], failing: ['identity-proof/back'] }),
  play: async (context) => {
    const element = await settledSet(context);
    await expect(element.documents.map((document) => `${document.kind}/${document.side}`)).toEqual(['identity-proof/front', 'address-proof/front']);
  },
};

/**
 * Complete with a `submit-endpoint`: the "Submit documents" button. (The endpoint is a `data:` URL
 * here, so the stories need no backend: fetch answers it with a 200.)
 */
export const ReadyToSubmit: Story = {
  args: { submitEndpoint: 'data:application/json,{}' },
  render: showSet({ choices: { 'identity-proof': 'passport', 'address-proof': 'utility-bill' }, uploads: ['identity-proof/front', 'address-proof/front'] }),
};

export const ReviewSent: Story = {
  args: { submitEndpoint: 'data:application/json,{}' },
  render: showSet({ choices: { 'identity-proof': 'passport', 'address-proof': 'utility-bill' }, uploads: ['identity-proof/front', 'address-proof/front'], submit: true }),
  play: async (context) => {
    const element = await settledSet(context);
    await expect(element.matches(':state(submitted)')).toBe(true);
  },
};

/** The submission could not reach the host (here `data:` with nothing after it, which fetch refuses at once). */
export const ReviewFailed: Story = {
  args: { submitEndpoint: 'data:' },
  render: showSet({ choices: { 'identity-proof': 'passport', 'address-proof': 'utility-bill' }, uploads: ['identity-proof/front', 'address-proof/front'], submit: true }),
  play: async (context) => {
    const element = await settledSet(context);
    await expect(element.matches(':state(submit-error)')).toBe(true);
    await expect(element.shadowRoot!.querySelector('[part="message"]')?.getAttribute('role')).toBe('alert');
  },
};

export const French: Story = {
  args: { lang: 'fr' },
  render: showSet({ choices: { 'identity-proof': 'id-card' }, uploads: ['identity-proof/front'] }),
};

/** A phone's width: the two sides stack. */
export const PhoneWidth: Story = {
  render: (args) => html`<div style="max-width: 22rem">${createSet(args, { choices: { 'identity-proof': 'id-card' }, uploads: ['identity-proof/front'] })}</div>`,
};


export const Dark: Story = {
  tags: ['prefers-dark'],
  globals: { scheme: 'dark' },
  render: (args) => html`<div style="max-width: 36rem; ${HOST_DARK_THEME}">${createSet(args, { choices: { 'identity-proof': 'id-card' }, uploads: ['identity-proof/front'] })}</div>`,
};

export const ForcedColors: Story = {
  tags: ['forced-colors'],
  render: showSet({ choices: { 'identity-proof': 'id-card' }, uploads: ['identity-proof/front'] }),
};

/** `dir="rtl"` and the SAMPLE Hebrew catalogue (English for the lines it leaves out). */
export const RightToLeft: Story = {
  loaders: [
    async () => {
      registerSampleHebrew();
      return {};
    },
  ],
  render: (args) => html`<div dir="rtl" lang="he">${setFrame(createSet(args, { choices: { 'identity-proof': 'id-card' }, uploads: ['identity-proof/front'] }))}</div>`,
};
