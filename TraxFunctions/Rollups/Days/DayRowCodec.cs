namespace Trax.Rollups;

/// <summary>
/// The binary form of a day rollup: a version byte; a table of the distinct strings; the groups, each 7 string
/// references (0 for none); then one entry per quarter-hour and group as varints: quarter, group, count and the payout
/// as its exact decimal (a tag of kind — none, overflow, positive, negative — and scale, then the 96-bit integer).
/// Decoding parses no text and hashes nothing per entry: the groups are built once, the entries point at them.
/// Anything but <see cref="Version"/> (an older or newer row, a damaged one) decodes as null: the reader then goes
/// to the hour rollups, and the roller rewrites the row.
/// </summary>
public static class DayRowCodec
{
    public const byte Version = 1;

    private const int NoPayout = 0;
    private const int Overflowed = 1;
    private const int Positive = 2;
    private const int Negative = 3;

    public static byte[] Encode(IEnumerable<(int Quarter, RollupGroup Group, RollupSum Sum)> entries)
    {
        var list = entries.ToList();
        var strings = new Dictionary<string, int>(StringComparer.Ordinal);
        var groups = new Dictionary<RollupGroup, int>();
        foreach (var (_, group, _) in list)
        {
            if (groups.TryAdd(group, groups.Count))
            {
                foreach (var value in Values(group))
                {
                    if (value is not null)
                    {
                        strings.TryAdd(value, strings.Count);
                    }
                }
            }
        }

        var output = new VarintWriter();
        output.Byte(Version);
        output.Varint((ulong)strings.Count);
        foreach (var value in strings.Keys)
        {
            // Each UTF-16 unit as a varint: exact for any string (a lone surrogate too), one byte a character in ASCII.
            output.Varint((ulong)value.Length);
            foreach (var unit in value)
            {
                output.Varint((ulong)unit);
            }
        }

        output.Varint((ulong)groups.Count);
        foreach (var group in groups.Keys)
        {
            foreach (var value in Values(group))
            {
                output.Varint(value is null ? 0 : (ulong)strings[value] + 1);
            }
        }

        output.Varint((ulong)list.Count);
        Span<int> bits = stackalloc int[4];
        foreach (var (quarter, group, sum) in list)
        {
            output.Varint((ulong)quarter);
            output.Varint((ulong)groups[group]);
            output.Varint((ulong)((sum.Count << 1) ^ (sum.Count >> 63)));
            if (sum.Overflow || sum.Payout is null)
            {
                output.Varint(sum.Overflow ? Overflowed : (ulong)NoPayout);
                continue;
            }

            decimal.GetBits(sum.Payout.Value, bits);
            var scale = (bits[3] >> 16) & 0xFF;
            output.Varint((ulong)((bits[3] < 0 ? Negative : Positive) | (scale << 2)));
            output.Varint((uint)bits[0] | ((UInt128)(uint)bits[1] << 32) | ((UInt128)(uint)bits[2] << 64));
        }

        return output.ToArray();
    }

    /// <summary>The row, or null when the data is not of this <see cref="Version"/> or is damaged.</summary>
    public static DayRow? Decode(byte[] data)
    {
        if (data.Length == 0 || data[0] != Version)
        {
            return null;
        }

        try
        {
            var input = new VarintReader(data, 1);
            var strings = new string[input.Count(data.Length)];
            for (var i = 0; i < strings.Length; i++)
            {
                strings[i] = input.Text(input.Count(data.Length));
            }

            var groups = new RollupGroup[input.Count(data.Length)];
            var v = new string?[7];
            for (var i = 0; i < groups.Length; i++)
            {
                for (var k = 0; k < 7; k++)
                {
                    var reference = input.Count(strings.Length + 1);
                    v[k] = reference == 0 ? null : strings[reference - 1];
                }

                groups[i] = new RollupGroup(v[0] ?? throw new FormatException("A group without a type."), v[1], v[2], v[3], v[4],
                    v[5] ?? throw new FormatException("A group without an attribution."), v[6]);
            }

            var entries = new DayRow.Entry[input.Count(data.Length)];
            for (var i = 0; i < entries.Length; i++)
            {
                var quarter = input.Count(95);
                var group = input.Count(groups.Length - 1);
                var zigzag = input.Varint();
                var count = (long)(zigzag >> 1) ^ -(long)(zigzag & 1);
                var tag = input.Count(int.MaxValue);
                var sum = (tag & 3) switch
                {
                    NoPayout when tag == NoPayout => new RollupSum(count, null, false),
                    Overflowed when tag == Overflowed => new RollupSum(count, null, true),
                    Positive or Negative when tag >> 2 <= 28 => new RollupSum(count, Amount(input.Varint128(), tag >> 2, (tag & 3) == Negative), false),
                    _ => throw new FormatException("An unknown payout tag."),
                };
                entries[i] = new DayRow.Entry(quarter, group, sum);
            }

            return input.AtEnd ? new DayRow(groups, entries) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static decimal Amount(UInt128 magnitude, int scale, bool negative) =>
        magnitude >> 96 != 0
            ? throw new FormatException("A payout beyond 96 bits.")
            : new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), negative, (byte)scale);

    private static string?[] Values(RollupGroup g) => [g.Type, g.Network, g.Program, g.Campaign, g.Status, g.Attribution, g.Currency];
}
