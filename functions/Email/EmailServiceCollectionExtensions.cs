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
        services.AddSingleton<MailQueue>();
        services.AddSingleton<IPendingWorkHandler>(sp => sp.GetRequiredService<MailQueue>());
        return services;
    }

    public static IEndpointRouteBuilder MapOutbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/outbox").RequireAuthorization(Accounts.Policies.Coordinator).WithTags("Outbox");
        group.MapGet("/", async (OutboxReader reader, CancellationToken ct) => TypedResults.Ok(await reader.ListAsync(200, ct)));
        group.MapGet("/{id}", GetMessageAsync);
        return app;
    }

    public static async Task<Microsoft.AspNetCore.Http.HttpResults.Results<Microsoft.AspNetCore.Http.HttpResults.Ok<OutboxMessage>, Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>> GetMessageAsync(
        string id, OutboxReader reader, CancellationToken ct) =>
        await reader.ReadAsync(id, ct) is { } message ? TypedResults.Ok(message) : Common.Problems.NotFound("The message");
}
