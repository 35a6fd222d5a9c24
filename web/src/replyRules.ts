// The five elements of a reply (答复五要素) and the server's rule for a
// missing one (graph/schema.graphqls, ReplyInput): blank, fewer than 4
// letters, digits or characters, or a placeholder. Checked here too so the
// handler sees what is missing before sending; the server checks again.

export const elements = [
  { key: 'facts', label: '事实', hint: '经核查查明的情况' },
  { key: 'basis', label: '依据', hint: '答复所依据的政策、法规条款' },
  { key: 'handling', label: '处理', hint: '本单位采取的处理措施' },
  { key: 'result', label: '结果', hint: '处理的结果' },
  { key: 'appealChannel', label: '救济渠道', hint: '不满意时可申请的复议、诉讼等途径及期限' },
] as const

export type ElementKey = (typeof elements)[number]['key']

// The same list as workflow/elements.go's tokenAnswers.
const placeholders = new Set([
  '暂无', '无', '略', '同上', '见上', '已处理', '已办理', '已解决', '不详', 'n/a', 'na', 'none', '-', '--', '/',
  '详见附件', '见附件', '同上所述', '如上所述', '按规定处理', '依法处理', '依法依规处理', '按相关规定处理',
  'not applicable',
])

export function missingElement(text: string): boolean {
  const t = text.trim().replace(/[\p{P}\s]+$/u, '').toLowerCase()
  if (!t) return true
  if (placeholders.has(t)) return true
  const letters = [...t].filter((c) => /[\p{L}\p{N}]/u.test(c)).length
  return letters < 4
}
