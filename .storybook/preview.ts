import type { Decorator, Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { withActions } from 'storybook/actions/decorator';
import { EVENTS } from '../stories/story-helpers.js';
import { setAssetBase } from '../src/core/assets.js';

// The widget's run-time files (the image worker, its quality checks…) sit at the site's root, where
// the build's runtime-assets plugin writes them and, in `storybook dev`, serves them.
setAssetBase(new URL('./', document.baseURI));

// The page around every story: a plain host page in the light or dark scheme (the Scheme toolbar,
// or `globals: { scheme: 'dark' }` on a story), in Storybook's own Nunito Sans (served with
// Storybook, so a screenshot does not depend on the machine's fonts; DejaVu Sans for the scripts
// Nunito lacks). The story tests screenshot #storybook-root, this surface included.
const PAGE_CSS = `
  .kyc-story {
    box-sizing: border-box;
    padding: 1.5rem;
    font: 16px/1.5 'Nunito Sans', 'DejaVu Sans', sans-serif;
    color: #111827;
    background: #ffffff;
    color-scheme: light;
  }
  .kyc-story[data-scheme='dark'] {
    color: #e5e7eb;
    background: #0f172a;
    color-scheme: dark;
  }
  html:has(.kyc-story[data-scheme='dark']) {
    background: #0f172a;
  }
`;
const style = document.createElement('style');
style.textContent = PAGE_CSS;
document.head.append(style);

// The wrapper's lang is the Language toolbar's: every story in every language (a story or the
// `lang` control that sets the element's own lang still wins, as on a real page).
const withPage: Decorator = (story, { globals }) =>
  html`<div class="kyc-story" lang=${globals.lang ?? 'en'} data-scheme=${globals.scheme === 'dark' ? 'dark' : 'light'}>${story()}</div>`;

const preview: Preview = {
  decorators: [withPage, withActions],
  globalTypes: {
    scheme: {
      description: 'Colour scheme of the host page around the widget',
      toolbar: {
        title: 'Scheme',
        icon: 'mirror',
        items: [
          { value: 'light', title: 'Light page' },
          { value: 'dark', title: 'Dark page (color-scheme: dark)' },
        ],
        dynamicTitle: true,
      },
    },
    lang: {
      description: 'Language of the host page around the widget',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: [
          { value: 'en', title: 'English' },
          { value: 'fr', title: 'Français' },
          { value: 'de', title: 'Deutsch' },
          { value: 'es', title: 'Español' },
          { value: 'it', title: 'Italiano' },
          { value: 'nl', title: 'Nederlands' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { scheme: 'light', lang: 'en' },
  // The font is there before the first render, in Storybook and in the story tests alike.
  loaders: [
    async () => {
      await Promise.all(['400', '700'].map((weight) => document.fonts.load(`${weight} 16px "Nunito Sans"`)));
      return {};
    },
  ],
  parameters: {
    layout: 'fullscreen',
    actions: { handles: EVENTS },
    // Every story, in Storybook's panel and in `npm test` (test/runner/story-tests.mjs reads these
    // same parameters): WCAG 2.1 A and AA plus axe's best practices, zero violations.
    a11y: {
      test: 'error',
      options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
    },
  },
};
export default preview;
