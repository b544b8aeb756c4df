namespace Trax.Tests;

/// <summary>
/// The test run's one Azurite (<see cref="AzuriteServer.SharedAsync"/>): started by the first test that needs it, so a
/// run without integration tests starts none, and stopped after the last test. Without Azurite every test on it fails
/// with a message that says to run `npm ci`: never skipped.
/// </summary>
[SetUpFixture]
public sealed class AzuriteSetup
{
    /// <summary>
    /// The shared storage, for a test that builds its own clients. An app on it is simply
    /// <c>TraxApp.StartAsync(time: clock)</c>.
    /// </summary>
    public static AzuriteServer Storage => AzuriteServer.SharedAsync().GetAwaiter().GetResult();

    [OneTimeTearDown]
    public async Task StopAsync() => await AzuriteServer.StopSharedAsync();
}
