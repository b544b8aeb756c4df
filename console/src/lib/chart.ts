// The arithmetic behind the overview's chart (components/TimeChart.tsx draws it with uPlot).

export interface Series {
  label: string;
  values: (number | null)[];
}

/** The running sums that stacked bars are drawn to: series i holds the sum of series 0…i (a missing value is 0). */
export function stack(series: readonly Series[]): number[][] {
  const sums: number[][] = [];
  series.forEach((s, i) => {
    sums.push(s.values.map((v, j) => (v ?? 0) + (i > 0 ? (sums[i - 1]![j] ?? 0) : 0)));
  });
  return sums;
}
