using Trax.Core;
using Trax.Storage;

namespace Trax.Conversions;

/// <summary>
/// Reads the postback queue. A malformed message or a storage failure throws: the host makes the message
/// visible again, and after host.json's <c>maxDequeueCount</c> (5) moves it to <c>postbacks-poison</c>.
/// </summary>
public sealed class ProcessPostback(ConversionProcessor processor, ILogger<ProcessPostback> logger)
{
    [Function(nameof(ProcessPostback))]
    public async Task RunAsync(
        [QueueTrigger(TraxOptions.QueueNameExpression, Connection = StorageConnection.Name)] string message,
        CancellationToken cancellationToken)
    {
        PostbackMessage postback;
        try
        {
            postback = PostbackMessageJson.Deserialize(message);
        }
        catch (InvalidPostbackMessageException ex)
        {
            Log.Malformed(logger, ex.Message);
            throw;
        }

        await processor.ProcessAsync(postback, cancellationToken);
    }
}
