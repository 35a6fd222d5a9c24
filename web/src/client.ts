// The GraphQL client: queries and mutations over HTTP POST to /graphql
// with the session's bearer token, subscriptions over graphql-ws on the
// same path (the token travels in connection_init: browsers cannot set
// headers on a WebSocket). An expired or revoked token sends the user back
// to the sign-in page with a message, whatever page asked.
import { Client, cacheExchange, fetchExchange, mapExchange, subscriptionExchange } from '@urql/vue'
import { createClient as createWSClient, type Client as WSClient } from 'graphql-ws'
import { clearSession, token } from './session'
import { router } from './router'

let ws: WSClient | null = null

function socket(): WSClient {
  if (!ws) {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:'
    ws = createWSClient({
      url: `${proto}//${location.host}/graphql`,
      lazy: true,
      connectionParams: () => {
        const t = token()
        return t ? { Authorization: `Bearer ${t}` } : {}
      },
    })
  }
  return ws
}

// resetSocket closes the WebSocket, so the next subscription signs in with
// the current token (after a sign-out or a new sign-in).
export function resetSocket(): void {
  ws?.dispose()
  ws = null
}

export const client = new Client({
  url: '/graphql',
  requestPolicy: 'cache-and-network',
  // POST always: a query's text and variables (a searched name, a code)
  // stay out of URLs, and so out of proxy logs and browser history.
  preferGetMethod: false,
  fetchOptions: (): RequestInit => {
    const t = token()
    const headers: Record<string, string> = {}
    if (t) headers.Authorization = `Bearer ${t}`
    return { headers }
  },
  exchanges: [
    mapExchange({
      onError(error, operation) {
        const unauthenticated = error.graphQLErrors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')
        const isLogin = operation.kind === 'mutation' && operation.query.definitions.some(
          (d) => d.kind === 'OperationDefinition' && d.name?.value === 'Login',
        )
        if (unauthenticated && !isLogin) {
          clearSession()
          resetSocket()
          const here = router.currentRoute.value
          if (here.name !== 'login') {
            void router.replace({ name: 'login', query: { reason: 'expired', next: here.fullPath } })
          }
        }
      },
    }),
    cacheExchange,
    fetchExchange,
    subscriptionExchange({
      forwardSubscription(request) {
        const input = { ...request, query: request.query || '' }
        return {
          subscribe(sink) {
            const unsubscribe = socket().subscribe(input, sink)
            return { unsubscribe }
          },
        }
      },
    }),
  ],
})
