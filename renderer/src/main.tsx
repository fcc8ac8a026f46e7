import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBridge } from './api/bridge';
import { App } from './App';
import './styles/app.css';

const bridge = createBridge();
const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');

createRoot(root).render(
  <StrictMode>
    <App bridge={bridge} />
  </StrictMode>,
);
