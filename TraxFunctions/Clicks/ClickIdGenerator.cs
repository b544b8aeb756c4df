using System.Buffers.Text;
using System.Security.Cryptography;

namespace Trax.Clicks;

/// <summary>
/// Click ids: 128 bits from the operating system's cryptographic RNG, written as URL-safe Base64 without padding,
/// so always 22 characters of <c>A–Z a–z 0–9 - _</c>. Nothing in them needs URL-encoding or key-escaping, and they
/// cannot look like a network placeholder (no braces, brackets, '#', '%', '&lt;' or '*'). The first character is
/// redrawn when it would be '-' or '_' (1 draw in 32), so an id never starts like a command-line option or a
/// spreadsheet formula; the last character is always one of A, Q, g, w (it carries the last 2 bits). That leaves
/// 127.95 bits of entropy: never sequential, never guessable.
/// </summary>
public sealed class ClickIdGenerator : IClickIdGenerator
{
    public const int Length = 22;

    public string NewClickId() => Next();

    public static string Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        do
        {
            RandomNumberGenerator.Fill(bytes);
        }
        while (bytes[0] >= 0xF8); // its top 6 bits are the first character: 62 is '-', 63 is '_'

        return Base64Url.EncodeToString(bytes);
    }
}
