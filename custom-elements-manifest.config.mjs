// `cem analyze` → dist/custom-elements.json: the elements' API (attributes, properties, events,
// parts, custom properties, states) read from their JSDoc, for IDEs, Storybook and docs.
export default {
  globs: ['src/element/kyc-upload.ts', 'src/element/events.ts', 'src/element/document-set/kyc-document-set.ts', 'src/element/document-set/events.ts'],
  outdir: 'dist',
  litelement: true,
  // package.json names the manifest itself ("customElements"); the analyzer would rewrite the file.
  packagejson: false,
  plugins: [
    {
      name: 'kyc-upload:public-api-only',
      // The analyzer also lists private fields, lifecycle callbacks, and events it guesses from
      // `dispatchEvent(new X())` calls (nameless ones): only the documented public API is kept.
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.customElement) continue;
            declaration.events = declaration.events?.filter((event) => event.name?.startsWith('kyc-upload-') || event.name?.startsWith('kyc-document-set-') || event.name === 'change');
            declaration.members = declaration.members?.filter(
              (member) => member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#') && !member.static && !member.name.endsWith('Callback'),
            );
          }
        }
      },
    },
  ],
};
