/** The in-page camera, loaded when it is opened: the app's bundler makes it a chunk of its own. */
export const loadCamera = () => import('./camera-dialog.js');
