using Azure;

namespace Trax.Forwards;

/// <summary>What a copy of a job may do with its attempt (decided by <see cref="ForwardDeliverer"/>).</summary>
public enum JobClaimOutcome
{
    /// <summary>Send it.</summary>
    Claimed,

    /// <summary>The job ended, or this attempt was made and the next queued, or a later one started.</summary>
    Done,

    /// <summary>Another copy holds this attempt and its lease has not run out.</summary>
    Busy,

    /// <summary>An earlier attempt is still being sent and its lease has not run out: this one is queued again for then.</summary>
    Waiting,
}

/// <summary>
/// A decided claim, with the ETag that the attempt's end is written under, or (not claimed) when the claim row's
/// lease runs out. (Small records that belong together.)
/// </summary>
public readonly record struct JobClaim(JobClaimOutcome Outcome, ETag ETag, DateTimeOffset LeaseEnds = default);

/// <summary>A job's claim row as read: its status, the attempt and copy that claimed it, when, and its ETag.</summary>
public sealed record JobRow(string Status, int Attempt, string Copy, DateTimeOffset ClaimedAt, ETag ETag);
