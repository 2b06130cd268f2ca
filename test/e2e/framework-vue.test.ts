// See framework-app.ts: create-vite's vue-ts template, the README's blocks, type-checked, built, uploaded through.
import { frameworkAppSuite } from './framework-app.js';

frameworkAppSuite('vue');
