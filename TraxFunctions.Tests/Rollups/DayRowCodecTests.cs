using CsCheck;
using Trax.Rollups;

namespace Trax.Tests.Rollups;

/// <summary>
/// The binary day rollup (<see cref="DayRowCodec"/>) gives back exactly what was encoded: every group's seven values
/// (none, short, long, any UTF-16 unit), every count, every payout to its scale and sign (28 digits, any scale), and
/// overflowed sums; anything that is not a whole row of this version decodes as null, never as wrong sums.
/// </summary>
public sealed class DayRowCodecTests
{
    private static readonly Gen<string?> Value = Gen.Frequency(
        (2, Gen.Const((string?)null)),
        (5, Gen.OneOf<string?>("ftd", "reg", "sale", "EUR", "net0", "camp-5", "approved", "")),
        (2, Gen.Char.Array[0, 40].Select(c => (string?)new string(c))),
        (1, Gen.Char.Array[1000, 5000].Select(c => (string?)new string(c))));

    private static readonly Gen<RollupGroup> Group =
        Gen.Select(Value.Array[7], v => new RollupGroup(v[0] ?? "sale", v[1], v[2], v[3], v[4], v[5] ?? "attributed", v[6]));

    /// <summary>Any decimal: every 96-bit magnitude, sign and scale 0-28, and the edges.</summary>
    private static readonly Gen<decimal> Amount = Gen.Frequency(
        (8, Gen.Select(Gen.Int, Gen.Int, Gen.Int, Gen.Bool, Gen.Byte[0, 28], (lo, mid, hi, negative, scale) => new decimal(lo, mid, hi, negative, scale))),
        (2, Gen.Select(Gen.Long[-1_000_000_000_000_0000, 1_000_000_000_000_0000], Gen.Byte[0, 4], (units, scale) => new decimal(units) / (decimal)Math.Pow(10, scale))),
        (1, Gen.OneOf(decimal.MaxValue, decimal.MinValue, 0m, new decimal(0, 0, 0, true, 2), 0.0000000000000000000000000001m)));

    private static readonly Gen<RollupSum> Sum = Gen.Frequency(
        (6, Gen.Select(Gen.Long[0, long.MaxValue], Amount, (count, payout) => new RollupSum(count, payout, false))),
        (2, Gen.Long[0, long.MaxValue].Select(count => new RollupSum(count, null, false))),
        (1, Gen.Long[0, long.MaxValue].Select(count => new RollupSum(count, null, true))));

    private static readonly Gen<List<(int Quarter, RollupGroup Group, RollupSum Sum)>> Entries =
        Gen.Select(Group.Array[1, 12], Gen.Int[0, 300], (groups, n) => (groups, n))
            .SelectMany(g => Gen.Select(Gen.Int[0, 95], Gen.Int[0, g.groups.Length - 1], Sum, (q, i, s) => (q, g.groups[i], s)).List[g.n, g.n]);

    [Test]
    public void Decode_AnyEncodedRow_GivesBackEveryEntryExactly() =>
        Entries.Sample(entries =>
        {
            var row = DayRowCodec.Decode(DayRowCodec.Encode(entries));

            Assert.That(row, Is.Not.Null);
            var decoded = row!.Entries.Select(e => (e.Quarter, row.Groups[e.Group], e.Sum)).ToList();
            Assert.That(decoded.Select(e => (e.Quarter, e.Item2, e.Sum.Count, e.Sum.Overflow)), Is.EqualTo(entries.Select(e => (e.Quarter, e.Group, e.Sum.Count, e.Sum.Overflow))));
            Assert.That(decoded.Select(e => Bits(e.Sum.Payout)), Is.EqualTo(entries.Select(e => Bits(e.Sum.Payout))), "each payout to its scale and sign");
            Assert.That(row.Groups, Has.Length.EqualTo(entries.Select(e => e.Group).Distinct().Count()), "each group once");
        }, iter: 300);

    [Test]
    public void Decode_ATruncatedRow_IsNullNotWrongSums() =>
        Entries.Select(Gen.Double[0, 1]).Sample((entries, cut) =>
        {
            var data = DayRowCodec.Encode(entries);
            var at = (int)(cut * (data.Length - 1));

            Assert.That(DayRowCodec.Decode(data[..at]), Is.Null);
            Assert.That(DayRowCodec.Decode([.. data, 0]), Is.Null, "trailing bytes");
        }, iter: 200);

    [Test]
    public void Decode_AnotherVersion_IsNull()
    {
        var data = DayRowCodec.Encode([(3, new RollupGroup("sale", "n", null, null, "approved", "attributed", "EUR"), new RollupSum(2, 1.50m, false))]);
        data[0] = DayRowCodec.Version + 1;

        Assert.That(DayRowCodec.Decode(data), Is.Null);
        Assert.That(DayRowCodec.Decode("{\"g\":[],\"s\":[]}"u8.ToArray()), Is.Null, "a JSON row of the first format");
    }

    private static string Bits(decimal? payout) => payout is { } p ? string.Join(',', decimal.GetBits(p)) : "none";
}
