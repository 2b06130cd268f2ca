import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { type KycArgs, argTypes, createUpload, defaultArgs, settled } from './story-helpers.js';
import type { Scenario } from './story-helpers.js';
import { registerSampleHebrew } from './sample-translation-he.js';
import { failingWith, sampleFile, stalledAt } from './stub-uploaders.js';

// The widget in a right-to-left page: a container with `dir="rtl"` and `lang="he"`, which the
// element follows. No right-to-left language ships with the widget: the Hebrew here is a SAMPLE
// catalogue registered by the story (sample-translation-he.ts), English for the lines it leaves out.

const meta: Meta<KycArgs> = {
  title: 'kyc-upload/Right to left',
  component: 'kyc-upload',
  args: defaultArgs,
  argTypes,
  loaders: [
    async () => {
      registerSampleHebrew();
      return {};
    },
  ],
  play: settled,
};
export default meta;
type Story = StoryObj<KycArgs>;

const rtl =
  (scenario: Scenario = {}, lang = 'he') =>
  (args: KycArgs) =>
    html`<div dir="rtl" lang=${lang} style="max-width: 32rem">${createUpload(args, scenario)}</div>`;

export const HebrewSampleIdle: Story = { render: rtl() };
export const HebrewSampleUploading: Story = { render: rtl({ uploader: stalledAt(40) }) };
export const HebrewSampleRejected: Story = {
  render: rtl({ uploader: failingWith('too-large', { size: 7_340_032, maxSize: 4_500_000 }), file: () => sampleFile(7_340_032, 'scan-600dpi.pdf') }),
};
/** `dir="rtl"` around the English catalogue: layout mirrors, text stays English. */
export const EnglishInRtlContainer: Story = { render: rtl({ uploader: failingWith('network-error') }, 'en') };
