/** The failure sentences, loaded with the first failure or the pipeline: the app's bundler makes them a chunk. */
export const loadErrorMessage = () => import('./error-message.js');
