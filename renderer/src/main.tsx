import './boot';
import './csp-safe-zod';
import { firstReads } from './data/first-reads';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { queryClient } from './data/query-client';
import { initI18n } from './i18n';
import './styles.css';

// The first render waits for the first screen's reads (already on their way: boot.ts), but never
// long: a slow answer shows "loading" rather than an empty window.
const answered = Promise.race([firstReads, new Promise((resolve) => setTimeout(resolve, 400))]);

void Promise.all([initI18n(), answered]).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </StrictMode>,
  );
});
