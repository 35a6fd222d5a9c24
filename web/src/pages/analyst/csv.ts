// A CSV file Excel opens as it is: UTF-8 with a byte-order mark (without it
// Excel reads Chinese as GBK), CRLF line ends, every field quoted. Cells
// starting with = + - @ are prefixed with ' so Excel never runs them as
// formulas (a category or department name is text someone typed).
export function buildCsv(rows: string[][]): string {
  const quote = (s: string) => {
    const safe = /^[=+\-@\t\r]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s
    return `"${safe.replace(/"/g, '""')}"`
  }
  return '\ufeff' + rows.map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n'
}

export function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = name
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
