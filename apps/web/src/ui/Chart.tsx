// One chart: ECharts draws the table's numbers; the same table is shown as text (for screen
// readers, and what the end-to-end test reads) and downloadable as CSV. Only the chart types the
// app uses are registered, to keep the bundle small.
import { useEffect, useRef } from 'react';
import { BarChart, HeatmapChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { download, toCsv, type Table } from './csv.ts';

echarts.use([BarChart, LineChart, HeatmapChart, GridComponent, LegendComponent, TooltipComponent, VisualMapComponent, CanvasRenderer]);

export type ChartKind = 'bar' | 'line' | 'heatmap';

/** Bars or lines: the first column is the category, each further numeric column a series. A heatmap: x, y, value. */
export function optionFor(kind: ChartKind, table: Table): echarts.EChartsCoreOption {
  if (kind === 'heatmap') {
    const xs = [...new Set(table.rows.map((r) => String(r[0])))];
    const ys = [...new Set(table.rows.map((r) => String(r[1])))];
    const values = table.rows.map((r) => Number(r[2] ?? 0));
    return {
      tooltip: {},
      grid: { left: 80, right: 20, top: 10, bottom: 60 },
      xAxis: { type: 'category', data: xs },
      yAxis: { type: 'category', data: ys },
      visualMap: { min: 0, max: Math.max(1, ...values), calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
      series: [{ type: 'heatmap', data: table.rows.map((r) => [xs.indexOf(String(r[0])), ys.indexOf(String(r[1])), Number(r[2] ?? 0)]), label: { show: true } }],
    };
  }
  return {
    tooltip: { trigger: 'axis' },
    legend: {},
    grid: { left: 60, right: 20, top: 40, bottom: 30 },
    xAxis: { type: 'category', data: table.rows.map((r) => String(r[0])) },
    yAxis: { type: 'value' },
    series: table.columns.slice(1).map((name, i) => ({ name, type: kind, data: table.rows.map((r) => r[i + 1]) })),
  };
}

export function Chart({ title, kind, table, file }: { title: string; kind: ChartKind; table: Table; file: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current || typeof window === 'undefined' || !el.current.clientWidth) return undefined;
    const chart = echarts.init(el.current);
    chart.setOption(optionFor(kind, table));
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [kind, table]);
  const id = `chart-${file}`;
  return (
    <figure className="panel" aria-labelledby={`${id}-title`} data-chart={file}>
      <figcaption id={`${id}-title`}>
        <h3>{title}</h3>
        <button type="button" aria-label={`Download CSV of ${title}`} onClick={() => download(`${file}.csv`, toCsv(table))}>
          Download CSV
        </button>
      </figcaption>
      {table.rows.length === 0 ? <p className="muted">No data yet.</p> : <div ref={el} className="chart" role="img" aria-label={`${title} chart; the numbers are in the table below`} />}
      <details>
        <summary>Numbers</summary>
        <DataTable table={table} caption={title} />
      </details>
    </figure>
  );
}

export function DataTable({ table, caption }: { table: Table; caption: string }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>{table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>{row.map((v, j) => <td key={j}>{v ?? '—'}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
