using System.Globalization;
using System.Text;
using System.Text.Json;
using Trax.PostbackLog;

namespace Trax.Rollups;

/// <summary>
/// One UTC hour of one shard-day, summed by quarter-hour (0-3) and group: derived from the hour's index rows, never
/// incremented. Packed as compact JSON (a table of groups, then one entry per quarter and group) so that an hour of
/// any number of conversions is one entity while its groups fit.
/// </summary>
public sealed class HourRollup
{
    private readonly Dictionary<(int Quarter, RollupGroup Group), RollupSum> sums = [];

    public int Count => sums.Count;

    public IEnumerable<(int Quarter, RollupGroup Group, RollupSum Sum)> Entries =>
        sums.Select(e => (e.Key.Quarter, e.Key.Group, e.Value));

    public static RollupGroup GroupOf(DayIndexEntry row) =>
        new(row.Type, row.Network, row.Program, row.Campaign, row.Status, row.Attribution, row.Currency);

    /// <summary>The quarter (0-3) of its hour an instant falls in.</summary>
    public static int QuarterOf(DateTimeOffset instant) => instant.UtcDateTime.Minute / 15;

    public void Add(DayIndexEntry row) => Add(QuarterOf(row.ReceivedAt), GroupOf(row), RollupSum.One(row.Payout));

    public void Add(int quarter, RollupGroup group, RollupSum sum) =>
        sums[(quarter, group)] = sums.TryGetValue((quarter, group), out var had) ? had.Plus(sum) : sum;

    public string Encode()
    {
        var groups = new Dictionary<RollupGroup, int>();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("g");
            foreach (var group in sums.Keys.Select(k => k.Group).Distinct())
            {
                groups[group] = groups.Count;
                json.WriteStartArray();
                foreach (var value in new[] { group.Type, group.Network, group.Program, group.Campaign, group.Status, group.Attribution, group.Currency })
                {
                    json.WriteStringValue(value);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("s");
            foreach (var ((quarter, group), sum) in sums)
            {
                json.WriteStartArray();
                json.WriteNumberValue(quarter);
                json.WriteNumberValue(groups[group]);
                json.WriteNumberValue(sum.Count);
                if (sum.Overflow)
                {
                    json.WriteStringValue("overflow");
                }
                else if (sum.Payout is { } payout)
                {
                    json.WriteStringValue(payout.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    json.WriteNullValue();
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static HourRollup Decode(string text)
    {
        var rollup = new HourRollup();
        using var document = JsonDocument.Parse(text);
        var groups = document.RootElement.GetProperty("g").EnumerateArray()
            .Select(g =>
            {
                var v = g.EnumerateArray().Select(e => e.GetString()).ToArray();
                return new RollupGroup(v[0]!, v[1], v[2], v[3], v[4], v[5]!, v[6]);
            })
            .ToList();
        foreach (var entry in document.RootElement.GetProperty("s").EnumerateArray())
        {
            var quarter = entry[0].GetInt32();
            var group = groups[entry[1].GetInt32()];
            var count = entry[2].GetInt64();
            var payout = entry[3].GetString();
            var sum = payout == "overflow"
                ? new RollupSum(count, null, true)
                : new RollupSum(count, payout is null ? null : decimal.Parse(payout, NumberStyles.Number, CultureInfo.InvariantCulture), false);
            rollup.Add(quarter, group, sum);
        }

        return rollup;
    }
}
