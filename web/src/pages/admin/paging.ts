// Server-side pages for the admin lists: the cursor of the page shown is in
// the URL (?after=…), the cursors of the pages before it in memory, so
// "上一页" walks back and a shared link opens on the same page.
import { computed, ref } from 'vue'
import { useRoute, useRouter } from 'vue-router'

export function useCursorPages() {
  const route = useRoute()
  const router = useRouter()
  const after = computed(() => (route.query.after as string) || null)
  const earlier = ref<(string | null)[]>([])
  function next(endCursor: string | null | undefined) {
    if (!endCursor) return
    earlier.value.push(after.value)
    router.push({ query: { ...route.query, after: endCursor } })
  }
  function prev() {
    const c = earlier.value.pop() ?? null
    router.push({ query: { ...route.query, after: c ?? undefined } })
  }
  function reset(q: Record<string, string | undefined>) {
    earlier.value = []
    router.push({ query: { ...route.query, ...q, after: undefined } })
  }
  return { after, next, prev, reset, hasPrev: computed(() => !!after.value) }
}

// The Chinese names of the tenant roles (authz/roles.go).
export const roleNames: Record<string, string> = {
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
}
