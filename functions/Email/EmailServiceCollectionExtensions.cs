using Exchange.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Exchange.Storage;
using Microsoft.Extensions.Options;
using SendGrid;

namespace Exchange.Email;

public static class EmailServiceCollectionExtensions
{
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section));
        services.AddSingleton<ISendGridClient>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<EmailOptions>>().Value;
            var clientOptions = new SendGridClientOptions { ApiKey = options.SendGridApiKey ?? "unset" };
            if (!string.IsNullOrWhiteSpace(options.SendGridHost))
            {
                clientOptions.Host = options.SendGridHost;
            }
            clientOptions.ReliabilitySettings = new SendGrid.Helpers.Reliability.ReliabilitySettings(0, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero);
            return new SendGridClient(new HttpClient { Timeout = options.SendGridTimeout }, clientOptions);
        });
        services.AddSingleton<SendGridEmailSender>();
        services.AddSingleton<OutboxEmailSender>();
        services.AddSingleton<IEmailSender>(sp => sp.GetRequiredService<IOptions<EmailOptions>>().Value.UsesSendGrid
            ? sp.GetRequiredService<SendGridEmailSender>()
            : sp.GetRequiredService<OutboxEmailSender>());
        services.AddSingleton<OutboxReader>();
        services.AddSingleton<IPersonalDataHolder, OutboxPersonalData>();
        services.AddSingleton<MailQueue>();
        services.AddSingleton<IPendingWorkHandler>(sp => sp.GetRequiredService<MailQueue>());
        return services;
    }

    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outbox").RequireAuthorization(Accounts.Policies.Coordinator).WithTags("Outbox");
        group.MapGet("/", async (string? q, OutboxReader reader, CancellationToken ct) => TypedResults.Ok(await reader.ListAsync(200, q, ct)));
        group.MapGet("/{id}", GetMessageAsync);
        group.MapGet("/{id}/html", GetHtmlAsync);
        group.MapGet("/{id}/attachments/{index:int}", GetAttachmentAsync);
        return app;
    }

    /// <summary>The message without its attachments' content, which has its own address.</summary>
    public static async Task<Results<Ok<OutboxMessage>, ProblemHttpResult>> GetMessageAsync(string id, OutboxReader reader, CancellationToken ct) =>
        await reader.ReadAsync(id, ct) is { } message
            ? TypedResults.Ok(message with { Attachments = message.Attachments.Select(a => a with { Content = null }).ToList() })
            : Problems.NotFound("The message");

    /// <summary>
    /// The HTML part, for the outbox page to show in a sandboxed frame: no script runs, nothing is
    /// fetched from elsewhere, and only this site may frame it.
    /// </summary>
    public static async Task<IResult> GetHtmlAsync(string id, HttpContext context, OutboxReader reader, CancellationToken ct)
    {
        if (await reader.ReadAsync(id, ct) is not { } message)
        {
            return Problems.NotFound("The message");
        }
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox; frame-ancestors 'self'";
        headers.XFrameOptions = "SAMEORIGIN";
        return TypedResults.Text(message.Html, "text/html; charset=utf-8");
    }

    public static async Task<IResult> GetAttachmentAsync(string id, int index, OutboxReader reader, CancellationToken ct)
    {
        var message = await reader.ReadAsync(id, ct);
        if (message is null || index < 0 || index >= message.Attachments.Count || message.Attachments[index].Content is not { } content)
        {
            return Problems.NotFound("The attachment");
        }
        var attachment = message.Attachments[index];
        return TypedResults.File(Convert.FromBase64String(content), attachment.ContentType, attachment.FileName);
    }
}
