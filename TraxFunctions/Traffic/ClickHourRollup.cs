using System.Globalization;
using System.Text;
using System.Text.Json;
using Trax.Clicks;

namespace Trax.Traffic;

/// <summary>
/// One UTC hour of one shard-day of clicks, summed by quarter-hour (0-3) and group: derived from the hour's click
/// rows, never incremented. Packed as compact JSON: a table of groups, then one entry per quarter and group.
/// </summary>
public sealed class ClickHourRollup
{
    private readonly Dictionary<(int Quarter, TrafficGroup Group), ClickSum> sums = [];

    public IEnumerable<(int Quarter, TrafficGroup Group, ClickSum Sum)> Entries =>
        sums.Select(e => (e.Key.Quarter, e.Key.Group, e.Value));

    public static int QuarterOf(DateTimeOffset instant) => instant.UtcDateTime.Minute / 15;

    public void Add(CountedClick click) => Add(QuarterOf(click.ClickedAt), TrafficGroup.Of(click), ClickSum.One(click.Cost));

    public void Add(int quarter, TrafficGroup group, ClickSum sum) =>
        sums[(quarter, group)] = sums.TryGetValue((quarter, group), out var had) ? had.Plus(sum) : sum;

    public string Encode()
    {
        var groups = new Dictionary<TrafficGroup, int>();
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("g");
            foreach (var group in sums.Keys.Select(k => k.Group).Distinct())
            {
                groups[group] = groups.Count;
                json.WriteStartArray();
                foreach (var value in group.Values)
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
                json.WriteNumberValue(sum.Clicks);
                if (sum.Cost is { } cost)
                {
                    json.WriteStringValue(cost.ToString(CultureInfo.InvariantCulture));
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

    public static ClickHourRollup Decode(string text)
    {
        var rollup = new ClickHourRollup();
        using var document = JsonDocument.Parse(text);
        var groups = document.RootElement.GetProperty("g").EnumerateArray()
            .Select(g => TrafficGroup.From([.. g.EnumerateArray().Select(e => e.GetString())]))
            .ToList();
        foreach (var entry in document.RootElement.GetProperty("s").EnumerateArray())
        {
            var cost = entry[3].GetString();
            rollup.Add(
                entry[0].GetInt32(),
                groups[entry[1].GetInt32()],
                new ClickSum(entry[2].GetInt64(), cost is null ? null : decimal.Parse(cost, NumberStyles.Number, CultureInfo.InvariantCulture)));
        }

        return rollup;
    }
}
