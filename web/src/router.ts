// Routes of the console. Every page is loaded on demand (its own chunk), so
// the first load carries only the frame and the page the user opens. A
// route's meta.roles lists who may open it; the server checks again.
import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { roles, signedIn } from './session'
import { Role, landing, mayOpen } from './roles'

declare module 'vue-router' {
  interface RouteMeta {
    title?: string
    roles?: string[]
    public?: boolean
  }
}

const handlers = [Role.Handler, Role.DeptLeader, Role.GridWorker]

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('./pages/LoginPage.vue'),
    meta: { title: '登录', public: true },
  },
  {
    path: '/',
    component: () => import('./layouts/ConsoleLayout.vue'),
    children: [
      { path: '', name: 'home', redirect: () => landing(roles()) },
      { path: 'clerk', name: 'clerk', component: () => import('./pages/ClerkWorklist.vue'), meta: { title: '登记台', roles: [Role.Clerk] } },
      { path: 'clerk/new', name: 'register', component: () => import('./pages/RegisterPage.vue'), meta: { title: '新建登记', roles: [Role.Clerk] } },
      { path: 'dispatch', name: 'dispatch', component: () => import('./pages/DispatchQueue.vue'), meta: { title: '派单队列', roles: [Role.Dispatcher] } },
      { path: 'handle', name: 'handle', component: () => import('./pages/HandleWorklist.vue'), meta: { title: '我的办件', roles: handlers } },
      { path: 'tickets/:id', name: 'ticket', component: () => import('./pages/TicketPage.vue'), meta: { title: '工单详情' } },
      { path: 'overview', name: 'overview', component: () => import('./pages/leader/LeaderOverview.vue'), meta: { title: '总览', roles: [Role.Leader] } },
      { path: 'stats', name: 'stats', component: () => import('./pages/analyst/StatsAnalysis.vue'), meta: { title: '统计分析', roles: [Role.Analyst, Role.Leader] } },
      { path: 'admin', name: 'admin', component: () => import('./pages/admin/TenantAdmin.vue'), meta: { title: '系统管理', roles: [Role.TenantAdmin] } },
      { path: 'knowledge', name: 'knowledge', component: () => import('./pages/KnowledgePage.vue'), meta: { title: '知识库', roles: [Role.KnowledgeEditor] } },
      { path: 'platform', name: 'platform', component: () => import('./pages/PlatformPage.vue'), meta: { title: '租户管理', roles: [Role.Operator] } },
      { path: 'forbidden', name: 'forbidden', component: () => import('./pages/ForbiddenPage.vue'), meta: { title: '无权访问' } },
      { path: 'none', name: 'none', component: () => import('./pages/ForbiddenPage.vue'), meta: { title: '无可用功能' } },
      { path: ':rest(.*)*', name: 'notfound', component: () => import('./pages/NotFoundPage.vue'), meta: { title: '页面不存在' } },
    ],
  },
]

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
})

router.beforeEach((to) => {
  if (to.meta.public) return true
  if (!signedIn()) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { next: to.fullPath } }
  }
  if (!mayOpen(roles(), to.meta.roles)) {
    return { name: 'forbidden', query: { from: to.fullPath } }
  }
  return true
})

router.afterEach((to) => {
  document.title = to.meta.title ? `${to.meta.title} · 民声` : '民声'
})
