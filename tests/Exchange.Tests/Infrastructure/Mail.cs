using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Exchange.Common;
using Exchange.Email;
using Exchange.Storage;

namespace Exchange.Tests.Infrastructure;

/// <summary>Reads the local outbox container the way a coordinator would, straight from Azurite.</summary>
public static partial class Mail
{
    public static async Task<OutboxMessage?> FindAsync(Azurite azurite, string to, Func<OutboxMessage, bool>? match = null, TimeSpan? wait = null)
    {
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.OutboxContainer);
        var deadline = DateTime.UtcNow + (wait ?? TimeSpan.FromSeconds(30));
        do
        {
            if (await container.ExistsAsync())
            {
                await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
                {
                    if (!IsTo(blob, to))
                    {
                        continue;
                    }
                    var content = await container.GetBlobClient(blob.Name).DownloadContentAsync();
                    var message = JsonSerializer.Deserialize<OutboxMessage>(content.Value.Content.ToStream(), JsonDefaults.Options)!;
                    if (message.To == to && (match?.Invoke(message) ?? true))
                    {
                        return message;
                    }
                }
            }
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        return null;
    }

    /// <summary>The ids of the messages to an address so far, so that a test can wait for a new one.</summary>
    public static async Task<IReadOnlySet<string>> IdsAsync(Azurite azurite, string to)
    {
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.OutboxContainer);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (await container.ExistsAsync())
        {
            await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
            {
                if (IsTo(blob, to))
                {
                    ids.Add(Path.GetFileNameWithoutExtension(blob.Name));
                }
            }
        }
        return ids;
    }

    public static async Task<int> CountAsync(Azurite azurite, string to)
    {
        var container = azurite.Blobs.GetBlobContainerClient(StorageNames.OutboxContainer);
        var count = 0;
        if (!await container.ExistsAsync())
        {
            return 0;
        }
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
        {
            count += IsTo(blob, to) ? 1 : 0;
        }
        return count;
    }

    private static bool IsTo(BlobItem blob, string to) =>
        blob.Metadata.TryGetValue("to", out var address) && Uri.UnescapeDataString(address) == to;

    public static string LinkIn(OutboxMessage message) => LinkPattern().Match(message.Text).Value;

    public static string TokenIn(OutboxMessage message) =>
        Uri.UnescapeDataString(TokenPattern().Match(message.Text).Groups[1].Value);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"token=([A-Za-z0-9_\-%]+)")]
    private static partial Regex TokenPattern();
}
