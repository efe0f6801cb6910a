import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, preloadRoute } from './app';
import { AuthProvider } from './lib/auth';
import { setNavigationPreloader } from './lib/router';
import './styles.css';

// Each navigation waits for the next page's code (a few ms once cached) rather than flashing a
// loading state; the first render waits for the page opened.
setNavigationPreloader(preloadRoute);
await preloadRoute(window.location.pathname).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('index.html lacks #root');

createRoot(root).render(
  <StrictMode>
    <AuthProvider>
      <App />
    </AuthProvider>
  </StrictMode>,
);
