import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { HOST_DARK_THEME, type KycArgs, argTypes, createUpload, defaultArgs, settled } from './story-helpers.js';
import type { Scenario } from './story-helpers.js';
import { failingWith, sampleFile, stalledAt, succeeding } from './stub-uploaders.js';

// The widget on a dark page, and under forced colours (Windows high contrast).
//
// `globals: { scheme: 'dark' }` gives the story a dark page with `color-scheme: dark` (the Scheme
// toolbar of preview.ts; any story can be viewed that way). The tag `prefers-dark` asks the story
// tests to render with `prefers-color-scheme: dark` emulated, as on a phone set to dark mode; in
// Storybook itself, emulate it with DevTools → Rendering → "Emulate CSS media feature
// prefers-color-scheme". The tag `forced-colors` does the same for `forced-colors: active`.

const meta: Meta<KycArgs> = {
  title: 'kyc-upload/Themes',
  component: 'kyc-upload',
  args: defaultArgs,
  argTypes,
  play: settled,
};
export default meta;
type Story = StoryObj<KycArgs>;


const hostThemed =
  (scenario: Scenario = {}) =>
  (args: KycArgs) =>
    html`<div style="max-width: 32rem; ${HOST_DARK_THEME}">${createUpload(args, scenario)}</div>`;

// Tags are read by Storybook's static indexer: they must be written out on each story, not spread.
const darkPage = { scheme: 'dark' };

export const DarkIdle: Story = { tags: ['prefers-dark'], globals: darkPage, render: hostThemed() };
export const DarkUploading: Story = { tags: ['prefers-dark'], globals: darkPage, render: hostThemed({ uploader: stalledAt(40) }) };
export const DarkSuccess: Story = { tags: ['prefers-dark'], globals: darkPage, render: hostThemed({ uploader: succeeding }) };
export const DarkRejected: Story = {
  tags: ['prefers-dark'],
  globals: darkPage,
  render: hostThemed({ uploader: failingWith('too-large', { size: 7_340_032, maxSize: 4_500_000 }), file: () => sampleFile(7_340_032, 'scan-600dpi.pdf') }),
};
export const DarkRetryableError: Story = { tags: ['prefers-dark'], globals: darkPage, render: hostThemed({ uploader: failingWith('storage-unavailable', { status: 503 }) }) };

/**
 * A dark page that sets nothing but `color-scheme: dark`, with the system in dark mode: the
 * element's own dark defaults (no custom properties from the host).
 */
export const DarkDefaults: Story = {
  tags: ['prefers-dark'],
  globals: darkPage,
  render: (args) => html`<div style="max-width: 32rem">${createUpload(args)}</div>`,
};
export const DarkDefaultsRejected: Story = {
  tags: ['prefers-dark'],
  globals: darkPage,
  render: (args) =>
    html`<div style="max-width: 32rem">${createUpload(args, { uploader: failingWith('damaged'), file: () => sampleFile(1_048_576, 'id-card-front.jpg', 'image/jpeg') })}</div>`,
};

/**
 * A light bank page on a phone set to dark mode (`prefers-color-scheme: dark`, page left in
 * `color-scheme: light`): the widget stays dark-on-light, like the page around it.
 */
export const LightPageOnDarkSystem: Story = {
  tags: ['prefers-dark'],
  render: (args) => html`<div style="max-width: 32rem">${createUpload(args, { uploader: failingWith('damaged'), file: () => sampleFile(1_048_576, 'id-card-front.jpg', 'image/jpeg') })}</div>`,
};

/** Windows high contrast: the system's colours replace the element's. */
export const ForcedColors: Story = {
  tags: ['forced-colors'],
  render: (args) => html`<div style="max-width: 32rem">${createUpload(args, { uploader: failingWith('damaged'), file: () => sampleFile(1_048_576, 'id-card-front.jpg', 'image/jpeg') })}</div>`,
};
