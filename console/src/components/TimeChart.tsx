// A chart of values per day, drawn by uPlot (about 50 KB, made for time series; it draws on a canvas and sets
// its styles through the CSSOM, which the console's CSP allows, and writes no markup from data).

import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

export interface Series {
  label: string;
  values: (number | null)[];
}

export interface TimeChartProps {
  /** The chart's accessible name. */
  label: string;
  /** Seconds since 1970 (UTC) of each point. */
  times: number[];
  series: Series[];
  height?: number;
}

const colours = ["#1d4ed8", "#15803d", "#b45309", "#7e22ce", "#be123c"];

export function TimeChart({ label, times, series, height = 220 }: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: colours[i % colours.length] ?? "#333", width: 2 }))],
      axes: [{}, {}],
      scales: { x: { time: true } },
    };
    const chart = new uPlot(options, [times, ...series.map((s) => s.values)], element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, series, height]);
  return <div class="chart" role="img" aria-label={label} ref={host} />;
}
