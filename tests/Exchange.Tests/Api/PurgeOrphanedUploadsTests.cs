using Azure.Storage.Blobs;
using Exchange.Hosting;
using Exchange.Materials;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

[Collection(nameof(StorageWideTimers))]
public sealed class PurgeOrphanedUploadsTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly ExchangeFactory _factory;

    public PurgeOrphanedUploadsTests() => _factory = new ExchangeFactory { Time = _time };

    [Fact]
    public async Task The_daily_purge_removes_files_no_material_points_to_once_they_are_an_hour_old()
    {
        var coordinator = await _factory.SignInAsCoordinatorAsync();
        var organisation = await _factory.CreateOrganisationAsync(coordinator);
        var material = await Materials.CreateAsync(coordinator, Materials.Input(organisation.Id, Unique.Name("Da pulire")));
        var current = Documents.Pdf("Seconda");
        await Materials.UploadedAsync(coordinator, material.Id(), "it", Documents.Pdf("Prima"));
        await Materials.UploadedAsync(coordinator, material.Id(), "it", current);

        var container = _factory.Azurite.Blobs.GetBlobContainerClient(StorageNames.MaterialsContainer);
        string[] orphans = [$"{material.Id()}/it/left-by-a-failed-write", $"it-gone.abcdefghij/en/{Guid.NewGuid():N}"];
        foreach (var orphan in orphans)
        {
            await container.UploadBlobAsync(orphan, BinaryData.FromBytes(Documents.Pdf("Orfano")));
        }

        await RunAsync();
        Assert.All(orphans, o => Assert.True(container.GetBlobClient(o).Exists().Value, $"{o} was purged while recent."));

        _time.Advance(TimeSpan.FromHours(2));
        await Task.WhenAll(RunAsync(), RunAsync());

        Assert.All(orphans, o => Assert.False(container.GetBlobClient(o).Exists().Value, $"{o} was kept."));
        Assert.Equal(2, await CountAsync(container, material.Id() + "/"));
        Assert.Equal(current, await _factory.CreateClient().GetByteArrayAsync($"/api/materials/{material.Id()}/versions/it/download"));
    }

    private async Task RunAsync()
    {
        var invoker = _factory.Services.GetRequiredService<TimerInvoker>();
        var definition = _factory.Services.GetServices<TimerDefinition>().Single(d => d.Name == PurgeOrphanedUploads.Name);
        await invoker.InvokeAsync(definition, new TimerRun(_time.GetUtcNow(), false, "test"), CancellationToken.None);
    }

    private static async Task<int> CountAsync(BlobContainerClient container, string prefix)
    {
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
        {
            count++;
        }
        return count;
    }

    public void Dispose() => _factory.Dispose();
}
