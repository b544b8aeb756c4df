namespace Trax.Storage;

/// <summary>A table or queue Trax needs: created at start-up (locally; infra creates them in Azure) and probed by health.</summary>
public interface IStorageResource
{
    string Name { get; }

    Task CreateIfNotExistsAsync(CancellationToken cancellationToken);

    /// <summary>A cheap read that proves the resource exists and Trax may use it; throws otherwise.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
