// The statistics filters as the URL keeps them: f=DIM~value~label,… so a
// drilled-down table can be shared and reloaded with its labels.
import type { StatsDimension } from '../../gql/graphql'

export interface Filter {
  dimension: StatsDimension
  value: string
  label: string
}

const dims = new Set<string>(['CATEGORY1', 'CATEGORY2', 'CATEGORY3', 'DEPARTMENT', 'REGION', 'GRID', 'CHANNEL', 'TYPE', 'STATUS', 'DAY', 'WEEK', 'MONTH'])

export function parseFilters(s: string | undefined): Filter[] {
  if (!s) return []
  const out: Filter[] = []
  for (const part of s.split(',')) {
    const [d, v, l] = part.split('~').map((x) => decodeURIComponent(x ?? ''))
    if (!d || !v || !dims.has(d) || out.some((f) => f.dimension === d)) continue
    out.push({ dimension: d as StatsDimension, value: v, label: l || v })
  }
  return out
}

export function writeFilters(list: Filter[]): string {
  return list.map((f) => [f.dimension, f.value, f.label].map(encodeURIComponent).join('~')).join(',')
}
