using Microsoft.Extensions.Primitives;

namespace Trax.Postbacks;

/// <summary>
/// The parameters of a callback: the query string, plus the form body when a network POSTs one. Names match
/// case-insensitively (ASP.NET Core's collections are case-insensitive); values from both places are merged.
/// </summary>
public readonly struct PostbackParameters(IQueryCollection query, IReadOnlyDictionary<string, StringValues>? form = null)
{
    public StringValues this[string name]
    {
        get
        {
            var fromQuery = query[name];
            return form is not null && form.TryGetValue(name, out var fromForm)
                ? StringValues.Concat(fromQuery, fromForm)
                : fromQuery;
        }
    }

    public static PostbackParameters FromQueryString(string queryString) =>
        new(new QueryCollection(Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(queryString)));
}
