using System.Net;
using Azure.Storage.Blobs.Models;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Exchange.Tests.Api;

/// <summary>
/// The valet keys expire when the app's clock says, and storage enforces it: the app here runs
/// twenty minutes behind the real clock that Azurite checks signatures with.
/// </summary>
public sealed class MaterialSasExpiryTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow.AddMinutes(-20));
    private readonly ExchangeFactory _factory;

    public MaterialSasExpiryTests() => _factory = new ExchangeFactory { Time = _time };

    private async Task<(HttpClient Partner, string Id)> MaterialAsync()
    {
        var coordinator = await _factory.SignInAsCoordinatorAsync();
        var organisation = await _factory.CreateOrganisationAsync(coordinator);
        var material = await Materials.CreateAsync(coordinator, Materials.Input(organisation.Id, Unique.Name("Scadenza")));
        return (coordinator, material.Id());
    }

    [Fact]
    public async Task An_upload_SAS_older_than_15_minutes_and_a_download_SAS_older_than_10_are_refused_by_storage()
    {
        var (partner, id) = await MaterialAsync();
        var file = Documents.Pdf("Scaduto");

        // Signed at the app's time: fifteen minutes after it is still five minutes ago for storage.
        var slot = await Materials.SlotAsync(partner, id, "it", file.Length);
        var put = await Materials.Storage.PutAsync($"{slot.GetProperty("uploadUrl").GetString()}&comp=block&blockid={Uri.EscapeDataString(Materials.BlockId(0))}",
            new ByteArrayContent(file));
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);

        // A file stored now, then linked with a SAS signed at the app's time: ten minutes after it is past.
        var fresh = await _factory.Services.GetRequiredService<Exchange.Materials.MaterialUploads>()
            .StoreAsync(id, "it", "ora.pdf", BinaryData.FromBytes(file), "editor@test.exchange", CancellationToken.None);
        Assert.True(fresh.TryGet(out _, out var refusal), refusal);
        var location = await Materials.RedirectAsync(_factory.CreateClient(new() { AllowAutoRedirect = false }), $"/api/materials/{id}/versions/it/download");
        Assert.Equal(HttpStatusCode.Forbidden, (await Materials.Storage.GetAsync(location)).StatusCode);
    }

    [Fact]
    public async Task A_commit_long_after_the_slot_expired_is_gone_and_its_file_deleted()
    {
        var (partner, id) = await MaterialAsync();
        var file = Documents.Pdf("Tardi");
        _time.SetUtcNow(DateTimeOffset.UtcNow);
        var slot = await Materials.SlotAsync(partner, id, "it", file.Length);
        await Materials.PutBlocksAsync(slot.GetProperty("uploadUrl").GetString()!, file, 64 * 1024);

        _time.Advance(TimeSpan.FromMinutes(21));
        await Problem.AssertAsync(await Materials.CommitAsync(partner, slot), HttpStatusCode.Gone);

        var container = _factory.Azurite.Blobs.GetBlobContainerClient(StorageNames.MaterialsContainer);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = id + "/", States = BlobStates.All }))
        {
            Assert.Fail($"{blob.Name} was kept.");
        }
        var view = await Practices.OkAsync(await partner.GetAsync($"/api/materials/{id}"));
        Assert.Empty(view.GetProperty("versions").EnumerateArray());
    }

    public void Dispose() => _factory.Dispose();
}
