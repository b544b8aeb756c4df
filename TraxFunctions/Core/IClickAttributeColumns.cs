namespace Trax.Core;

/// <summary>
/// The columns of <see cref="ClickAttributes"/> that every table storing them names alike (Clicks, Traffic,
/// Conversions). Network and program are not here: the Conversions table keeps the click's as <c>ClickNetwork</c>
/// and <c>ClickProgram</c>, beside the postback's own.
/// </summary>
internal interface IClickAttributeColumns
{
    string? LinkId { get; set; }

    string? Campaign { get; set; }

    string? Source { get; set; }

    string? Sub1 { get; set; }

    string? Sub2 { get; set; }

    string? Sub3 { get; set; }

    string? Sub4 { get; set; }

    string? Sub5 { get; set; }
}
