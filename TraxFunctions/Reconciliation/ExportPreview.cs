using CsvHelper;
using Trax.Input;

namespace Trax.Reconciliation;

/// <summary>Just the header and the first rows of an export as text, for a mapping's preview; never refuses on values.</summary>
public static class ExportPreview
{
    /// <summary>Null when there is no header, as <see cref="ExportCsv.Read"/> refuses it (no-rows): nothing to map.</summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)? Read(byte[] body, int rows)
    {
        using var reader = CsvReader.Create(body, StrictCsv.Options);
        var header = reader.Headers.Select(h => h.Trim()).ToList();
        if (ExportCsv.IsBlank(header))
        {
            return null;
        }

        var preview = new List<IReadOnlyList<string>>();
        while (preview.Count < rows && reader.ReadRecord())
        {
            preview.Add([.. Enumerable.Range(0, header.Count).Select(reader.GetString)]);
        }

        return (header, preview);
    }
}
