/** The upload pipeline, loaded on the first file: the app's bundler makes it a chunk of its own. */
export const loadPipeline = () => import('../core/pipeline.js');
