using Microsoft.Extensions.Options;
using Trax.Clicks;
using Trax.Conversions;
using Trax.Core;

namespace Trax.Testing;

/// <summary>The conversion a message creates, in the state its status maps to by default (as the processor builds it).</summary>
internal static class StoredConversions
{
    private static readonly StatusMap Statuses = new(Options.Create(new NetworkOptions()));

    public static Conversion Of(PostbackMessage message, Click? click, DateTimeOffset processedAt) =>
        Conversion.From(message, click, processedAt, Said(message));

    public static PostbackState Said(PostbackMessage message) => PostbackState.Of(message, Statuses);
}
