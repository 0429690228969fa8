using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Exchange.Tests.Infrastructure;

public enum SendGridAnswer
{
    Accept,
    ServerError,
    TooManyRequests,
    /// <summary>Answers only after the client has given up (then with 503), so the client sees a timeout.</summary>
    Hang,
}

/// <summary>A message SendGrid accepted (answered 202 with an X-Message-Id).</summary>
public sealed record AcceptedMail(string MessageId, string To, string Subject, string Text, string Html, IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string> Categories, IReadOnlyList<(string FileName, string Type, string Content)> Attachments);

/// <summary>
/// A fake SendGrid v3 API on loopback for the real SendGrid client (pointed at it with its Host
/// option): POST /v3/mail/send answers 202 with X-Message-Id, or fails as <see cref="Answer"/> decides per call.
/// </summary>
public sealed class FakeSendGrid : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<AcceptedMail> _accepted = new();
    private int _calls;

    private FakeSendGrid(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Decides the answer to the n-th call (1-based). Accepts everything by default.</summary>
    public Func<int, SendGridAnswer> Answer { get; set; } = _ => SendGridAnswer.Accept;

    public TimeSpan HangFor { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Delay before answering an accepted call, to widen races in concurrency tests.</summary>
    public TimeSpan AcceptDelay { get; set; } = TimeSpan.Zero;

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<AcceptedMail> Accepted => _accepted.ToArray();

    public static async Task<FakeSendGrid> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeSendGrid(app);
        app.MapPost("/v3/mail/send", (Func<HttpContext, Task<IResult>>)fake.HandleAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Urls.First();
        return fake;
    }

    private async Task<IResult> HandleAsync(HttpContext context)
    {
        using var json = await JsonDocument.ParseAsync(context.Request.Body);
        var call = Interlocked.Increment(ref _calls);
        switch (Answer(call))
        {
            case SendGridAnswer.ServerError:
                return Results.Json(new { errors = new[] { new { message = "internal error" } } }, statusCode: 500);
            case SendGridAnswer.TooManyRequests:
                return Results.Json(new { errors = new[] { new { message = "too many requests" } } }, statusCode: 429);
            case SendGridAnswer.Hang:
                try
                {
                    await Task.Delay(HangFor, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }
                return Results.StatusCode(503);
        }
        if (AcceptDelay > TimeSpan.Zero)
        {
            await Task.Delay(AcceptDelay);
        }
        var id = "fake-" + Guid.NewGuid().ToString("N");
        _accepted.Enqueue(Read(id, json.RootElement));
        context.Response.Headers["X-Message-Id"] = id;
        return Results.StatusCode(202);
    }

    private static AcceptedMail Read(string id, JsonElement root)
    {
        var personalization = root.GetProperty("personalizations")[0];
        string Content(string type) => root.TryGetProperty("content", out var content)
            ? content.EnumerateArray().Where(c => c.GetProperty("type").GetString() == type).Select(c => c.GetProperty("value").GetString()!).FirstOrDefault() ?? ""
            : "";
        var headers = new Dictionary<string, string>();
        foreach (var source in new[] { root, personalization })
        {
            if (source.TryGetProperty("headers", out var h))
            {
                foreach (var p in h.EnumerateObject())
                {
                    headers[p.Name] = p.Value.GetString()!;
                }
            }
        }
        var categories = root.TryGetProperty("categories", out var c) ? c.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
        var attachments = root.TryGetProperty("attachments", out var a)
            ? a.EnumerateArray().Select(x => (x.GetProperty("filename").GetString()!, x.GetProperty("type").GetString()!, x.GetProperty("content").GetString()!)).ToList()
            : [];
        return new AcceptedMail(id, personalization.GetProperty("to")[0].GetProperty("email").GetString()!,
            root.TryGetProperty("subject", out var s) ? s.GetString()! : personalization.GetProperty("subject").GetString()!,
            Content("text/plain"), Content("text/html"), headers, categories, attachments);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
