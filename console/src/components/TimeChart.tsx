// A chart of values per day, drawn by uPlot (about 50 KB, made for time series; it draws on a canvas and sets
// its styles through the CSSOM, which the console's CSP allows, and writes no markup from data). Days are the days
// of the report's zone, placed at their date's UTC midnight, and labelled with that zone whatever the reader's.

import { useEffect, useRef } from "preact/hooks";
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";
import { stack, type Series } from "../lib/chart";

export interface TimeChartProps {
  /** The chart's accessible name (the figures are in a table beside it). */
  label: string;
  /** Seconds since 1970 of each day's UTC midnight. */
  times: number[];
  /** The zone whose days these are (the report's), named in the legend. */
  zone: string;
  series: Series[];
  /** Bars stacked one on another (each day's bar is the sum of the series), else lines. */
  stacked?: boolean;
  height?: number;
}

const colours = ["#1d4ed8", "#15803d", "#b45309", "#7e22ce", "#be123c"];

export function TimeChart({ label, times, zone, series, stacked = false, height = 220 }: TimeChartProps) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const day = 86_400;
    const first = times[0] ?? 0;
    const last = times[times.length - 1] ?? first;
    // Stacked: the largest sum is drawn first and each smaller one over it, so every band shows its own series.
    const order = stacked ? series.map((_, i) => series.length - 1 - i) : series.map((_, i) => i);
    const sums = stacked ? stack(series) : series.map((s) => s.values);
    const bars = uPlot.paths.bars!({ size: [0.7, 48] });
    const options: uPlot.Options = {
      width: Math.max(element.clientWidth, 200),
      height,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
      series: [
        { label: `Day (${zone})`, value: (_u, v) => (v === null ? "" : new Date(v * 1000).toISOString().slice(0, 10)) },
        ...order.map((i) => {
          const colour = colours[i % colours.length] ?? "#333";
          return {
            label: series[i]!.label,
            stroke: colour,
            width: stacked ? 0 : 2,
            ...(stacked ? { fill: colour, paths: bars, points: { show: false } } : {}),
            // The legend shows the series' own value, not the running sum the bar is drawn to.
            value: (_u: uPlot, _v: number | null, _s: number, index: number | null) =>
              index === null ? "" : String(series[i]!.values[index] ?? 0),
          };
        }),
      ],
      axes: [
        {
          // One tick per day (every few days when they would crowd): never a tick between two days.
          splits: (u) => {
            const step = Math.max(1, Math.ceil(times.length / Math.max(1, Math.floor(u.bbox.width / devicePixelRatio / 56))));
            return times.filter((_, i) => i % step === 0);
          },
          values: (_u, splits) => splits.map((s) => new Date(s * 1000).toISOString().slice(5, 10)),
        },
        { values: (_u, splits) => splits.map((s) => (Number.isInteger(s) ? String(s) : "")) },
      ],
      scales: {
        x: { time: true, range: () => [first - day / 2, last + day / 2] },
        y: { range: (_u, _min, max) => [0, Math.max(1, max)] },
      },
    };
    const chart = new uPlot(options, [times, ...order.map((i) => sums[i]!)] as uPlot.AlignedData, element);
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [times, zone, series, stacked, height]);
  return <div class="chart" role="img" aria-label={label} ref={host} />;
}
