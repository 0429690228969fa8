using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Exchange.Email;

public sealed class SendGridEmailSender(ISendGridClient client, IOptions<EmailOptions> options, ILogger<SendGridEmailSender> logger) : IEmailSender
{
    public async Task<EmailReceipt> SendAsync(EmailMessage message, CancellationToken ct)
    {
        var mail = new SendGridMessage
        {
            From = new EmailAddress(options.Value.FromAddress, options.Value.FromName),
            Subject = message.Subject,
            PlainTextContent = message.Text,
            HtmlContent = message.Html,
        };
        mail.AddTo(new EmailAddress(message.To));
        mail.AddCategory(message.Category);
        // No open or click tracking: reminders must not carry pixels or rewritten links.
        mail.SetClickTracking(false, false);
        mail.SetOpenTracking(false);
        if (message.Headers is not null)
        {
            mail.AddHeaders(message.Headers.ToDictionary(h => h.Key, h => h.Value));
        }
        foreach (var attachment in message.Attachments ?? [])
        {
            mail.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType);
        }

        Response response;
        try
        {
            response = await client.SendEmailAsync(mail, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new EmailSendException("SendGrid could not be reached.", transient: true, ex);
        }

        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            var transient = response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500;
            logger.LogWarning("SendGrid refused {Category} mail with {Status}", message.Category, status);
            throw new EmailSendException($"SendGrid answered {status}.", transient);
        }

        var id = response.Headers.TryGetValues("X-Message-Id", out var values) ? values.FirstOrDefault() : null;
        return new EmailReceipt(id ?? $"sendgrid-{Guid.NewGuid():N}");
    }
}
