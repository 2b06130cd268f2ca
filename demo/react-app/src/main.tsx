import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { IdentityStep } from './IdentityStep.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <IdentityStep />
  </StrictMode>,
);
