// Roles of the console: the names come from authz/roles.go (the server's
// `me { roles }`), and each role lands on its own daily work. A user with
// several roles lands on the first of landingOrder he holds and sees the
// menu items of all of them; the server still checks every operation.

export const Role = {
  TenantAdmin: 'tenant_admin',
  Clerk: 'clerk',
  Dispatcher: 'dispatcher',
  Handler: 'handler',
  DeptLeader: 'dept_leader',
  Leader: 'leader',
  Analyst: 'analyst',
  GridWorker: 'grid_worker',
  Integrator: 'integrator',
  KnowledgeEditor: 'knowledge_editor',
  Operator: 'operator',
} as const

export type RoleName = (typeof Role)[keyof typeof Role]

export const roleLabel: Record<string, string> = {
  tenant_admin: '系统管理员',
  clerk: '登记员',
  dispatcher: '派单员',
  handler: '承办人',
  dept_leader: '部门负责人',
  leader: '领导',
  analyst: '分析员',
  grid_worker: '网格员',
  integrator: '接口调用方',
  knowledge_editor: '知识库编辑',
  operator: '平台运维',
}

export interface MenuItem {
  path: string
  title: string
  roles: string[]
}

// The menu, in the order shown. A page is listed for the roles whose work
// it is; the router refuses the others before the page loads.
export const menu: MenuItem[] = [
  { path: '/overview', title: '总览', roles: [Role.Leader] },
  { path: '/clerk', title: '登记台', roles: [Role.Clerk] },
  { path: '/clerk/new', title: '新建登记', roles: [Role.Clerk] },
  { path: '/dispatch', title: '派单队列', roles: [Role.Dispatcher] },
  { path: '/handle', title: '我的办件', roles: [Role.Handler, Role.DeptLeader, Role.GridWorker] },
  { path: '/stats', title: '统计分析', roles: [Role.Analyst, Role.Leader] },
  { path: '/admin', title: '系统管理', roles: [Role.TenantAdmin] },
  { path: '/knowledge', title: '知识库', roles: [Role.KnowledgeEditor] },
  { path: '/platform', title: '租户管理', roles: [Role.Operator] },
]

const landingOrder: [string, string][] = [
  [Role.Leader, '/overview'],
  [Role.Dispatcher, '/dispatch'],
  [Role.Clerk, '/clerk'],
  [Role.DeptLeader, '/handle'],
  [Role.Handler, '/handle'],
  [Role.GridWorker, '/handle'],
  [Role.Analyst, '/stats'],
  [Role.TenantAdmin, '/admin'],
  [Role.KnowledgeEditor, '/knowledge'],
  [Role.Operator, '/platform'],
]

// landing is the page a user with these roles starts on; '/none' when no
// role of his has work in the console (an integrator's key, say).
export function landing(roles: string[]): string {
  for (const [role, path] of landingOrder) {
    if (roles.includes(role)) return path
  }
  return '/none'
}

export function menuFor(roles: string[]): MenuItem[] {
  return menu.filter((m) => m.roles.some((r) => roles.includes(r)))
}

export function mayOpen(roles: string[], allowed: string[] | undefined): boolean {
  return !allowed || allowed.some((r) => roles.includes(r))
}
