using System.Text.Json;
using System.Text.Json.Serialization;
using Trax.Storage;

namespace Trax.Forwards;

/// <summary>A forward in the Forwards table: partition = forward id, row = <see cref="ForwardKeys.ForwardRow"/>; filters as JSON arrays.</summary>
internal sealed class ForwardEntity : TableRow
{
    public ForwardEntity() => RowKey = ForwardKeys.ForwardRow;

    public string Url { get; set; } = "";

    public string Method { get; set; } = "GET";

    public string? BodyFormat { get; set; }

    public string? Body { get; set; }

    public bool Enabled { get; set; } = true;

    public string? Types { get; set; }

    public string? Statuses { get; set; }

    public string? Networks { get; set; }

    public string? Links { get; set; }

    public string? Campaigns { get; set; }

    /// <summary>Null on forwards saved before the filter existed: attributed only, as they were.</summary>
    public string? Attribution { get; set; }

    public int TimeoutSeconds { get; set; } = Forward.DefaultTimeoutSeconds;

    /// <summary>Absent on rows written before versions (read as null).</summary>
    public string? Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public static ForwardEntity From(Forward forward) => new()
    {
        PartitionKey = ForwardKeys.ForwardPartition(forward.Id),
        Url = forward.Url,
        Method = forward.Method,
        BodyFormat = forward.BodyFormat,
        Body = forward.Body,
        Enabled = forward.Enabled,
        Types = Join(forward.Filters.Types),
        Statuses = Join(forward.Filters.Statuses),
        Networks = Join(forward.Filters.Networks),
        Links = Join(forward.Filters.Links),
        Campaigns = Join(forward.Filters.Campaigns),
        Attribution = Join(forward.Filters.Attribution),
        TimeoutSeconds = forward.TimeoutSeconds,
        Version = forward.Version,
        CreatedAt = forward.CreatedAt,
        UpdatedAt = forward.UpdatedAt,
    };

    public Forward ToForward() => new()
    {
        Id = Keys.Decode(PartitionKey),
        Url = Url,
        Method = Method,
        BodyFormat = BodyFormat,
        Body = Body,
        Enabled = Enabled,
        Filters = new ForwardFilters(Split(Types), Split(Statuses), Split(Networks), Split(Links), Split(Campaigns), Split(Attribution)),
        TimeoutSeconds = TimeoutSeconds,
        Version = Version,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
    };

    /// <summary>
    /// Whether two rows hold the same settings: every property but the keys, the timestamps and the version, found by
    /// reflection so that a setting added later counts without being listed here.
    /// </summary>
    public bool HasSameSettingsAs(ForwardEntity other) =>
        SettingProperties.All(p => Equals(p.GetValue(this), p.GetValue(other)));

    private static readonly System.Reflection.PropertyInfo[] SettingProperties = [.. EntityColumns.Of(typeof(ForwardEntity))
        .Where(p => p.Name is not (nameof(Version) or nameof(CreatedAt) or nameof(UpdatedAt)))];

    // JSON, because a campaign name may hold any separator.
    private static string? Join(IReadOnlyList<string>? values) =>
        values is { Count: > 0 } ? JsonSerializer.Serialize([.. values], ForwardEntityJson.Default.StringArray) : null;

    private static string[]? Split(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, ForwardEntityJson.Default.StringArray);
}

[JsonSerializable(typeof(string[]))]
internal sealed partial class ForwardEntityJson : JsonSerializerContext;
