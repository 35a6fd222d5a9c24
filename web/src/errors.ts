// Plain Chinese for what the server refuses. The server's messages are in
// English for developers; staff read these, chosen by extensions.code.
import type { CombinedError } from '@urql/core'

const byCode: Record<string, string> = {
  UNAUTHENTICATED: '登录已失效，请重新登录。',
  FORBIDDEN: '您没有权限进行此操作。如需权限，请联系本单位系统管理员。',
  NOT_FOUND: '没有找到该记录，可能已被删除或不在您的办理范围内。',
  BAD_USER_INPUT: '填写的内容有误，请检查后重试。',
  CONFLICT: '该记录已被他人修改，请刷新后重试。',
  RATE_LIMITED: '操作过于频繁，请稍后再试。',
  INTERNAL: '系统出现故障，请稍后再试；如果持续出现，请联系系统管理员。',
}

// Messages of UNAUTHENTICATED that are about the sign-in itself rather
// than an old token.
const loginMessages: [RegExp, string][] = [
  [/wrong tenant, username or password/, '单位代码、用户名或密码不正确。'],
  [/too many failed logins: try again in (\d+)/, '登录失败次数过多，请 $1 秒后再试。'],
]

export function errorCode(err: CombinedError | null | undefined): string | null {
  if (!err) return null
  for (const e of err.graphQLErrors) {
    const code = e.extensions?.code
    if (typeof code === 'string') return code
  }
  if (err.networkError) return 'NETWORK'
  return null
}

// chineseError turns an error of the API into a sentence for the user.
export function chineseError(err: CombinedError | null | undefined): string {
  if (!err) return ''
  const first = err.graphQLErrors[0]
  const message = first?.message ?? ''
  for (const [re, text] of loginMessages) {
    const m = message.match(re)
    if (m) return text.replace('$1', m[1] ?? '')
  }
  if (/expired/.test(message)) return '登录已过期，请重新登录。'
  if (/revoked/.test(message)) return '密码已修改或账号已停用，请重新登录。'
  const code = errorCode(err)
  if (code === 'NETWORK') return '无法连接服务器，请检查网络后重试。'
  if (code === 'BAD_USER_INPUT' && message) return `填写的内容有误：${message}`
  return (code && byCode[code]) || '操作未能完成，请稍后再试。'
}
