using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;

namespace Exchange.Tests.Infrastructure;

/// <summary>Reads every table and every blob container of an Azurite account, looking for given words anywhere.</summary>
public static class StorageScan
{
    /// <summary>Where each word was found: "table Mobilities: ParticipantName", "container outbox: 0123.json".</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(Azurite azurite, params string[] words)
    {
        var found = new List<string>();
        bool Mentions(string? text) => text is not null && words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase));
        var tables = 0;
        await foreach (var table in azurite.Tables.QueryAsync())
        {
            tables++;
            await foreach (var entity in azurite.Tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (key, value) in entity)
                {
                    if (Mentions(value?.ToString()) || Mentions(key))
                    {
                        found.Add($"table {table.Name}: {entity.PartitionKey}/{entity.RowKey} {key}");
                    }
                }
            }
        }
        var containers = 0;
        await foreach (var container in azurite.Blobs.GetBlobContainersAsync())
        {
            containers++;
            var client = azurite.Blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
            {
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                if (Mentions(blob.Name) || Mentions(content) || blob.Metadata.Values.Any(v => Mentions(Uri.UnescapeDataString(v))))
                {
                    found.Add($"container {container.Name}: {blob.Name}");
                }
            }
        }
        if (tables == 0 || containers == 0)
        {
            throw new InvalidOperationException("The scan found no tables or no containers: it would prove nothing.");
        }
        return found;
    }
}
