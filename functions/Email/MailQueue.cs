using System.Text.Json;
using Exchange.Common;
using Exchange.Storage;

namespace Exchange.Email;

/// <summary>
/// Mail sent after the answer, such as notices to editors: recorded as pending work when the
/// request is answered, then sent, and sent again after a failure until it goes through or a day
/// has passed. Each message keeps its work item's id as its delivery id.
/// </summary>
public sealed class MailQueue(PendingWork work, IEmailSender email) : IPendingWorkHandler
{
    public const string WorkKind = "mail";

    /// <summary>A notice older than this is no longer news.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public string Kind => WorkKind;

    public Task AcceptAsync(EmailMessage message, CancellationToken ct) => work.AcceptAsync(WorkKind, message, Lifetime, ct);

    public async Task HandleAsync(PendingWorkItem item, CancellationToken ct)
    {
        var message = JsonSerializer.Deserialize<EmailMessage>(item.Payload, JsonDefaults.Options)!;
        await email.SendAsync(message with { DeliveryId = item.Id }, ct);
    }
}
