namespace Trax.OperatorConsole;

/// <summary>One file of the built console: its content type, how long browsers may keep it, its bytes (and gzipped).</summary>
public sealed record ConsoleFile(string Path, string ContentType, string CacheControl, byte[] Content, byte[]? Gzipped);
