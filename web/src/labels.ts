// Chinese names of the API's enums, and small formatters shared by pages.

export const statusLabel: Record<string, string> = {
  DRAFT: '草稿',
  REGISTERED: '已登记',
  DISPATCHED: '已派单',
  ACCEPTED: '已签收',
  IN_PROGRESS: '办理中',
  REPLIED: '已答复',
  CLOSED: '已办结',
  RETURNED: '已退回',
  REOPENED: '已重启',
  MERGED: '已并案',
  SUSPENDED: '已挂起',
}

export const channelLabel: Record<string, string> = {
  PHONE: '电话',
  LETTER: '来信',
  VISIT: '来访',
  WEB: '网站',
  WECHAT: '微信',
  GRID: '网格',
  IMPORT: '导入',
}

export const colourLabel: Record<string, string> = { GREEN: '正常', YELLOW: '黄牌（已超期）', RED: '红牌（严重超期）' }
export const colourType: Record<string, 'success' | 'warning' | 'danger'> = { GREEN: 'success', YELLOW: 'warning', RED: 'danger' }

export const intakeKindLabel: Record<string, string> = {
  ID_CARD: '身份证人像面',
  ID_CARD_BACK: '身份证国徽面',
  LETTER: '来信扫描件',
  VOICE: '电话录音',
  PHOTO: '群众补充照片',
}

export const intakeStatusLabel: Record<string, string> = {
  QUEUED: '排队中',
  RUNNING: '识别中',
  SUCCEEDED: '识别完成',
  FAILED: '识别失败',
}

export const fieldLabel: Record<string, string> = {
  name: '姓名',
  sex: '性别',
  ethnicity: '民族',
  birthDate: '出生日期',
  address: '住址',
  idNumber: '身份证号',
  division: '户籍地区',
  issuingAuthority: '签发机关',
  validFrom: '有效期起',
  validUntil: '有效期至',
  phone: '电话',
  place: '地点',
  title: '标题',
  text: '正文',
  category: '建议分类',
  department: '建议部门',
}

const pad = (n: number) => String(n).padStart(2, '0')

// when writes an instant as local 2026-12-06 09:30.
export function when(iso: string | null | undefined): string {
  if (!iso) return '—'
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return '—'
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}`
}
