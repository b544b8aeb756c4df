namespace Trax.Poison;

/// <summary>
/// What a replay by id found: whether it replayed the message, how many other messages it looked at, and whether
/// that was the whole poison queue (false when it stopped at <see cref="PoisonMessages.MaxSearched"/>).
/// </summary>
public readonly record struct PoisonSearch(bool Replayed, int Searched, bool WholeQueue);
