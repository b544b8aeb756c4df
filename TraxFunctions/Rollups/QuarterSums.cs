using System.Text;
using System.Text.Json;

namespace Trax.Rollups;

/// <summary>
/// Sums by quarter-hour (0-3 of an hour, or 0-95 of a day) and group, derived from rows, never incremented: what the
/// conversion rollups (<see cref="HourRollup"/>) and the click rollups keep. Packed as compact JSON (a table of
/// groups, then one entry per quarter and group: quarter, group, count, amount) so that an hour of any number of rows
/// is one entity while its groups fit.
/// </summary>
public abstract class QuarterSums<TGroup, TSum>
    where TGroup : IPackedGroup<TGroup>
    where TSum : IPackedSum<TSum>
{
    private readonly Dictionary<(int Quarter, TGroup Group), TSum> sums = [];

    public int Count => sums.Count;

    public IEnumerable<(int Quarter, TGroup Group, TSum Sum)> Entries =>
        sums.Select(e => (e.Key.Quarter, e.Key.Group, e.Value));

    /// <summary>The quarter (0-3) of its hour an instant falls in.</summary>
    public static int QuarterOf(DateTimeOffset instant) => instant.UtcDateTime.Minute / 15;

    public void Add(int quarter, TGroup group, TSum sum) =>
        sums[(quarter, group)] = sums.TryGetValue((quarter, group), out var had) ? had.Plus(sum) : sum;

    /// <summary>The entries whose quarter, counted from <paramref name="origin"/>, starts in [<paramref name="start"/>, <paramref name="end"/>).</summary>
    public IEnumerable<(DateTimeOffset At, TGroup Group, TSum Sum)> Within(DateTimeOffset origin, DateTimeOffset start, DateTimeOffset end) =>
        Entries.Select(e => (At: origin.AddMinutes(15 * e.Quarter), e.Group, e.Sum)).Where(e => e.At >= start && e.At < end);

    public string Encode()
    {
        var groups = new Dictionary<TGroup, int>();
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
                var (count, amount) = sum.Packed;
                json.WriteStartArray();
                json.WriteNumberValue(quarter);
                json.WriteNumberValue(groups[group]);
                json.WriteNumberValue(count);
                if (amount is null)
                {
                    json.WriteNullValue();
                }
                else
                {
                    json.WriteStringValue(amount);
                }

                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Adds the sums packed in <paramref name="text"/> (what <see cref="Encode"/> wrote).</summary>
    protected void AddPacked(string text)
    {
        using var document = JsonDocument.Parse(text);
        var groups = document.RootElement.GetProperty("g").EnumerateArray()
            .Select(g => TGroup.From([.. g.EnumerateArray().Select(e => e.GetString())]))
            .ToList();
        foreach (var entry in document.RootElement.GetProperty("s").EnumerateArray())
        {
            Add(entry[0].GetInt32(), groups[entry[1].GetInt32()], TSum.Unpack(entry[2].GetInt64(), entry[3].GetString()));
        }
    }
}
