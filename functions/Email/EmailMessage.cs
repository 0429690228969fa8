namespace Exchange.Email;

public sealed record EmailMessage(
    string To,
    string Subject,
    string Text,
    string Html,
    string Category,
    IReadOnlyDictionary<string, string>? Headers = null,
    IReadOnlyList<EmailAttachment>? Attachments = null,
    // Names one delivery: the outbox keeps one message per id, so sending again is harmless.
    string? DeliveryId = null);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>The provider's id for an accepted message.</summary>
public sealed record EmailReceipt(string MessageId);

/// <summary>Raised when the provider refuses or fails; <see cref="Transient"/> says a later retry may succeed.</summary>
public sealed class EmailSendException(string message, bool transient, Exception? inner = null) : Exception(message, inner)
{
    public bool Transient { get; } = transient;
}

public interface IEmailSender
{
    Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken ct);
}
