namespace Trax.Input;

/// <summary>
/// The UTF-8 byte order mark that Windows tools write before a file's text: a JSON parser refuses it, so the readers
/// of uploaded JSON skip it, as the CSV and XML readers already do.
/// </summary>
public static class ByteOrderMark
{
    private static readonly byte[] Utf8 = [0xEF, 0xBB, 0xBF];

    /// <summary>The body without a leading UTF-8 byte order mark (the body itself when it has none).</summary>
    public static ReadOnlyMemory<byte> Skipped(byte[] body) => body.AsMemory(body.AsSpan().StartsWith(Utf8) ? Utf8.Length : 0);
}
