// ECharts for the leader's and analyst's pages, registered on demand: only
// the chart types and components these pages draw, on the canvas renderer,
// so the chunk carrying echarts stays small and loads only with them.
import { use } from 'echarts/core'
import { CanvasRenderer } from 'echarts/renderers'
import { BarChart, LineChart, RadarChart } from 'echarts/charts'
import { GridComponent, LegendComponent, RadarComponent, TooltipComponent } from 'echarts/components'
import VChart from 'vue-echarts'

use([CanvasRenderer, BarChart, LineChart, RadarChart, GridComponent, LegendComponent, RadarComponent, TooltipComponent])

export default VChart

// Tooltips in plain text: the console's Content-Security-Policy blocks the
// inline styles of ECharts' HTML tooltips.
export const tooltip = { trigger: 'axis' as const, renderMode: 'richText' as const }
