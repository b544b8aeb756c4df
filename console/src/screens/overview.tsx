import { Link } from "../components/Link";
import { TimeChart } from "../components/TimeChart";
import type { ScreenProps } from "./registry";

const noSeries = [{ label: "ftd", values: [] }, { label: "reg", values: [] }, { label: "sale", values: [] }];

/**
 * The overview: a placeholder until its summary API exists. The chart it will fill is already here, empty, so that
 * the chart library is part of the measured bundle and runs under the console's CSP in the browser tests.
 */
export default function Overview({ screen }: ScreenProps) {
  return (
    <section aria-labelledby="screen-title">
      <h1 id="screen-title" tabIndex={-1}>{screen.title}</h1>
      <p class="note">
        Conversions, payout per currency, rejected postbacks and processor health will be shown here once the overview
        API exists. Until then, the <Link to="/postbacks">postback log</Link> shows every postback and what became of it.
      </p>
      <h2>Conversions per day</h2>
      <TimeChart label="Conversions per day by type: no data yet" times={[]} series={noSeries} />
    </section>
  );
}
