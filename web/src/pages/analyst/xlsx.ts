// The analyst's 导出 Excel: the server builds the workbook of the same
// statistics input (POST /statistics/export, the caller's token in the
// Authorization header, never in a link), so the file holds the very
// figures the statistics query gives, every metric with its definition.
import type { StatisticsInput } from '../../gql/graphql'
import { token } from '../../session'

// exportWorkbook downloads the table of input; it resolves to an error in
// Chinese, or '' when the file was handed to the browser.
export async function exportWorkbook(input: StatisticsInput): Promise<string> {
  let res: Response
  try {
    res = await fetch('/statistics/export', {
      method: 'POST',
      headers: { Authorization: `Bearer ${token() ?? ''}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(input),
    })
  } catch {
    return '导出失败，请检查网络'
  }
  if (!res.ok) {
    if (res.status === 401) return '登录已过期，请重新登录'
    if (res.status === 403) return '无权导出统计'
    if (res.status === 400) return '统计条件有误，无法导出'
    return `导出失败（${res.status}）`
  }
  const name = fileName(res.headers.get('Content-Disposition')) || '统计分析.xlsx'
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
  return ''
}

// fileName reads the name the server gave (RFC 6266: filename*=utf-8''…
// for a Chinese name).
function fileName(disposition: string | null): string {
  if (!disposition) return ''
  const star = /filename\*=utf-8''([^;]+)/i.exec(disposition)
  if (star) {
    try {
      return decodeURIComponent(star[1])
    } catch {
      return ''
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? ''
}
