namespace Trax.Storage;

/// <summary>
/// A conditional write (under an ETag) kept losing to concurrent writers until its attempts ran out. Nothing is
/// wrong with the request and nothing was lost: it is a storage fault like a busy server, so an HTTP caller is
/// answered 503 and retries (<c>StorageFault</c>), and a queue message is retried by the host.
/// </summary>
public sealed class StorageContentionException(string message) : Exception(message);
