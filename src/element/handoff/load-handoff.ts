/** "Continue on your phone", loaded when it is used: the app's bundler makes it a chunk of its own. */
export const loadHandoff = () => import('./handoff.js');
