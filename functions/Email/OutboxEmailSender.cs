using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Email;

/// <summary>
/// Keeps mail in a blob container when no SendGrid key is configured, so a local install
/// works end to end and a coordinator can read what would have been sent.
/// </summary>
public sealed class OutboxEmailSender(
    [FromKeyedServices(StorageNames.OutboxContainer)] BlobContainerClient container,
    TimeProvider time,
    ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // Inverted ticks make the natural blob order newest-first. A delivery id (made the same
        // way) names the message, so a second attempt at one delivery finds it already here.
        var id = message.DeliveryId ?? $"{DateTimeOffset.MaxValue.Ticks - now.UtcTicks:D19}-{Guid.NewGuid():N}";
        var stored = new OutboxMessage(id, message.To, message.Subject, now, message.Text, message.Html, message.Category,
            message.Headers ?? new Dictionary<string, string>(),
            (message.Attachments ?? []).Select(a => new OutboxAttachment(a.FileName, a.ContentType, a.Content.Length, Convert.ToBase64String(a.Content))).ToList());
        try
        {
            await UploadAsync(id, stored, message, now, ct);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412 && message.DeliveryId is not null)
        {
            logger.LogInformation("Outbox: delivery {Id} was already stored", id);
            return new EmailReceipt("outbox-" + id);
        }
        logger.LogInformation("Outbox: {Category} mail to {To} stored as {Id}", message.Category, message.To, id);
        return new EmailReceipt("outbox-" + id);
    }

    private Task UploadAsync(string id, OutboxMessage stored, EmailMessage message, DateTimeOffset now, CancellationToken ct) =>
        container.GetBlobClient(id + ".json").UploadAsync(
            BinaryData.FromObjectAsJson(stored, JsonDefaults.Options),
            new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" },
                Conditions = message.DeliveryId is null ? null : new BlobRequestConditions { IfNoneMatch = ETag.All },
                // The summary rides in metadata (escaped to ASCII), so listing needs no downloads.
                Metadata = new Dictionary<string, string>
                {
                    ["category"] = Uri.EscapeDataString(message.Category),
                    ["to"] = Uri.EscapeDataString(message.To),
                    ["subject"] = Uri.EscapeDataString(message.Subject),
                    ["sentat"] = now.ToString("O"),
                },
            }, ct);
}

public sealed record OutboxMessage(
    string Id,
    string To,
    string Subject,
    DateTimeOffset SentAt,
    string Text,
    string Html,
    string Category,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<OutboxAttachment> Attachments);

/// <summary>An attachment as stored (with its content, base64) and as listed (without it).</summary>
public sealed record OutboxAttachment(string FileName, string ContentType, int Size, string? Content = null);

public sealed record OutboxSummary(string Id, string To, string Subject, DateTimeOffset SentAt, string Category);

public sealed class OutboxReader([FromKeyedServices(StorageNames.OutboxContainer)] BlobContainerClient container)
{
    /// <summary>The newest messages first; with <paramref name="search"/>, only those whose recipient or subject contains it.</summary>
    public async Task<IReadOnlyList<OutboxSummary>> ListAsync(int max, string? search, CancellationToken ct)
    {
        var wanted = search?.Trim();
        var result = new List<OutboxSummary>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }, ct))
        {
            var m = blob.Metadata;
            if (m.TryGetValue("to", out var to) && m.TryGetValue("subject", out var subject) && m.TryGetValue("sentat", out var sentAt) &&
                DateTimeOffset.TryParse(sentAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out var sent))
            {
                var summary = new OutboxSummary(Path.GetFileNameWithoutExtension(blob.Name), Uri.UnescapeDataString(to), Uri.UnescapeDataString(subject), sent,
                    m.TryGetValue("category", out var category) ? Uri.UnescapeDataString(category) : "");
                if (string.IsNullOrEmpty(wanted) || summary.To.Contains(wanted, StringComparison.OrdinalIgnoreCase) || summary.Subject.Contains(wanted, StringComparison.OrdinalIgnoreCase))
                {
                    result.Add(summary);
                }
            }
            if (result.Count >= max)
            {
                break;
            }
        }
        return result;
    }

    public async Task<OutboxMessage?> ReadAsync(string id, CancellationToken ct)
    {
        if (id.Length is 0 or > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }
        try
        {
            var content = await container.GetBlobClient(id + ".json").DownloadContentAsync(ct);
            return JsonSerializer.Deserialize<OutboxMessage>(content.Value.Content.ToStream(), JsonDefaults.Options);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }
}
