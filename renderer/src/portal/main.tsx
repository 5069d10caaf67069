// First: zod reads the setting as each schema is built, and the server's CSP allows no eval.
import '../zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { PortalApp } from './PortalApp';
import '../ui/styles.css';
import './portal.css';

const root = document.getElementById('root');
if (!root) throw new Error('autoatendimento.html must have a #root element.');

createRoot(root).render(
  <StrictMode>
    <PortalApp />
  </StrictMode>,
);
