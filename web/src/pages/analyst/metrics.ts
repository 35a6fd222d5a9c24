// What each metric counts, from the server's metricDefinitions: shown as
// tooltips on headers and KPIs so nobody has to guess a rate's denominator.
import { computed } from 'vue'
import { useQuery } from '@urql/vue'
import { graphql } from '../../gql'

const MetricDefinitionsQuery = graphql(`
  query StatsMetricDefinitions {
    metricDefinitions { name label definition }
  }
`)

export function useMetricDefinitions() {
  const q = useQuery({ query: MetricDefinitionsQuery })
  const byName = computed(() => {
    const m: Record<string, { label: string; definition: string }> = {}
    for (const d of q.data.value?.metricDefinitions ?? []) m[d.name] = d
    return m
  })
  return { byName, error: q.error }
}

// The metrics the tables show, in order, and whether each is a rate.
export const shownMetrics: { name: string; label: string; rate?: boolean; avg?: boolean }[] = [
  { name: 'received', label: '受理量' },
  { name: 'dispatched', label: '派发量' },
  { name: 'timelyAcceptanceRate', label: '及时受理率', rate: true },
  { name: 'closed', label: '办结量' },
  { name: 'onTimeRate', label: '按期办结率', rate: true },
  { name: 'overdue', label: '超期量' },
  { name: 'yellow', label: '黄牌量' },
  { name: 'red', label: '红牌量' },
  { name: 'returned', label: '退件量' },
  { name: 'satisfactionRate', label: '满意率', rate: true },
  { name: 'solvedRate', label: '解决率', rate: true },
  { name: 'repeatRate', label: '重复率', rate: true },
  { name: 'supervised', label: '督办量' },
  { name: 'avgHandlingWorkdays', label: '平均办理工作日', avg: true },
]
