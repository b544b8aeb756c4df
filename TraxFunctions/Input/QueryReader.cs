using System.Globalization;
namespace Trax.Input;

/// <summary>
/// Reads the query parameters of the admin APIs (reports, lookups, the log, poison), keeping the first problem found.
/// A parameter given twice with different values is refused rather than guessed at; blank means absent.
/// </summary>
public sealed class QueryReader(IQueryCollection query)
{
    /// <summary>The days a query may name: those Table Storage can hold, short of the very last (whose end overflows).</summary>
    public static readonly DateOnly FirstDay = DateOnly.FromDateTime(StorableValues.MinDate.UtcDateTime);

    public static readonly DateOnly LastDay = DateOnly.MaxValue.AddDays(-1);

    public Rejection? Rejection { get; private set; }

    public string? Optional(string name)
    {
        var value = InputValues.FirstNonBlank(query[name], out var differing);
        if (differing)
        {
            Fail(ParameterRejections.RepeatedParameter(name));
            return null;
        }

        return value;
    }

    public string? Required(string name, Rejection? whenMissing = null)
    {
        var value = Optional(name);
        if (value is null)
        {
            Fail(whenMissing ?? ParameterRejections.MissingParameter(name));
        }

        return value;
    }

    /// <summary>A value to match exactly (a network name, a reason code): bounded, no control characters.</summary>
    public string? Text(string name) => Text(name, OptionalField.MaxLength);

    /// <summary>A value to match exactly, of at most <paramref name="maxLength"/> characters (a txid's), no control characters.</summary>
    public string? Text(string name, int maxLength)
    {
        var value = Optional(name);
        if (value is not null && (value.Length > maxLength || OptionalField.HasControlCharacters(value)))
        {
            Fail(ParameterRejections.InvalidParameter(name));
            return null;
        }

        return value;
    }

    public string? ClickId()
    {
        var clickId = Required("clickid", Rejection.MissingClickId);
        if (clickId is not null && !Input.ClickId.IsValid(clickId))
        {
            Fail(Rejection.InvalidClickId);
            return null;
        }

        return clickId;
    }

    public DateOnly? RequiredDay(string name)
    {
        var value = Required(name);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && day >= FirstDay && day <= LastDay)
        {
            return day;
        }

        Fail(ParameterRejections.InvalidDate(name));
        return null;
    }

    public int? Number(string name, int min, int max, Rejection invalid)
    {
        var value = Optional(name);
        if (value is null)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        Fail(invalid);
        return null;
    }

    /// <summary><c>true</c> or <c>false</c> (case-insensitive); absent is <paramref name="absent"/>.</summary>
    public bool Flag(string name, bool absent)
    {
        var value = Optional(name);
        if (value is null)
        {
            return absent;
        }

        if (bool.TryParse(value, out var flag))
        {
            return flag;
        }

        Fail(ParameterRejections.InvalidFlag(name));
        return absent;
    }

    public void Fail(Rejection rejection) => Rejection ??= rejection;
}
