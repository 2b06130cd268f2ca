// A classic script for script-asset-base.test.ts: loaded into a page whose HTML clobbers
// document.currentScript, it asks the test page what the widget would take for its own folder.
parent.kycAssetBaseProbe(document);
