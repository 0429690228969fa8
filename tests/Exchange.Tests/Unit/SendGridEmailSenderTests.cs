using System.Net;
using Exchange.Email;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace Exchange.Tests.Unit;

public sealed class SendGridEmailSenderTests
{
    private readonly Mock<ISendGridClient> _client = new();
    private readonly EmailMessage _message = new("editor@example.org", "Subject", "Text part", "<p>Html part</p>", "reminder",
        new Dictionary<string, string> { ["List-Unsubscribe"] = "<https://x/u>" },
        [new EmailAttachment("visit.ics", "text/calendar", "BEGIN:VCALENDAR"u8.ToArray())]);

    private SendGridEmailSender Sender() => new(_client.Object,
        Options.Create(new EmailOptions { SendGridApiKey = "key", FromAddress = "exchange@example.org", FromName = "Exchange" }),
        NullLogger<SendGridEmailSender>.Instance);

    private static Response Answer(HttpStatusCode status, string? messageId = null)
    {
        var response = new HttpResponseMessage(status);
        if (messageId is not null)
        {
            response.Headers.Add("X-Message-Id", messageId);
        }
        return new Response(status, response.Content, response.Headers);
    }

    [Fact]
    public async Task Sends_both_parts_headers_and_attachments_without_tracking_and_returns_the_message_id()
    {
        SendGridMessage? sent = null;
        _client.Setup(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>()))
            .Callback<SendGridMessage, CancellationToken>((m, _) => sent = m)
            .ReturnsAsync(Answer(HttpStatusCode.Accepted, "sg-123"));

        var receipt = await Sender().SendAsync(_message, CancellationToken.None);

        Assert.Equal("sg-123", receipt.MessageId);
        Assert.NotNull(sent);
        var json = sent.Serialize();
        Assert.Contains("\"email\":\"editor@example.org\"", json, StringComparison.Ordinal);
        Assert.Contains("Text part", json, StringComparison.Ordinal);
        Assert.Contains("Html part", json, StringComparison.Ordinal);
        Assert.Contains("List-Unsubscribe", json, StringComparison.Ordinal);
        Assert.Contains("visit.ics", json, StringComparison.Ordinal);
        Assert.False(sent.TrackingSettings.OpenTracking.Enable);
        Assert.False(sent.TrackingSettings.ClickTracking.Enable);
    }

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Unauthorized, false)]
    public async Task A_refusal_says_whether_a_retry_may_succeed(HttpStatusCode status, bool transient)
    {
        _client.Setup(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(Answer(status));
        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender().SendAsync(_message, CancellationToken.None));
        Assert.Equal(transient, error.Transient);
    }

    [Fact]
    public async Task A_network_failure_is_transient()
    {
        _client.Setup(c => c.SendEmailAsync(It.IsAny<SendGridMessage>(), It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("reset"));
        var error = await Assert.ThrowsAsync<EmailSendException>(() => Sender().SendAsync(_message, CancellationToken.None));
        Assert.True(error.Transient);
    }
}
