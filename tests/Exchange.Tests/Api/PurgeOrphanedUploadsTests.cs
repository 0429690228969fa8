using System.Net;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
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
    public async Task The_daily_purge_removes_abandoned_slots_and_files_no_material_points_to_once_they_are_an_hour_old()
    {
        var coordinator = await _factory.SignInAsCoordinatorAsync();
        var organisation = await _factory.CreateOrganisationAsync(coordinator);
        var material = await Materials.CreateAsync(coordinator, Materials.Input(organisation.Id, Unique.Name("Da pulire")));
        var current = Documents.Pdf("Seconda");
        await Materials.UploadedAsync(coordinator, material.Id(), "it", Documents.Pdf("Prima"));
        await Materials.UploadedAsync(coordinator, material.Id(), "it", current);

        // Two slots never committed: one holds only blocks, the other a whole file.
        var blocksOnly = await Materials.SlotAsync(coordinator, material.Id(), "it", 1000);
        var blockId = Uri.EscapeDataString(Materials.BlockId(0));
        var put = await Materials.Storage.PutAsync($"{blocksOnly.GetProperty("uploadUrl").GetString()}&comp=block&blockid={blockId}", new ByteArrayContent(Documents.Pdf("Blocchi")));
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var whole = await Materials.SlotAsync(coordinator, material.Id(), "it", 1000);
        await Materials.PutBlocksAsync(whole.GetProperty("uploadUrl").GetString()!, Documents.Pdf("Intero"), 64 * 1024);

        var container = _factory.Azurite.Blobs.GetBlobContainerClient(StorageNames.MaterialsContainer);
        string[] orphans = [$"{material.Id()}/it/left-by-a-failed-write", $"it-gone.abcdefghij/en/{Guid.NewGuid():N}"];
        foreach (var orphan in orphans)
        {
            await container.UploadBlobAsync(orphan, BinaryData.FromBytes(Documents.Pdf("Orfano")));
        }
        Assert.Equal(5, await CountAsync(container, material.Id() + "/"));
        Assert.Equal(2, await SlotsAsync(material.Id()));

        await RunAsync();
        Assert.All(orphans, o => Assert.True(container.GetBlobClient(o).Exists().Value, $"{o} was purged while recent."));
        Assert.Equal(5, await CountAsync(container, material.Id() + "/"));

        _time.Advance(TimeSpan.FromHours(2));
        await Task.WhenAll(RunAsync(), RunAsync());

        Assert.All(orphans, o => Assert.False(container.GetBlobClient(o).Exists().Value, $"{o} was kept."));
        Assert.Equal(2, await CountAsync(container, material.Id() + "/"));
        Assert.Equal(0, await SlotsAsync(material.Id()));
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        Assert.Equal(current, await Materials.DownloadBytesAsync(client, $"/api/materials/{material.Id()}/versions/it/download"));
        Assert.Equal(HttpStatusCode.OK, (await Materials.DownloadAsync(coordinator, $"/api/materials/{material.Id()}/versions/it/revisions/1/download")).StatusCode);
    }

    private async Task RunAsync()
    {
        var invoker = _factory.Services.GetRequiredService<TimerInvoker>();
        var definition = _factory.Services.GetServices<TimerDefinition>().Single(d => d.Name == PurgeOrphanedUploads.Name);
        await invoker.InvokeAsync(definition, new TimerRun(_time.GetUtcNow(), false, "test"), CancellationToken.None);
    }

    /// <summary>Blobs under a prefix, with those that hold only uncommitted blocks; not counting snapshots.</summary>
    private static async Task<int> CountAsync(BlobContainerClient container, string prefix)
    {
        return await container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix, States = BlobStates.Uncommitted }).CountAsync();
    }

    private async Task<int> SlotsAsync(string materialId)
    {
        return await _factory.Azurite.Tables.GetTableClient(StorageNames.MaterialUploadsTable).QueryAsync<TableEntity>(e => e.PartitionKey == materialId).CountAsync();
    }

    public void Dispose() => _factory.Dispose();
}
