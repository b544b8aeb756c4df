namespace Trax.Http;

/// <summary>Reads a request body up to a limit, trusting neither Content-Length nor its absence (chunked).</summary>
public static class RequestBody
{
    /// <summary>The body's bytes, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        using var body = new MemoryStream();
        var chunk = new byte[Math.Min(maxBytes + 1, 16 * 1024)];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            body.Write(chunk, 0, read);
            if (body.Length > maxBytes)
            {
                return null;
            }
        }

        return body.ToArray();
    }
}
