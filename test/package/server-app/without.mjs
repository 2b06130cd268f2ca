// `node --import ./without.mjs`: the packages named in KYC_WITHOUT (comma-separated; a name ending
// in "/" is a scope) cannot be resolved, as in an app that did not install those optional peers.
import { register } from 'node:module';

const missing = (process.env.KYC_WITHOUT ?? '').split(',').filter(Boolean);
register('./without-hooks.mjs', { parentURL: import.meta.url, data: { missing } });
