namespace Trax.Poison;

/// <summary>A poison message as an operator sees it: the decoded text and, if it cannot be read, why.</summary>
public sealed record PoisonMessage(string Id, DateTimeOffset? InsertedOn, long DequeueCount, string Text, string? Problem);
