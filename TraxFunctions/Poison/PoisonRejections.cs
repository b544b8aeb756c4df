using Trax.Input;

namespace Trax.Poison;

/// <summary>Why a poison replay did nothing. Documented in docs/operations.md: never rename a code.</summary>
public static class PoisonRejections
{
    /// <summary>A replay by id that did not find it: a caller must tell "not there" from "done" (a 200).</summary>
    public static Rejection UnknownMessage(string id, PoisonSearch search) =>
        new("unknown-message",
            search.WholeQueue
                ? $"No message with id {id} is in the poison queue (all {search.Searched} messages were searched): it was replayed already, or is being read by another replay."
                : $"No message with id {id} is among the first {search.Searched} messages of the poison queue, the most one replay searches. Replay without an id to move the front of the queue, then try again.",
            404);
}
