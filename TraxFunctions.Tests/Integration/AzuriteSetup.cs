
namespace Trax.Tests.Integration;

/// <summary>Provides Azurite to every test in this namespace; fails them clearly (never skips) without it.</summary>
[SetUpFixture]
public sealed class AzuriteSetup
{
    public static AzuriteServer Storage { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync() => Storage = await AzuriteStorage.AcquireAsync();

    [OneTimeTearDown]
    public async Task StopAsync() => await Storage.DisposeAsync();
}
