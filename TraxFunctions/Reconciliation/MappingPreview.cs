namespace Trax.Reconciliation;

/// <summary>
/// What the console shows before a run: the export's header and first rows, the presets, and the mapping this
/// network used last (if any).
/// </summary>
public sealed record MappingPreview(
    IReadOnlyList<string> Header,
    IReadOnlyList<IReadOnlyList<string>> Rows,
    IReadOnlyDictionary<string, ExportMapping> Presets,
    RememberedMapping? Remembered);
