using System.Globalization;
using Microsoft.AspNetCore.Http;
using Trax.Postbacks;

namespace Trax.Reports;

/// <summary>
/// Reads query parameters for the report, lookup and log APIs, keeping the first problem found. A parameter
/// given twice with different values is refused rather than guessed at; blank means absent.
/// </summary>
internal sealed class QueryReader(IQueryCollection query)
{
    public Rejection? Rejection { get; private set; }

    public string? Optional(string name)
    {
        string? chosen = null;
        foreach (var raw in query[name])
        {
            var value = raw?.Trim();
            if (string.IsNullOrEmpty(value) || value == chosen)
            {
                continue;
            }

            if (chosen is not null)
            {
                Fail(QueryRejections.RepeatedParameter(name));
                return null;
            }

            chosen = value;
        }

        return chosen;
    }

    public string? Required(string name, Rejection? whenMissing = null)
    {
        var value = Optional(name);
        if (value is null)
        {
            Fail(whenMissing ?? QueryRejections.MissingParameter(name));
        }

        return value;
    }

    /// <summary>A value to match exactly (a network name, a reason code): bounded, no control characters.</summary>
    public string? Text(string name)
    {
        var value = Optional(name);
        if (value is not null && (value.Length > PostbackLimits.MaxFieldLength || value.Any(char.IsControl)))
        {
            Fail(QueryRejections.InvalidParameter(name));
            return null;
        }

        return value;
    }

    public DateOnly? RequiredDay(string name)
    {
        var value = Required(name);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }

        Fail(QueryRejections.InvalidDate(name));
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

    public void Fail(Rejection rejection) => Rejection ??= rejection;
}
