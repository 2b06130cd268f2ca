import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { type KycArgs, argTypes, catalogue, defaultArgs, settled, show } from './story-helpers.js';
import { failingWith, sampleFile } from './stub-uploaders.js';

// The six languages that ship with the widget, idle (the state with the most text). Each story
// loads its catalogue before rendering, as the element itself does before its first render.

const meta: Meta<KycArgs> = {
  title: 'kyc-upload/Languages',
  component: 'kyc-upload',
  args: defaultArgs,
  argTypes,
  render: show(),
  play: settled,
};
export default meta;
type Story = StoryObj<KycArgs>;

export const English: Story = { args: { lang: 'en' } };
export const French: Story = { args: { lang: 'fr' }, loaders: [catalogue('fr')] };
export const German: Story = { args: { lang: 'de' }, loaders: [catalogue('de')] };
export const Spanish: Story = { args: { lang: 'es' }, loaders: [catalogue('es')] };
export const Italian: Story = { args: { lang: 'it' }, loaders: [catalogue('it')] };
export const Dutch: Story = { args: { lang: 'nl' }, loaders: [catalogue('nl')] };

/** An error in French: the message, and the sizes formatted the French way. */
export const FrenchTooLarge: Story = {
  args: { lang: 'fr' },
  loaders: [catalogue('fr')],
  render: show({ uploader: failingWith('too-large', { size: 7_340_032, maxSize: 4_500_000 }), file: () => sampleFile(7_340_032, 'scan-600dpi.pdf') }),
};

/** German runs longest: the error message must wrap, not overflow. */
export const GermanNetworkError: Story = {
  args: { lang: 'de' },
  loaders: [catalogue('de')],
  render: show({ uploader: failingWith('network-error', { timedOut: true }) }),
};
