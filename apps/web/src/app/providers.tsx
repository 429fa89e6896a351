import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { I18nextProvider } from 'react-i18next';
import { i18n } from '../i18n';
import { isApiError } from '../features/api';
import { meKey } from '../features/identity';

/** Codes that mean "your session is gone" (expired, revoked elsewhere), unlike a wrong password at login. */
const SESSION_LOST = new Set(['UNAUTHENTICATED', 'NO_SESSION', 'SESSION_EXPIRED']);

function makeQueryClient() {
  const onError = (err: unknown) => {
    // Forget the user so the route guards send them to the login page.
    if (isApiError(err) && err.status === 401 && SESSION_LOST.has(err.code)) client.setQueryData(meKey, null);
  };
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        refetchOnWindowFocus: false,
        // 4xx answers are final; retry network and 5xx once.
        retry: (count, err) => count < 1 && !(isApiError(err) && err.status >= 400 && err.status < 500),
      },
    },
  });
  return client;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(makeQueryClient);
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>{children}</QueryClientProvider>
    </I18nextProvider>
  );
}
