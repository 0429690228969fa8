using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Exchange.Tests.Infrastructure;

/// <summary>
/// Counts the table entities the app reads, per table, by looking at every successful GET the
/// Tables client makes: a query answers <c>{"value":[...]}</c>, a point read one entity.
/// </summary>
public sealed class EntityCounter : HttpPipelinePolicy
{
    private readonly ConcurrentDictionary<string, long> _read = new(StringComparer.Ordinal);

    public long Read(string table) => _read.GetValueOrDefault(table);

    public long Total => _read.Values.Sum();

    public IReadOnlyDictionary<string, long> ByTable => _read.ToDictionary();

    public void Reset() => _read.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Count(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Count(message);
    }

    private void Count(HttpMessage message)
    {
        if (message.Request.Method != RequestMethod.Get || message.Response.Status != 200 || message.Response.Content is null)
        {
            return;
        }
        var path = message.Request.Uri.Path;
        var segment = path[(path.LastIndexOf('/') + 1)..];
        var paren = segment.IndexOf('(', StringComparison.Ordinal);
        var table = paren < 0 ? segment : segment[..paren];
        if (table is "" or "Tables")
        {
            return;
        }
        using var json = JsonDocument.Parse(message.Response.Content.ToMemory());
        var count = json.RootElement.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array ? value.GetArrayLength() : 1;
        _read.AddOrUpdate(table, count, (_, n) => n + count);
    }
}
