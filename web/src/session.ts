// The signed-in session: the bearer token, when it expires, and who holds
// it. Kept in localStorage so a reload or a second tab stays signed in;
// the Content-Security-Policy keeps foreign script away from it.
import { reactive, toRaw } from 'vue'

export interface SessionUser {
  id: string
  username: string
  displayName: string
  roles: string[]
  tenantCode: string
  tenantName: string
}

interface Stored {
  token: string
  expiresAt: string
  user: SessionUser | null
}

const KEY = 'minsheng.session'

function load(): Stored | null {
  try {
    const raw = localStorage.getItem(KEY)
    if (!raw) return null
    const s = JSON.parse(raw) as Stored
    if (!s.token || Date.parse(s.expiresAt) <= Date.now()) return null
    return s
  } catch {
    return null
  }
}

export const session = reactive<{ current: Stored | null }>({ current: load() })

export function signedIn(): boolean {
  const s = session.current
  return !!s && Date.parse(s.expiresAt) > Date.now()
}

// token is read without tracking: urql reads it while it runs a query, and
// a query must not re-run because the session object was replaced.
export function token(): string | null {
  const s = toRaw(session).current
  return s && Date.parse(s.expiresAt) > Date.now() ? s.token : null
}

export function roles(): string[] {
  return session.current?.user?.roles ?? []
}

export function saveSession(s: Stored): void {
  if (JSON.stringify(toRaw(session).current) === JSON.stringify(s)) return
  session.current = s
  localStorage.setItem(KEY, JSON.stringify(s))
}

export function clearSession(): void {
  session.current = null
  localStorage.removeItem(KEY)
}
