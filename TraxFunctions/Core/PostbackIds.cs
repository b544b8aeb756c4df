using System.Security.Cryptography;

namespace Trax.Core;

/// <summary>
/// Postback ids: UUID version 7 (RFC 9562) written as 32 hex digits, so they sort by receipt time, and a postback's
/// place in a conversion's history is its id's order. Within one millisecond this process counts up in the 12 bits
/// after the timestamp (RFC 9562's method 1), so ids it mints never go backwards: two rows of one upload, or two
/// postbacks in the same millisecond, keep the order in which they arrived.
/// </summary>
public static class PostbackIds
{
    private static readonly Lock Sync = new();
    private static long lastMilliseconds;
    private static int counter;

    public static string New(DateTimeOffset receivedAt)
    {
        long milliseconds;
        int sequence;
        lock (Sync)
        {
            milliseconds = Math.Max(receivedAt.ToUnixTimeMilliseconds(), lastMilliseconds);
            if (milliseconds == lastMilliseconds)
            {
                if (++counter > 0xFFF)
                {
                    milliseconds++;
                    counter = 0;
                }
            }
            else
            {
                counter = 0;
            }

            lastMilliseconds = milliseconds;
            sequence = counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (sequence >> 8));
        bytes[7] = (byte)sequence;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The receipt time an id holds (to the millisecond), or null for a value that is not such an id.</summary>
    public static DateTimeOffset? TimeOf(string id) =>
        id.Length == 32 && long.TryParse(id.AsSpan(0, 12), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;
}
