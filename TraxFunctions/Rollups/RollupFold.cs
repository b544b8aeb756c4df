namespace Trax.Rollups;

/// <summary>
/// What a caller sums items by, so that a day row can be summed before it becomes items: the day an instant counts on
/// (a zone's day) and the group with every field the caller does not read blanked. A day row then gives one item per
/// (day, blanked group) instead of one per (quarter-hour, group): at most a few hundred a day for a report by day,
/// type and network, where the row holds thousands of entries. The sums are the same; only fewer, larger items.
/// </summary>
public sealed class RollupFold(Func<DateTimeOffset, DateOnly> dayOf, Func<RollupGroup, RollupGroup> blank)
{
    private static readonly long QuarterTicks = TimeSpan.FromMinutes(15).Ticks;

    /// <summary>
    /// Adds the entries of <paramref name="row"/> (the UTC day starting <paramref name="dayStart"/>) whose quarter is in
    /// [<paramref name="firstQuarter"/>, <paramref name="endQuarter"/>) to <paramref name="items"/>, summed per day and
    /// blanked group. Each item is at the first quarter of its day within the row, so its UTC day (the rate day) and
    /// its day under <c>dayOf</c> are those of every entry summed into it.
    /// </summary>
    public void AddFolded(DayRow row, DateTimeOffset dayStart, long firstQuarter, long endQuarter, List<RollupItem> items)
    {
        // A UTC day meets at most three days of any zone (a 23-hour day can sit inside it): a part per day met.
        var partOfQuarter = new int[96];
        var partStarts = new List<(DateOnly Day, long Quarter)>(3);
        for (var quarter = firstQuarter; quarter < endQuarter; quarter++)
        {
            var day = dayOf(dayStart.AddTicks(quarter * QuarterTicks));
            var part = partStarts.FindIndex(p => p.Day == day);
            if (part < 0)
            {
                part = partStarts.Count;
                partStarts.Add((day, quarter));
            }

            partOfQuarter[quarter] = part;
        }

        var blanked = new Dictionary<RollupGroup, int>();
        var groupOf = new int[row.Groups.Length];
        for (var g = 0; g < groupOf.Length; g++)
        {
            var group = blank(row.Groups[g]);
            if (!blanked.TryGetValue(group, out groupOf[g]))
            {
                blanked[group] = groupOf[g] = blanked.Count;
            }
        }

        var sums = new RollupSum?[partStarts.Count * blanked.Count];
        foreach (var entry in row.Entries)
        {
            if (entry.Quarter >= firstQuarter && entry.Quarter < endQuarter)
            {
                ref var sum = ref sums[(partOfQuarter[entry.Quarter] * blanked.Count) + groupOf[entry.Group]];
                sum = sum is { } before ? before.Plus(entry.Sum) : entry.Sum;
            }
        }

        var groups = new RollupGroup[blanked.Count];
        foreach (var (group, index) in blanked)
        {
            groups[index] = group;
        }

        for (var i = 0; i < sums.Length; i++)
        {
            if (sums[i] is { } sum)
            {
                items.Add(new RollupItem(dayStart.AddTicks(partStarts[i / groups.Length].Quarter * QuarterTicks), groups[i % groups.Length], sum));
            }
        }
    }
}
