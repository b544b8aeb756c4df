namespace Trax.Core;

/// <summary>The one mapping of <see cref="ClickAttributes"/> to and from table columns (names as earlier rows wrote them).</summary>
internal static class ClickAttributeColumns
{
    /// <summary><paramref name="row"/> with <paramref name="attributes"/> in its columns; null (an orphan) leaves them empty.</summary>
    public static TRow WithAttributes<TRow>(this TRow row, ClickAttributes? attributes)
        where TRow : IClickAttributeColumns
    {
        row.LinkId = attributes?.LinkId;
        row.Campaign = attributes?.Campaign;
        row.Source = attributes?.Source;
        row.Sub1 = attributes?.Sub1;
        row.Sub2 = attributes?.Sub2;
        row.Sub3 = attributes?.Sub3;
        row.Sub4 = attributes?.Sub4;
        row.Sub5 = attributes?.Sub5;
        return row;
    }

    /// <summary>The attributes in <paramref name="row"/>, with the network and program its table keeps.</summary>
    public static ClickAttributes ReadAttributes(this IClickAttributeColumns row, string? network, string? program) => new()
    {
        LinkId = row.LinkId,
        Network = network,
        Program = program,
        Campaign = row.Campaign,
        Source = row.Source,
        Sub1 = row.Sub1,
        Sub2 = row.Sub2,
        Sub3 = row.Sub3,
        Sub4 = row.Sub4,
        Sub5 = row.Sub5,
    };
}
