using System.Text.Json;
using Azure.Data.Tables;

namespace Trax.Testing;

/// <summary>Every entity of a table as canonical JSON (ETag left out), to compare a table before and after.</summary>
public static class TableSnapshot
{
    public static async Task<List<string>> TakeAsync(TableClient table) =>
        (await table.QueryAsync<TableEntity>().ToListAsync())
        .Select(e => JsonSerializer.Serialize(
            e.Where(p => p.Key != "odata.etag").OrderBy(p => p.Key, StringComparer.Ordinal).ToDictionary(p => p.Key, p => p.Value?.ToString())))
        .OrderBy(s => s, StringComparer.Ordinal)
        .ToList();
}
