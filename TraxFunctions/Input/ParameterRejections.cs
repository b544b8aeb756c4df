namespace Trax.Input;

/// <summary>Why a query parameter of an admin API was refused, whatever the API: stable reason codes.</summary>
public static class ParameterRejections
{
    public static Rejection MissingParameter(string name) =>
        new("missing-parameter", $"The {name} parameter is required.");

    public static Rejection RepeatedParameter(string name) =>
        new("repeated-parameter", $"The {name} parameter may be given only once.");

    public static Rejection InvalidParameter(string name) =>
        new("invalid-parameter", $"The {name} parameter must be 1 to {OptionalField.MaxLength} characters, without control characters.");

    public static Rejection InvalidFlag(string name) =>
        new("invalid-parameter", $"The {name} parameter must be true or false.");

    public static Rejection InvalidNumber(string name, int min, int max) =>
        new("invalid-parameter", $"The {name} parameter must be a whole number from {min} to {max}.");

    public static Rejection InvalidDate(string name) =>
        new("invalid-date", $"The {name} parameter must be a UTC day written YYYY-MM-DD, such as 2026-11-25, from {QueryReader.FirstDay:yyyy-MM-dd} to {QueryReader.LastDay:yyyy-MM-dd}.");

    public static IReadOnlyList<string> Reasons { get; } = ["missing-parameter", "repeated-parameter", "invalid-parameter", "invalid-date"];
}
