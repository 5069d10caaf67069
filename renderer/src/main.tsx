import './zod-without-eval';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import './ui/styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must have a #root element.');

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
