/** Resume after a closed tab, loaded only when the host set `resume-endpoint`: a chunk of its own. */
export const loadResume = () => import('../core/resume/resume-session.js');
