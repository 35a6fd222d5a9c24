// Dates and figures for the statistics pages: the tenant's dates are
// written YYYY-MM-DD; the browser's calendar day is close enough to pick a
// period (the server counts in the tenant's time zone).

export function isoDate(d: Date): string {
  const m = String(d.getMonth() + 1).padStart(2, '0')
  const day = String(d.getDate()).padStart(2, '0')
  return `${d.getFullYear()}-${m}-${day}`
}

export function daysAgo(n: number, from = new Date()): string {
  const d = new Date(from)
  d.setDate(d.getDate() - n)
  return isoDate(d)
}

// firstOfMonthsAgo is the 1st of the month n months before this one.
export function firstOfMonthsAgo(n: number): string {
  const d = new Date()
  d.setDate(1)
  d.setMonth(d.getMonth() - n)
  return isoDate(d)
}

// percent writes a rate (0–1) as a percentage; '—' when there is none
// (its denominator was 0).
export function percent(v: number | null | undefined): string {
  return v == null ? '—' : `${(v * 100).toFixed(1)}%`
}

// change says how a figure moved against an earlier one: a relative change
// for counts, percentage points for rates; null when there is nothing to
// compare with.
export function change(now: number | null | undefined, before: number | null | undefined, rate: boolean): string | null {
  if (now == null || before == null) return null
  if (rate) {
    const pp = (now - before) * 100
    return `${pp >= 0 ? '+' : ''}${pp.toFixed(1)} 个百分点`
  }
  if (before === 0) return null
  const r = ((now - before) / before) * 100
  return `${r >= 0 ? '+' : ''}${r.toFixed(1)}%`
}
