using System.Diagnostics;
using Azure.Data.Tables;
using Exchange.Common;
using Exchange.Materials;
using Exchange.Storage;
using Exchange.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace Exchange.Tests.Contract;

/// <summary>
/// The document reader ships inside the published folder (the app's own executable in its
/// extractor mode) and works from there: run alone, and started by the published app itself,
/// as on Flex Consumption.
/// </summary>
public sealed class TextSandboxContractTests
{
    [Fact]
    public async Task The_published_executable_reads_a_document_in_its_extractor_mode()
    {
        var folder = await PublishedApp.FolderAsync();
        var file = Path.Combine(Path.GetTempPath(), $"exchange-contract-{Guid.NewGuid():N}.docx");
        await File.WriteAllBytesAsync(file, Documents.Docx("Mediazione familiare nella Città"));
        try
        {
            var start = new ProcessStartInfo(Path.Combine(folder, "Exchange.Functions")) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
            foreach (var argument in TextExtractorMode.Arguments(FileTypes.Docx, file, ReadingLimits.From(new MaterialsOptions()), 300_000))
            {
                start.ArgumentList.Add(argument);
            }
            using var process = Process.Start(start)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, errors);
            Assert.Equal(["citta", "familiare", "mediazione", "nella"], output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task The_published_app_reads_stored_files_through_its_sandbox_and_survives_one_that_crashes_it()
    {
        await using var azurite = await Azurite.StartIsolatedAsync();
        var tables = azurite.Tables;
        foreach (var name in StorageNames.Tables)
        {
            await tables.CreateTableIfNotExistsAsync(name);
        }
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.MaterialsContainer);
        await container.CreateIfNotExistsAsync();
        var store = new MaterialStore(tables.GetTableClient(StorageNames.MaterialsTable), tables.GetTableClient(StorageNames.MaterialTextTable),
            tables.GetTableClient(StorageNames.MetaTable), NullLogger<MaterialStore>.Instance);
        var good = await StoreAsync(store, container, FileTypes.Docx, Documents.Docx("Sostegno alla genitorialità"));
        var crashing = await StoreAsync(store, container, FileTypes.Pdf, HostileDocuments.SelfReferencingPdf());

        // The indexer queues at start every stored file whose text is still to be read.
        var (process, client) = await PublishedApp.StartHostedAsync(azurite);
        await using (process)
        using (client)
        {
            var texts = tables.GetTableClient(StorageNames.MaterialTextTable);
            var read = await SettledAsync(texts, good);
            Assert.Equal("Searchable", read.GetString("Status"));
            Assert.Contains("genitorialita", EntityJson.Read<List<string>>(read, "Words")!);
            var failed = await SettledAsync(texts, crashing);
            Assert.Equal(("NotSearchable", "TooComplex", 1), (failed.GetString("Status"), failed.GetString("Reason"), failed.GetInt32("Attempts")));
            Assert.False(process.HasExited, process.Output);
            Assert.True((await client.GetAsync("/")).IsSuccessStatusCode);
        }
    }

    private static async Task<string> StoreAsync(MaterialStore store, Azure.Storage.Blobs.BlobContainerClient container, FileType type, byte[] bytes)
    {
        var now = DateTimeOffset.UtcNow;
        var material = MaterialRules.Create(OrganisationScopedId.New("it-contract"), "it-contract",
            new MaterialFacts("en", new Dictionary<string, string> { ["en"] = "Contract" }, "", "other", 2020, "CC-BY-4.0", []), now);
        var blob = MaterialUploads.BlobNameFor(material.Id, "en", Guid.NewGuid().ToString("N"));
        await container.GetBlobClient(blob).UploadAsync(new BinaryData(bytes));
        var file = new MaterialFile("en", 0, null, "file" + type.Extension, type.Id, type.ContentType, bytes.Length, "00", blob, now, "contract@test", null);
        await store.CreateAsync(MaterialRules.AddFile(material, file, now).OrThrow(), CancellationToken.None);
        return material.Id;
    }

    private static async Task<TableEntity> SettledAsync(TableClient texts, string materialId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var found = await texts.GetEntityIfExistsAsync<TableEntity>(materialId, "en");
            if ((found.HasValue && found.Value!.GetString("Status") != "Reading") || DateTime.UtcNow > deadline)
            {
                return found.Value ?? throw new TimeoutException("The published app did not read the file.");
            }
            await Task.Delay(200);
        }
    }
}
