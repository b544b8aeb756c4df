using System.Buffers.Text;
using System.Text;

namespace Trax.Storage;

/// <summary>
/// The opaque continuation tokens of the paged APIs: a version, then the fields that scope a page (its day, its
/// forward) and say where the next one starts, Base64url. Opaque is not trusted: each store checks the fields.
/// </summary>
public static class ContinuationToken
{
    private const string Version = "1";

    public static string Encode(params IEnumerable<string> fields) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', [Version, .. fields])));

    /// <summary>The fields after the version; null when the token is not one this version wrote.</summary>
    public static string[]? Decode(string token)
    {
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = text.Split('\n');
        return parts[0] == Version ? parts[1..] : null;
    }
}
