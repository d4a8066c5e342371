import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css';
import './theme/components.js';
import './theme/verbinder.css';
import './i18n.js';
import { App } from './app.js';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
