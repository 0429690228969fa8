using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Email;

/// <summary>
/// Copies of mail in the local outbox. A person's copies are the mails sent to them; erasure also
/// removes copies sent to others that name them (a last reminder's copy to the editors), since a
/// copy cannot be anonymised without changing what was sent.
/// </summary>
public sealed class OutboxPersonalData(
    [FromKeyedServices(StorageNames.OutboxContainer)] BlobContainerClient container, OutboxReader reader) : IPersonalDataHolder
{
    public async IAsyncEnumerable<PersonalRecord> ExportAsync(PersonalDataSubject subject, [EnumeratorCancellation] CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            yield break;
        }
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, ct))
        {
            if (Recipient(blob) == subject.Email && await reader.ReadAsync(Id(blob), ct) is { } mail)
            {
                yield return PersonalRecord.Of("mail", mail.Subject, ("To", mail.To), ("Subject", mail.Subject), ("Sent", mail.SentAt), ("Text", mail.Text));
            }
        }
    }

    public async Task<int> EraseAsync(PersonalDataSubject subject, ErasureChoices choices, CancellationToken ct)
    {
        if (subject.VisitsOnly || subject.Email.Length == 0)
        {
            return 0;
        }
        var deleted = 0;
        var words = subject.Names.Where(n => n.Length > 0).Append(subject.Email).ToList();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, ct))
        {
            var mentions = Recipient(blob) == subject.Email;
            if (!mentions)
            {
                var content = await container.GetBlobClient(blob.Name).DownloadContentAsync(ct);
                var text = content.Value.Content.ToString();
                mentions = words.Any(w => text.Contains(w, StringComparison.OrdinalIgnoreCase) || text.Contains(EscapedForJson(w), StringComparison.OrdinalIgnoreCase));
            }
            if (mentions && (await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: ct)).Value)
            {
                deleted++;
            }
        }
        return deleted;
    }

    public async Task<IReadOnlyList<RetentionCount>> ApplyRetentionAsync(RetentionPeriods periods, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = now - periods.OutboxCopies;
        var deleted = 0;
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, ct))
        {
            var sent = blob.Metadata.TryGetValue("sentat", out var at) &&
                DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed) ? parsed : blob.Properties.CreatedOn ?? now;
            if (sent < cutoff && (await container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: ct)).Value)
            {
                deleted++;
            }
        }
        return [new RetentionCount("outbox", deleted)];
    }

    private static string Recipient(BlobItem blob) =>
        blob.Metadata.TryGetValue("to", out var to) ? Uri.UnescapeDataString(to).Trim().ToLowerInvariant() : "";

    private static string Id(BlobItem blob) => Path.GetFileNameWithoutExtension(blob.Name);

    /// <summary>The copy is stored as JSON, where a name with accents or an apostrophe may be written escaped.</summary>
    private static string EscapedForJson(string text) => System.Text.Json.JsonSerializer.Serialize(text, JsonDefaults.Options).Trim('"');
}
